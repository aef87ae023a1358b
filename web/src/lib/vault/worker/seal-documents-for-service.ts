/**
 * Consent (DESIGN §6): the document keys of the versions the resident chose, opened with the
 * resident's X25519 key pair and sealed (crypto_box_seal) to the city service's X25519 public key.
 * The keys exist in the clear only here, one at a time, and are wiped at once.
 */
import {
  fromBase64url,
  openDocumentKey,
  sealDocumentKey,
  toBase64url,
  type DocumentKey,
  type X25519PublicKey,
} from '../../../../../crypto/src/index.js';
import type { SealedForService, SealDocumentsParams } from '../protocol';
import { requireUnlocked, wipe } from './keyring';

/** X25519 public keys are 32 bytes. */
const X25519_PUBLIC_KEY_BYTES = 32;

/** Seals each chosen version's key to the service; throws (nothing sealed) if one cannot be opened. */
export function sealDocumentsForService({
  documents,
  serviceX25519PublicKey,
}: SealDocumentsParams): SealedForService[] {
  const vault = requireUnlocked();
  const recipient = fromBase64url(serviceX25519PublicKey);
  if (recipient.length !== X25519_PUBLIC_KEY_BYTES) {
    throw new TypeError('the service key is not an X25519 public key');
  }
  const sealed: SealedForService[] = [];
  for (const document of documents) {
    let dk: DocumentKey | null = null;
    try {
      dk = openDocumentKey(
        fromBase64url(document.wrappedKey),
        vault.keys.x25519PublicKey,
        vault.keys.x25519SecretKey,
      );
      const wrapped = sealDocumentKey(dk, recipient as X25519PublicKey);
      sealed.push({ id: document.id, version: document.version, wrappedKey: toBase64url(wrapped) });
    } finally {
      wipe(dk);
    }
  }
  return sealed;
}
