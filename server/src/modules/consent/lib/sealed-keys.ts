import type { AddConsentKeysBody } from '../../../contracts/consent.js';
import { httpErrors } from '../../../http/errors.js';
import type { GrantKeyRecord } from '../../../storage/index.js';

/**
 * Document keys sealed to a service, from the wire (the schema fixed their alphabet and length):
 * canonical unpadded base64url only, so that every stored key has one spelling.
 */
export function decodeSealedKeys(documents: AddConsentKeysBody['documents']): GrantKeyRecord[] {
  return documents.map(({ id, version, wrappedKey }) => {
    const bytes = Buffer.from(wrappedKey, 'base64url');
    if (bytes.toString('base64url') !== wrappedKey) {
      throw httpErrors.validation(
        'The request is not valid (documents.wrappedKey: not canonical base64url).',
      );
    }
    return {
      documentId: id,
      version,
      wrappedKey: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
    };
  });
}
