import { CryptoError } from '../errors.js';
import type {
  ContentKey,
  DocumentKey,
  MetadataKey,
  WrappedDocumentKey,
  X25519PublicKey,
  X25519SecretKey,
} from '../keys/brands.js';
import { KDF, SEALED_KEY_BYTES } from '../format/v1.js';
import { sodium } from '../sodium.js';

/** A fresh document key, one per document version. */
export function generateDocumentKey(): DocumentKey {
  return sodium().randombytes_buf(32) as DocumentKey;
}

/** The content (secretstream) subkey of a document key. */
export function contentKeyOf(dk: DocumentKey): ContentKey {
  return sodium().crypto_kdf_derive_from_key(
    32,
    KDF.contentSubkeyId,
    KDF.documentKeyContext,
    dk,
  ) as ContentKey;
}

/** The metadata subkey of a document key. */
export function metadataKeyOf(dk: DocumentKey): MetadataKey {
  return sodium().crypto_kdf_derive_from_key(
    32,
    KDF.metadataSubkeyId,
    KDF.documentKeyContext,
    dk,
  ) as MetadataKey;
}

/**
 * Seals a document key to an X25519 public key (crypto_box_seal): anyone can seal, only the
 * holder of the secret key can open — which lets a city service deposit into a vault.
 */
export function sealDocumentKey(dk: DocumentKey, recipient: X25519PublicKey): WrappedDocumentKey {
  return sodium().crypto_box_seal(dk, recipient) as WrappedDocumentKey;
}

/** Opens a sealed document key with the recipient's key pair. */
export function openDocumentKey(
  wrapped: Uint8Array,
  publicKey: X25519PublicKey,
  secretKey: X25519SecretKey,
): DocumentKey {
  if (wrapped.length !== SEALED_KEY_BYTES) throw new CryptoError('ERR_DECRYPT_FAILED');
  try {
    return sodium().crypto_box_seal_open(wrapped, publicKey, secretKey) as DocumentKey;
  } catch {
    throw new CryptoError('ERR_DECRYPT_FAILED');
  }
}
