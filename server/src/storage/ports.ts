/**
 * The storage contract (DESIGN §8, STYLE §10). Every adapter implements {@link VaultStorage} and
 * passes the one contract suite in `test/storage/`. Rules every adapter keeps:
 *
 * - Methods are async; each atomic multi-row operation is ONE method, so an adapter can run it in
 *   one transaction (the SQLite adapter never holds a transaction across an `await`).
 * - `take*` methods consume a one-time value atomically: of any number of concurrent callers, at
 *   most one gets the record. Expired records are never returned.
 * - Times are `Date`s in and out; ids are opaque strings made by the caller or the adapter as noted.
 * - Records returned are fresh objects: mutating one never changes storage.
 * - Binary values (keys, envelopes, ciphertext) are `Uint8Array`s, stored and returned byte for
 *   byte. The vault cannot read any of them (DESIGN §1, promise 1); it checks only sizes.
 */

import {
  CHUNK_CIPHERTEXT_BYTES,
  CHUNK_OVERHEAD_BYTES,
  type DocumentCategory,
  type KeySlotKind,
} from '../contracts/vault.js';

export type { DocumentCategory, KeySlotKind };

/**
 * The framing every adapter enforces on document content (DESIGN §4, docs/crypto.md): a version of
 * `chunkCount` chunks and `size` bytes has every chunk but the last exactly `fullChunkBytes` long,
 * and the last one `size - (chunkCount - 1) * fullChunkBytes` long, which must lie between
 * `minChunkBytes` and `fullChunkBytes`. So `size` alone fixes the length of every chunk.
 */
export const CHUNK_FRAMING = {
  fullChunkBytes: CHUNK_CIPHERTEXT_BYTES,
  /** A secretstream chunk is its 17-byte tag and MAC plus at least one byte of (padded) plaintext. */
  minChunkBytes: CHUNK_OVERHEAD_BYTES + 1,
} as const;

/** The length {@link CHUNK_FRAMING} fixes for chunk `index` of a version of `size` bytes. */
export function expectedChunkBytes(size: number, chunkCount: number, index: number): number {
  return index < chunkCount - 1
    ? CHUNK_FRAMING.fullChunkBytes
    : size - (chunkCount - 1) * CHUNK_FRAMING.fullChunkBytes;
}

/** Whether `size` bytes in `chunkCount` chunks fit {@link CHUNK_FRAMING}. */
export function framingFits(size: number, chunkCount: number): boolean {
  if (!Number.isSafeInteger(size) || !Number.isSafeInteger(chunkCount) || chunkCount < 1) {
    return false;
  }
  const last = expectedChunkBytes(size, chunkCount, chunkCount - 1);
  return last >= CHUNK_FRAMING.minChunkBytes && last <= CHUNK_FRAMING.fullChunkBytes;
}

/** Whether `chunks` are a whole version of `size` bytes, each of the length the framing fixes. */
export function chunksFit(chunks: readonly Uint8Array[], size: number): boolean {
  if (!framingFits(size, chunks.length)) return false;
  return chunks.every((c, i) => c.length === expectedChunkBytes(size, chunks.length, i));
}

/** A resident of the city, as the vault knows them. */
export interface ResidentRecord {
  id: string;
  displayName: string;
  birthdate: string | null;
  nationalId: string | null;
  /** Level of assurance (`acr`) of the last eID sign-in. */
  acr: string | null;
  createdAt: Date;
}

/** What an eID sign-in tells the vault about a resident. Residents are keyed by (issuer, subject). */
export interface EidIdentityInput {
  issuer: string;
  subject: string;
  nationalId: string | null;
  displayName: string;
  birthdate: string | null;
  acr: string | null;
}

export type SignInMethod = 'eid' | 'passkey';

/** A server-side session. The cookie holds a secret whose keyed hash is `idHash`. */
export interface SessionRecord {
  idHash: string;
  /** A public handle for listing and ending sessions; never the cookie value. */
  publicId: string;
  residentId: string;
  method: SignInMethod;
  userAgent: string;
  createdAt: Date;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
}

/** A pending eID sign-in: created at the redirect to the provider, consumed at the callback. */
export interface OidcTransactionRecord {
  id: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  createdAt: Date;
  expiresAt: Date;
}

export type ChallengePurpose = 'passkey.register' | 'passkey.sign-in';

/** A WebAuthn challenge, stored server-side and consumed exactly once. */
export interface ChallengeRecord {
  challenge: string;
  purpose: ChallengePurpose;
  /** The resident a registration challenge was issued to; null for sign-in. */
  residentId: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** A registered passkey (WebAuthn credential). */
export interface PasskeyRecord {
  id: string;
  residentId: string;
  /** base64url credential id. */
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  name: string;
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type RemovePasskeyResult =
  | 'removed'
  | 'not-found'
  | 'last-sign-in-method'
  /** The passkey's vault key slot is the resident's last way to unlock the vault. */
  | 'last-key-slot';

/** A resident's key pairs (DESIGN §4): public keys in clear, secret keys encrypted under MK. */
export interface ResidentKeysRecord {
  residentId: string;
  x25519PublicKey: Uint8Array;
  ed25519PublicKey: Uint8Array;
  secretKeysEnvelope: Uint8Array;
  createdAt: Date;
}

/** One way to unlock the master key. The id is made by the client (it is bound into the envelope). */
export interface KeySlotRecord {
  id: string;
  residentId: string;
  kind: KeySlotKind;
  /** Passkey slots only: the credential id (base64url) whose PRF output opens the slot. */
  credentialId: string | null;
  envelope: Uint8Array;
  createdAt: Date;
}

/** What `GET /api/vault` shows, read in one snapshot. */
export interface VaultStateRecord {
  /** Null until the resident has enrolled. */
  keys: ResidentKeysRecord | null;
  /** Oldest first; slots added together, in the order they were given. */
  slots: KeySlotRecord[];
  /** Bytes counted against the quota: see {@link VaultStorage.createUpload}. */
  usedBytes: number;
}

export type EnrolResult =
  | 'enrolled'
  | 'already-enrolled'
  /** A passkey slot names a credential that is not one of the resident's passkeys. */
  | 'unknown-credential'
  /** A slot id is already in use (by any resident). */
  | 'slot-id-taken';

export type AddKeySlotResult =
  'added' | 'not-enrolled' | 'unknown-credential' | 'slot-id-taken' | 'too-many-slots';

export type RemoveKeySlotResult = 'removed' | 'not-found' | 'last-slot';

export type ReplaceRecoverySlotsResult = 'replaced' | 'not-enrolled' | 'slot-id-taken';

/** An upload in progress: one version of a document, `status = uploading`. */
export interface UploadRecord {
  uploadId: string;
  residentId: string;
  documentId: string;
  version: number;
  /** Declared ciphertext bytes and chunks. */
  size: number;
  chunkCount: number;
  chunksReceived: number;
  bytesReceived: number;
  createdAt: Date;
  expiresAt: Date;
}

export interface CreateUploadInput {
  uploadId: string;
  residentId: string;
  /**
   * `true`: a new document with id `documentId` (made by the caller). `false`: a new version of the
   * resident's existing, visible document `documentId`, which must be in `category` already.
   */
  newDocument: boolean;
  documentId: string;
  category: DocumentCategory;
  size: number;
  chunkCount: number;
  now: Date;
  expiresAt: Date;
  limits: { quotaBytes: number; maxDocumentBytes: number };
}

export type CreateUploadResult =
  | { ok: true; upload: UploadRecord }
  | {
      ok: false;
      reason:
        | 'not-enrolled'
        /** `size` and `chunkCount` do not fit {@link CHUNK_FRAMING}. */
        | 'bad-framing'
        /** `size` is above `limits.maxDocumentBytes`. */
        | 'too-large'
        /** No visible document of this resident has that id (for a new version). */
        | 'document-not-found'
        | 'category-mismatch'
        | 'quota-exceeded';
    };

export interface AppendChunksInput {
  uploadId: string;
  residentId: string;
  /** Index of the first chunk in `chunks`: must equal the chunks received so far. */
  fromIndex: number;
  chunks: Uint8Array[];
  now: Date;
  /** The upload's new expiry: progress keeps an upload alive. */
  expiresAt: Date;
}

export type AppendChunksResult =
  | { ok: true; upload: UploadRecord }
  /** Unknown, another resident's, expired, or already complete: all the same to the caller. */
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'out-of-order'; upload: UploadRecord }
  /** No chunk, too many chunks, or a chunk whose length is not the one {@link CHUNK_FRAMING} fixes. */
  | { ok: false; reason: 'bad-framing'; upload: UploadRecord };

export interface CompleteUploadInput {
  uploadId: string;
  residentId: string;
  /** secretstream header, sealed document key, metadata envelope (docs/crypto.md). */
  header: Uint8Array;
  wrappedKey: Uint8Array;
  metadata: Uint8Array;
  now: Date;
}

export type CompleteUploadResult =
  /** `version`: the version this upload completed (the current one, unless a higher completed first). */
  | { ok: true; document: DocumentRecord; version: number }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'incomplete'; upload: UploadRecord };

/** A whole small version in one write: see {@link VaultStorage.putVersion}. */
export interface PutVersionInput {
  residentId: string;
  /** Chosen by the client; for `version` 1 it must be new to the whole vault. */
  documentId: string;
  /** 1 for a new document; otherwise one above the document's highest version. */
  version: number;
  category: DocumentCategory;
  /** Every chunk ciphertext of the version, in order. */
  chunks: Uint8Array[];
  header: Uint8Array;
  wrappedKey: Uint8Array;
  metadata: Uint8Array;
  now: Date;
  limits: { quotaBytes: number; maxDocumentBytes: number };
  /**
   * The city service depositing the document (DESIGN §6; version 1 only, recorded as the
   * document's issuer); absent when the resident uploads it.
   */
  issuer?: string | null;
}

export type PutVersionResult =
  | { ok: true; created: boolean; document: DocumentRecord }
  | {
      ok: false;
      reason:
        | 'not-enrolled'
        /** The chunks do not have the lengths {@link CHUNK_FRAMING} fixes. */
        | 'bad-framing'
        | 'too-large'
        /** Version > 1 of a document that is not one of the resident's visible documents. */
        | 'document-not-found'
        | 'category-mismatch'
        /**
         * Version 1 of an id that exists already, or a version that is not one above the
         * document's highest (another version was stored or reserved first).
         */
        | 'conflict'
        | 'quota-exceeded';
    };

/** A complete version of a document: everything but its chunks. */
export interface DocumentVersionRecord {
  documentId: string;
  version: number;
  size: number;
  chunkCount: number;
  header: Uint8Array;
  wrappedKey: Uint8Array;
  metadata: Uint8Array;
  /** When the upload of this version completed. */
  createdAt: Date;
}

/** A visible document: one that has at least one complete version. */
export interface DocumentRecord {
  id: string;
  ownerId: string;
  category: DocumentCategory;
  /** The city service that deposited it; null when the resident uploaded it. */
  issuer: string | null;
  createdAt: Date;
  /** When its latest version completed. */
  updatedAt: Date;
  /** The highest complete version. */
  current: DocumentVersionRecord;
  /** Complete versions. */
  versionCount: number;
}

// --- access log (DESIGN §5, issue 4) ---------------------------------------------------------------

/** Who acted: the resident, a city service, an operator, or the vault itself. */
export type LogActorKind = 'resident' | 'service' | 'operator' | 'system';

/**
 * One access-log entry to append. `leaf` is the entry itself (the canonical JSON of the event,
 * DESIGN §5): the Merkle leaf, stored and served byte for byte. The other fields repeat some of it
 * as columns, so that a resident's entries can be found and filtered.
 */
export interface LogAppend {
  /** Whose data the entry concerns; it is shown to that resident only. */
  residentId: string;
  at: Date;
  actorKind: LogActorKind;
  actorId: string | null;
  action: string;
  documentId: string | null;
  leaf: Uint8Array;
}

/** An appended entry and its leaf index (0-based position in the log). */
export interface LogEntryRecord extends LogAppend {
  index: number;
}

/**
 * Builds the access-log entry that commits together with a change, from the change's outcome (null:
 * nothing to log, e.g. a refusal). It runs inside the change's transaction: if it throws, or the
 * append fails, the change is rolled back too — both or neither (DESIGN §1, promise 2).
 */
export type Audit<R> = (result: R) => LogAppend | null;

/** Filters for a resident's entries (all optional; combined with AND). */
export interface LogEntryFilter {
  actorKind?: LogActorKind;
  actorId?: string;
  action?: string;
  documentId?: string;
  /** Inclusive lower and exclusive upper bound on `at`. */
  from?: Date;
  to?: Date;
  /** Only entries with a smaller index (paging backwards, newest first). */
  beforeIndex?: number;
}

/**
 * Thrown by an adapter when the stored log is not whole: a node or entry that must exist is missing
 * (the database was edited). Callers treat it as tampering, not as a passing failure.
 */
export class LogIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogIntegrityError';
  }
}

/**
 * Thrown by an adapter when an access-log entry could not be appended (the write it belongs to is
 * rolled back with it). The HTTP layer answers 503 ERR_LOG_UNAVAILABLE: no change without its entry.
 */
export class LogAppendError extends Error {
  constructor(cause: unknown) {
    super('access log: the entry could not be appended', { cause });
    this.name = 'LogAppendError';
  }
}

/**
 * Thrown by an adapter when a write failed because the disk holding the database is full (SQLite's
 * SQLITE_FULL, or an I/O error while the file system has no space left). Nothing of the failed
 * write was stored, and writes work again once there is room: callers answer "storage full" (507),
 * never a generic server error.
 */
export class StorageFullError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageFullError';
  }
}

/** A node of the Merkle tree: the hash of the complete subtree of 2^level leaves from index·2^level. */
export interface LogNodeKey {
  level: number;
  index: number;
}

/** A signed checkpoint as stored: the C2SP signed note and what it commits to. */
export interface LogCheckpointRecord {
  size: number;
  rootHash: Uint8Array;
  /** The full signed note (C2SP tlog-checkpoint body + signature lines). */
  note: string;
  createdAt: Date;
}

export * from './account-port.js';
export * from './city-services-port.js';
export * from './consent-port.js';
import type { AccountStore } from './account-port.js';
import type { CityServicesStore } from './city-services-port.js';
import type { ConsentStore } from './consent-port.js';

export interface VaultStorage extends CityServicesStore, ConsentStore, AccountStore {
  /** Adapter name for logs, e.g. "sqlite". */
  readonly adapter: string;

  /** Resolves when the store answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  /** Releases connections. Idempotent. */
  close(): Promise<void>;
  /**
   * Whether this process may sign the access log's checkpoints now (DESIGN §8): exactly one node
   * at a time may. Takes the lease if it is free and keeps it until the process ends or loses its
   * connection. SQLite: always true (one process owns the file).
   */
  acquireLogLease(): Promise<boolean>;

  // --- residents -------------------------------------------------------------------------------
  /**
   * Finds the resident linked to (issuer, subject) or creates one, and records the latest name,
   * national identifier and `acr`. Atomic.
   */
  upsertResidentFromEid(input: EidIdentityInput, now: Date): Promise<ResidentRecord>;
  getResident(id: string): Promise<ResidentRecord | null>;
  /**
   * The resident whose last eID sign-in carried this national identifier (the oldest such account
   * if several do); null if none. How a city service names a resident (DESIGN §6).
   */
  findResidentByNationalId(nationalId: string): Promise<ResidentRecord | null>;

  // --- sessions --------------------------------------------------------------------------------
  /**
   * Creates a session and, atomically, deletes the session it replaces (`replacesIdHash`, the
   * browser's previous session, if any): a fresh session id at every sign-in.
   */
  createSession(
    session: SessionRecord,
    replacesIdHash?: string,
    audit?: Audit<void>,
  ): Promise<void>;
  /** The session with this hash, if it exists. Expiry is the caller's policy. */
  findSession(idHash: string): Promise<SessionRecord | null>;
  touchSession(idHash: string, lastSeenAt: Date): Promise<void>;
  deleteSession(idHash: string): Promise<boolean>;
  /** Ends one of a resident's sessions by its public id; false if no such session of theirs. */
  deleteSessionByPublicId(residentId: string, publicId: string): Promise<boolean>;
  /** Ends every session of the resident but `keepIdHash`; returns how many ended. */
  deleteOtherSessions(residentId: string, keepIdHash: string): Promise<number>;
  /** The resident's sessions, most recently seen first. */
  listSessions(residentId: string): Promise<SessionRecord[]>;
  /** Deletes sessions idle since before `idleBefore` or past their absolute expiry. */
  purgeExpiredSessions(now: Date, idleBefore: Date): Promise<number>;

  // --- eID transactions ------------------------------------------------------------------------
  saveOidcTransaction(tx: OidcTransactionRecord): Promise<void>;
  /** Consumes the transaction atomically; null if absent, already taken or expired. */
  takeOidcTransaction(id: string, now: Date): Promise<OidcTransactionRecord | null>;

  // --- WebAuthn challenges ---------------------------------------------------------------------
  saveChallenge(challenge: ChallengeRecord): Promise<void>;
  /** Consumes the challenge atomically; null if absent, already taken, of another purpose, or expired. */
  takeChallenge(
    challenge: string,
    purpose: ChallengePurpose,
    now: Date,
  ): Promise<ChallengeRecord | null>;

  // --- passkeys --------------------------------------------------------------------------------
  /** Adds a passkey; false if a passkey with this credential id already exists (any resident). */
  addPasskey(passkey: PasskeyRecord, audit?: Audit<boolean>): Promise<boolean>;
  findPasskeyByCredentialId(credentialId: string): Promise<PasskeyRecord | null>;
  listPasskeys(residentId: string): Promise<PasskeyRecord[]>;
  /**
   * Records a successful use: sets the counter to `newCounter` and `lastUsedAt`, but only if the
   * stored counter still equals `expectedCounter` (compare-and-set). False if it changed meanwhile.
   */
  recordPasskeyUse(
    id: string,
    expectedCounter: number,
    newCounter: number,
    usedAt: Date,
  ): Promise<boolean>;
  renamePasskey(
    residentId: string,
    id: string,
    name: string,
    audit?: Audit<PasskeyRecord | null>,
  ): Promise<PasskeyRecord | null>;
  /**
   * Removes a resident's passkey, and the vault key slots opened by its PRF, unless it is their
   * last way to sign in (no other passkey and no linked eID identity) or its slots are their last
   * way to unlock the vault. Atomic.
   */
  removePasskey(
    residentId: string,
    id: string,
    audit?: Audit<RemovePasskeyResult>,
  ): Promise<RemovePasskeyResult>;

  // --- vault keys (DESIGN §4) --------------------------------------------------------------------
  /**
   * Enrols a resident: stores their key pairs and the given slots, all or nothing. Refused when the
   * resident already has keys, when a passkey slot names a credential that is not one of the
   * resident's passkeys, or when a slot id is taken. Which slots an enrolment must have is the
   * caller's policy.
   */
  enrol(
    keys: ResidentKeysRecord,
    slots: KeySlotRecord[],
    audit?: Audit<EnrolResult>,
  ): Promise<EnrolResult>;
  /** The resident's keys, slots and quota use (pending uploads expired by `now` do not count). */
  getVaultState(residentId: string, now: Date): Promise<VaultStateRecord>;
  /**
   * Adds a slot to an enrolled resident. Refused as for {@link enrol}, and when the resident
   * already has `limits.maxSlots` slots.
   */
  addKeySlot(
    slot: KeySlotRecord,
    limits: { maxSlots: number },
    audit?: Audit<AddKeySlotResult>,
  ): Promise<AddKeySlotResult>;
  /** Deletes one of the resident's slots, unless it is their last. Another resident's: not-found. */
  removeKeySlot(
    residentId: string,
    slotId: string,
    audit?: Audit<RemoveKeySlotResult>,
  ): Promise<RemoveKeySlotResult>;
  /**
   * Atomically deletes every recovery slot of the resident and adds `slot` (a recovery slot): the
   * old recovery kit stops working in the same transaction that stores the new one.
   */
  replaceRecoverySlots(
    slot: KeySlotRecord,
    audit?: Audit<ReplaceRecoverySlotsResult>,
  ): Promise<ReplaceRecoverySlotsResult>;

  // --- uploads ------------------------------------------------------------------------------------
  /**
   * Reserves an upload: a new document (invisible until its first version completes) or a new
   * version of a visible one, numbered one above the highest version it has. Checks in this order,
   * all in one transaction: enrolment, framing, `maxDocumentBytes`, the document, its category,
   * then the quota: the resident's complete versions plus the declared size of their unexpired
   * uploads plus `size` must not exceed `quotaBytes`.
   */
  createUpload(input: CreateUploadInput): Promise<CreateUploadResult>;
  /**
   * Stores chunks `fromIndex…` of the resident's unexpired upload, all or none: refused unless
   * `fromIndex` equals the chunks received so far, the chunks stay within `chunkCount`, and each
   * has the length {@link CHUNK_FRAMING} fixes for its index. On success, moves `expiresAt`.
   */
  appendChunks(input: AppendChunksInput): Promise<AppendChunksResult>;
  /**
   * Completes the resident's unexpired upload once every chunk is in and the bytes add up to the
   * declared size: stores header, wrapped key and metadata, makes the version complete and, if it is
   * the document's highest, current. The document is visible from then on. The upload id is spent.
   */
  completeUpload(
    input: CompleteUploadInput,
    audit?: Audit<CompleteUploadResult>,
  ): Promise<CompleteUploadResult>;
  /**
   * Deletes the resident's upload (expired or not) and its chunks, and the document too if the
   * upload was its first version. False if there is no such upload of theirs.
   */
  cancelUpload(residentId: string, uploadId: string): Promise<boolean>;
  /**
   * Stores a whole version (a small one, sent in one request) and makes it current, in one
   * transaction: the one-request counterpart of createUpload + appendChunks + completeUpload, with
   * the same checks in the same order (enrolment, framing, `maxDocumentBytes`, the document, its
   * category, the version number, the quota). When exactly this version is already stored — same
   * document, version, owner and stream header — nothing is written and the stored document is
   * returned with `created: false`, so a retried request is harmless.
   */
  putVersion(input: PutVersionInput, audit?: Audit<PutVersionResult>): Promise<PutVersionResult>;
  /** Cancels every upload expired by `now` (as {@link cancelUpload}); returns how many. */
  purgeExpiredUploads(now: Date): Promise<number>;

  // --- documents ------------------------------------------------------------------------------------
  /** The owner's visible documents, most recently updated first. */
  listDocuments(ownerId: string): Promise<DocumentRecord[]>;
  /**
   * One of the owner's visible documents and its complete versions, newest first. Null for an
   * unknown id, a document of another resident, or one whose first upload is still in progress.
   */
  getDocument(
    ownerId: string,
    documentId: string,
  ): Promise<{ document: DocumentRecord; versions: DocumentVersionRecord[] } | null>;
  /**
   * Up to `count` chunks of one complete version of the owner's document, from `fromIndex`, in
   * order. Fewer (or none) once the version ends, or if it is not theirs or no longer exists: a
   * reader streams a version in bounded batches without holding anything open between them.
   */
  readChunks(
    ownerId: string,
    documentId: string,
    version: number,
    fromIndex: number,
    count: number,
  ): Promise<Uint8Array[]>;
  /**
   * Deletes one of the owner's visible documents with every version, chunk, wrapped key and
   * metadata envelope, and any upload in progress for it (crypto-shredding). False if not theirs.
   */
  deleteDocument(ownerId: string, documentId: string, audit?: Audit<boolean>): Promise<boolean>;

  // --- access log (DESIGN §5) ------------------------------------------------------------------------
  /**
   * Appends entries at the end of the log, in order, in one transaction, and keeps the hashes of
   * every complete subtree (RFC 6962 §2.1) so that proofs and tiles never recompute the tree.
   * Resolves once they are durable. Every state-changing method that takes an {@link Audit} appends
   * its entry the same way, inside its own transaction.
   */
  appendLog(entries: LogAppend[]): Promise<LogEntryRecord[]>;
  /** The number of entries in the log. */
  logSize(): Promise<number>;
  /**
   * The stored hashes of complete subtrees, in the order asked. Throws {@link LogIntegrityError}
   * if one is missing (a key beyond the log, or a damaged store): a proof is never built from a
   * guess.
   */
  getLogNodes(keys: readonly LogNodeKey[]): Promise<Uint8Array[]>;
  /** Up to `count` consecutive hashes of one level, from `fromIndex` (fewer at the log's edge). */
  getLogNodeRange(level: number, fromIndex: number, count: number): Promise<Uint8Array[]>;
  /** A resident's entries, newest first, filtered; at most `limit`. */
  listLogEntries(
    residentId: string,
    filter: LogEntryFilter,
    limit: number,
  ): Promise<LogEntryRecord[]>;
  /** Entries by index (any resident's: the caller checks ownership). Missing ones are left out. */
  getLogEntries(indexes: readonly number[]): Promise<LogEntryRecord[]>;
  /**
   * Stores a signed checkpoint. Refused ('stale') unless its size is larger than every stored
   * checkpoint's: checkpoints only move forward.
   */
  storeCheckpoint(checkpoint: LogCheckpointRecord): Promise<'stored' | 'stale'>;
  /** The checkpoint with the largest size, or null before the first. */
  latestCheckpoint(): Promise<LogCheckpointRecord | null>;
  /** The stored checkpoint of exactly this size, if any. */
  getCheckpoint(size: number): Promise<LogCheckpointRecord | null>;
}
