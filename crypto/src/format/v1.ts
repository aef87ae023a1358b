/**
 * Format version 1: the frozen parameter table. Nothing here changes once data exists in this
 * format; a change is a new version with its own table (STYLE §12). docs/crypto.md mirrors it.
 */

export const FORMAT_V1 = 0x01;

/** Envelope type bytes (offset 1 of every envelope). */
export const ENVELOPE_TYPE = {
  keySlot: 0x01,
  secretKeys: 0x02,
  metadata: 0x03,
} as const;

/** Key-slot kinds (offset 2 of a key-slot envelope). */
export const SLOT_KIND = { passkey: 0x01, passphrase: 0x02, recovery: 0x03 } as const;

/** Plaintext bytes per secretstream chunk. */
export const CHUNK_PLAINTEXT_BYTES = 65_536;
/** crypto_secretstream_xchacha20poly1305_ABYTES. */
export const CHUNK_OVERHEAD_BYTES = 17;
export const CHUNK_CIPHERTEXT_BYTES = CHUNK_PLAINTEXT_BYTES + CHUNK_OVERHEAD_BYTES;
/** crypto_secretstream_xchacha20poly1305_HEADERBYTES. */
export const STREAM_HEADER_BYTES = 24;
/** crypto_box_SEALBYTES (48) + a 32-byte key. */
export const SEALED_KEY_BYTES = 80;
/** XChaCha20-Poly1305 (IETF) nonce and tag sizes. */
export const AEAD_NONCE_BYTES = 24;
export const AEAD_TAG_BYTES = 16;

/** Padded plaintext is never shorter than this (hides the size of tiny files). */
export const MIN_PADDED_BYTES = 256;
/** Metadata JSON is padded with spaces to a multiple of this. */
export const METADATA_BLOCK_BYTES = 256;

/** crypto_kdf contexts (exactly 8 bytes) and subkey ids. */
export const KDF = {
  masterKeyContext: 'cvmkey01',
  secretKeysSubkeyId: 1,
  documentKeyContext: 'cvdocv01',
  contentSubkeyId: 1,
  metadataSubkeyId: 2,
} as const;

/** BLAKE2b-256 personalisation strings for key-slot KEKs (message prefix, see docs/crypto.md). */
export const KEK_LABEL = {
  passkey: 'citizen-vault/kek/passkey/v1',
  recovery: 'citizen-vault/kek/recovery/v1',
} as const;

/** Associated-data labels. */
export const AD_LABEL = {
  keySlot: 'citizen-vault/key-slot/v1',
  secretKeys: 'citizen-vault/secret-keys/v1',
  document: 'citizen-vault/document/v1',
  metadata: 'citizen-vault/metadata/v1',
} as const;

/** Argon2id (crypto_pwhash, ALG_ARGON2ID13) for passphrase slots. */
export const ARGON2ID = {
  saltBytes: 16,
  /** What new slots use: libsodium's MODERATE ops with 64 MiB, tolerable in a browser tab. */
  default: { opsLimit: 3, memLimitBytes: 64 * 1024 * 1024 },
  /** The client refuses to derive with less than this, whatever the server says (DESIGN §4). */
  floor: { opsLimit: 3, memLimitBytes: 64 * 1024 * 1024 },
  /** ... and with more than this, so that a server cannot freeze the tab either. */
  ceiling: { opsLimit: 16, memLimitBytes: 1024 * 1024 * 1024 },
} as const;

/** Key-slot KDF salt length for every kind. */
export const SLOT_SALT_BYTES = 16;
