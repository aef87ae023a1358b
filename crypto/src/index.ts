/**
 * crypto/: the vault's key hierarchy and formats (DESIGN §4, docs/crypto.md), and the access log's
 * Merkle proofs, checkpoints and signed notes (DESIGN §5, docs/access-log.md). Isomorphic, no I/O.
 * Call {@link sodiumReady} once before anything else.
 */
export { sodiumReady } from './sodium.js';
export { CryptoError, isCryptoError } from './errors.js';
export type { CryptoErrorCode } from './errors.js';
export { fromBase64url, toBase64url } from './encoding/base64url.js';
export { canonicalJson } from './encoding/canonical-json.js';
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
export { generateSealingKeyPair } from './keys/sealing-key-pair.js';
export type { SealingKeyPair } from './keys/sealing-key-pair.js';
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

// The access log (DESIGN §5, docs/access-log.md): RFC 6962 / RFC 9162 Merkle trees, C2SP formats.
export { asHash, HASH_BYTES } from './log/hash.js';
export type { Hash } from './log/hash.js';
export { emptyRoot, leafHash, nodeHash } from './log/merkle-hash.js';
export { treeHead } from './log/tree-head.js';
export type { NodeAt } from './log/node-at.js';
export { treeRoot } from './log/tree-root.js';
export { proveInclusion } from './log/prove-inclusion.js';
export { proveConsistency } from './log/prove-consistency.js';
export { rootFromInclusionProof, verifyInclusion } from './log/verify-inclusion.js';
export { verifyConsistency } from './log/verify-consistency.js';
export { keyIdHex, noteKeyId } from './log/note-key-id.js';
export { formatVerifierKey, parseVerifierKey } from './log/verifier-key.js';
export type { NoteVerifier } from './log/verifier-key.js';
export { formatSignerKey, parseSignerKey } from './log/signer-key.js';
export type { NoteSigner } from './log/signer-key.js';
export { generateNoteKey } from './log/generate-note-key.js';
export { signNote } from './log/sign-note.js';
export { MAX_NOTE_SIGNATURES, openNote } from './log/open-note.js';
export type { NoteSignature, OpenedNote } from './log/open-note.js';
export { formatCheckpoint, parseCheckpoint } from './log/checkpoint.js';
export type { Checkpoint } from './log/checkpoint.js';
export { openCheckpoint } from './log/open-checkpoint.js';
export type { OpenedCheckpoint } from './log/open-checkpoint.js';
export { signCheckpoint } from './log/sign-checkpoint.js';
export {
  entryBundlePath,
  MAX_TILE_LEVEL,
  parseTilePath,
  TILE_HEIGHT,
  TILE_WIDTH,
  tilePath,
} from './log/tile-path.js';
export type { TilePathTarget } from './log/tile-path.js';
export { nodeTile, partialTiles, tileWidth } from './log/tile-coordinates.js';
export type { NodeInTile, TileRef } from './log/tile-coordinates.js';
export { checkResidentLog } from './log/check-resident-log.js';
export type {
  CheckResidentLogOptions,
  InclusionProofInput,
  LogAlarm,
  LogAlarmKind,
  ResidentLogCheck,
  ResidentLogEntry,
  ResidentLogVerified,
  SeenLogEntry,
  TrustedLogState,
} from './log/check-resident-log.js';
export {
  CONSENT_RECEIPT_TYP,
  MAX_COMPACT_JWS_LENGTH,
  signCompactJws,
  verifyCompactJws,
} from './consent/compact-jws.js';

// The export archive (issue 6): a small ZIP writer and reader, stored entries, CRC-32 checked.
export { crc32 } from './archive/crc32.js';
export { createZipWriter } from './archive/create-zip-writer.js';
export type { ZipFileInput, ZipWriter } from './archive/create-zip-writer.js';
export { bytesSource, openZip } from './archive/open-zip.js';
export type { ZipArchive, ZipEntry, ZipSource } from './archive/open-zip.js';
