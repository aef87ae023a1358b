import { z } from 'zod';
import type { ServiceSummaryView } from './consent.js';
import {
  CHUNK_CIPHERTEXT_BYTES,
  CHUNK_OVERHEAD_BYTES,
  CHUNK_PLAINTEXT_BYTES,
  SEALED_KEY_BYTES,
  STREAM_HEADER_BYTES,
} from '../../../crypto/src/format/v1.js';

/**
 * Wire contract of the document vault (issue 3). Every binary value travels as unpadded base64url.
 * The server stores what it is given and checks sizes and framing; it cannot read any of it
 * (docs/crypto.md gives the byte layouts).
 */

/** The fixed document taxonomy. */
export const DOCUMENT_CATEGORIES = [
  'identity',
  'residence',
  'family',
  'tax',
  'health',
  'education',
  'work',
  'vehicles',
  'housing',
  'other',
] as const;
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];

// The framing constants are crypto/'s frozen format-v1 table: one source of truth.
export {
  CHUNK_CIPHERTEXT_BYTES,
  CHUNK_OVERHEAD_BYTES,
  CHUNK_PLAINTEXT_BYTES,
  SEALED_KEY_BYTES,
  STREAM_HEADER_BYTES,
};

/** At most this many chunks per `PUT /api/uploads/:id/chunks` request (about 1 MiB). */
export const MAX_CHUNKS_PER_REQUEST = 16;
/** Upper bound for an encrypted metadata envelope. */
export const MAX_METADATA_BYTES = 8192;
/** Upper bound for a key-slot envelope. */
export const MAX_SLOT_BYTES = 1024;
/** A resident has at most this many key slots. */
export const MAX_KEY_SLOTS = 16;

const b64url = (min: number, max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, 'must be unpadded base64url')
    .min(Math.ceil((min * 4) / 3))
    .max(Math.ceil((max * 4) / 3));

const id = z.string().uuid();

// --- key material -------------------------------------------------------------------------------

export const KEY_SLOT_KINDS = ['passkey', 'passphrase', 'recovery'] as const;
export type KeySlotKind = (typeof KEY_SLOT_KINDS)[number];

/** A key slot as sent at enrolment or when adding one: the id is made by the client (it is bound
 * into the slot's associated data). */
export const keySlotInput = z.strictObject({
  id,
  kind: z.enum(KEY_SLOT_KINDS),
  /** For passkey slots: the credential whose PRF output opens the slot. */
  credentialId: z.string().min(1).max(1024).optional(),
  /** The slot envelope (docs/crypto.md "Key slot"). */
  envelope: b64url(1, MAX_SLOT_BYTES),
});
export type KeySlotInput = z.infer<typeof keySlotInput>;

export const residentKeysInput = z.strictObject({
  x25519PublicKey: b64url(32, 32),
  ed25519PublicKey: b64url(32, 32),
  /** The secret keys, encrypted under a subkey of the master key (docs/crypto.md). */
  secretKeysEnvelope: b64url(1, 1024),
});
export type ResidentKeysInput = z.infer<typeof residentKeysInput>;

/** `POST /api/vault/enrol`: first set-up; at least a passkey slot and a recovery slot. */
export const enrolRequest = z.strictObject({
  keys: residentKeysInput,
  slots: z.array(keySlotInput).min(2).max(MAX_KEY_SLOTS),
});
export type EnrolRequest = z.infer<typeof enrolRequest>;

export interface KeySlotView {
  id: string;
  kind: KeySlotKind;
  credentialId: string | null;
  envelope: string;
  createdAt: string;
}

/** `GET /api/vault` */
export interface VaultStateResponse {
  enrolled: boolean;
  keys: ResidentKeysInput | null;
  slots: KeySlotView[];
  quota: { usedBytes: number; limitBytes: number; maxDocumentBytes: number };
}

/** `POST /api/vault/slots` */
export const addSlotRequest = z.strictObject({ slot: keySlotInput });
export type AddSlotRequest = z.infer<typeof addSlotRequest>;

/** `PUT /api/vault/recovery`: replaces every recovery slot with this one, atomically. */
export const replaceRecoveryRequest = z.strictObject({ slot: keySlotInput });
export type ReplaceRecoveryRequest = z.infer<typeof replaceRecoveryRequest>;

// --- documents ----------------------------------------------------------------------------------

/** `POST /api/uploads`: reserve an upload of `chunkCount` chunks, `size` ciphertext bytes. */
export const createUploadRequest = z.strictObject({
  /** Omitted for a new document; set to add a version to an existing one. */
  documentId: id.optional(),
  category: z.enum(DOCUMENT_CATEGORIES),
  size: z.number().int().positive(),
  chunkCount: z.number().int().positive(),
});
export type CreateUploadRequest = z.infer<typeof createUploadRequest>;

export interface CreateUploadResponse {
  uploadId: string;
  documentId: string;
  version: number;
  expiresAt: string;
}

/**
 * `PUT /api/uploads/:uploadId/chunks?from=N` (body: the ciphertexts of chunks N, N+1… back to
 * back, `application/octet-stream`): where the upload stands once they are stored.
 */
export interface AppendChunksResponse {
  chunksReceived: number;
  bytesReceived: number;
  /** The upload expires this long after its last accepted chunks. */
  expiresAt: string;
}

/** `POST /api/uploads/:uploadId/complete`; answered with a {@link CompleteUploadResponse}. */
export const completeUploadRequest = z.strictObject({
  header: b64url(STREAM_HEADER_BYTES, STREAM_HEADER_BYTES),
  wrappedKey: b64url(SEALED_KEY_BYTES, SEALED_KEY_BYTES),
  metadata: b64url(1, MAX_METADATA_BYTES),
});
export type CompleteUploadRequest = z.infer<typeof completeUploadRequest>;

/**
 * `PUT /api/documents/:documentId/versions/:version` — the one-request upload of a small document
 * version (ciphertext at most {@link MAX_PUT_VERSION_CHUNKS} chunks). The client chooses the id of a
 * new document (a random UUID, lowercase) and names the version it encrypted for (1 for a new
 * document, the current version + 1 for a new version), because both are bound into the
 * ciphertext's associated data before the request is sent. The body (`application/octet-stream`)
 * is framed as:
 *
 * ```
 * u32 big-endian n ‖ n bytes of UTF-8 JSON (putVersionPrelude) ‖ the chunk ciphertexts back to back
 * ```
 *
 * Answered 201 with a {@link CompleteUploadResponse} when stored, 200 with the same when that very
 * version (same stream header) is already stored — a retry after a lost answer is harmless.
 */
export const putVersionPrelude = z.strictObject({
  category: z.enum(DOCUMENT_CATEGORIES),
  chunkCount: z.number().int().positive(),
  header: b64url(STREAM_HEADER_BYTES, STREAM_HEADER_BYTES),
  wrappedKey: b64url(SEALED_KEY_BYTES, SEALED_KEY_BYTES),
  metadata: b64url(1, MAX_METADATA_BYTES),
});
export type PutVersionPrelude = z.infer<typeof putVersionPrelude>;

/** The most chunks a one-request upload may carry (the same bound as one chunk request). */
export const MAX_PUT_VERSION_CHUNKS = MAX_CHUNKS_PER_REQUEST;
/** The longest prelude a one-request upload may carry: room for the largest metadata envelope. */
export const MAX_PUT_PRELUDE_BYTES = 16 * 1024;
/** Bytes of the prelude's length field. */
export const PUT_PRELUDE_LENGTH_BYTES = 4;

export interface DocumentVersionView {
  version: number;
  /** Ciphertext bytes (the padded plaintext plus framing): all the server knows of the size. */
  size: number;
  chunkCount: number;
  header: string;
  wrappedKey: string;
  metadata: string;
  createdAt: string;
}

export interface DocumentView {
  id: string;
  category: DocumentCategory;
  createdAt: string;
  updatedAt: string;
  /** Who deposited it, for documents issued by a city service (later issue); null if the resident. */
  issuer: string | null;
  /**
   * The issuing city service with its names from the registry (DESIGN §6: the resident sees who
   * issued a deposited document). The vault leaves it out when the resident uploaded the document;
   * clients treat absent and null alike.
   */
  issuedBy: ServiceSummaryView | null;
  current: DocumentVersionView;
  versionCount: number;
}

/** The answer to `POST /api/uploads/:uploadId/complete`: the document, now visible. */
export interface CompleteUploadResponse {
  document: DocumentView;
}

export interface DocumentListResponse {
  documents: DocumentView[];
}

export interface DocumentResponse {
  document: DocumentView;
  versions: DocumentVersionView[];
}
