import { httpErrors } from './errors.js';

/**
 * Decodes a value the schema already limited to the base64url alphabet. Only the canonical,
 * unpadded encoding is accepted (no stray trailing bits, no impossible length), so that every
 * stored value has exactly one spelling on the wire.
 */
export function decodeBase64url(value: string, field: string): Uint8Array {
  const bytes = Buffer.from(value, 'base64url');
  if (bytes.toString('base64url') !== value) {
    throw httpErrors.validation(`The request is not valid (${field}: not canonical base64url).`);
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Encodes stored bytes for the wire, without copying them first. */
export function encodeBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url');
}
