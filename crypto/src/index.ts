/**
 * crypto/: the vault's key hierarchy and formats (DESIGN §4, docs/crypto.md). Isomorphic, no I/O.
 * Call {@link sodiumReady} once before anything else.
 */
export { sodiumReady } from './sodium.js';
export { CryptoError, isCryptoError } from './errors.js';
export type { CryptoErrorCode } from './errors.js';
export { fromBase64url, toBase64url } from './encoding/base64url.js';
export { formatRecoveryCode, parseRecoveryCode } from './encoding/recovery-code.js';
export type {
  ContentKey,
  DocumentKey,
  Ed25519PublicKey,
  Ed25519Seed,
  KeyEncryptionKey,
  MasterKey,
  MetadataKey,
  PrfOutput,
  RecoverySecret,
  WrappedDocumentKey,
  X25519PublicKey,
  X25519SecretKey,
} from './keys/brands.js';
export { generateMasterKey } from './keys/generate-master-key.js';
export {
  generateResidentKeys,
  openResidentSecretKeys,
  sealResidentSecretKeys,
} from './keys/resident-keys.js';
export type { ResidentKeys, ResidentPublicKeys } from './keys/resident-keys.js';
export {
  createPassphraseSlot,
  createPasskeySlot,
  createRecoverySlot,
} from './slots/create-key-slot.js';
export { keySlotKind, openKeySlot } from './slots/open-key-slot.js';
export type { SlotSecret } from './slots/open-key-slot.js';
export type { SlotContext } from './slots/slot-envelope.js';
export {
  generateDocumentKey,
  openDocumentKey,
  sealDocumentKey,
} from './documents/document-keys.js';
export { decryptMetadata, encryptMetadata } from './documents/metadata.js';
export type { DocumentMetadata } from './documents/metadata.js';
export {
  createDocumentDecryptor,
  createDocumentEncryptor,
  streamLayout,
} from './documents/document-stream.js';
export type {
  DocumentDecryptor,
  DocumentEncryptor,
  StreamLayout,
} from './documents/document-stream.js';
export { paddedLength } from './documents/padding.js';
export type { DocumentContext } from './format/associated-data.js';
export {
  ARGON2ID,
  CHUNK_CIPHERTEXT_BYTES,
  CHUNK_OVERHEAD_BYTES,
  CHUNK_PLAINTEXT_BYTES,
  FORMAT_V1,
  SEALED_KEY_BYTES,
  STREAM_HEADER_BYTES,
} from './format/v1.js';
