/**
 * What the page and the vault worker say to each other. The worker holds every key; the page
 * sends files and secrets the resident typed or the authenticator produced, and receives progress,
 * decrypted names for display, and finished Blobs. No method returns key material.
 */
import type { LogAlarm } from '../../../../crypto/src/index.js';
import type { DocumentCategory } from '../api-types';
import type { ConsentReceiptPayload, ServiceSummaryView } from '../consent-types';

/** A PRF output from a passkey ceremony, on its way to the worker (the buffer is transferred). */
export interface PasskeySecret {
  /** base64url credential id: picks the passkey slot. */
  credentialId: string;
  /** 32 bytes. Transferred, so the page's copy is detached once sent. */
  prfOutput: Uint8Array<ArrayBuffer>;
}

/** What the resident offers to unlock the vault with. */
export type UnlockSecret =
  | ({ kind: 'passkey' } & PasskeySecret)
  | { kind: 'passphrase'; passphrase: string }
  | { kind: 'recovery'; code: string };

/** A document's decrypted metadata, for display. */
export interface DocumentDetails {
  name: string;
  type: string;
  /** Exact plaintext size in bytes. */
  size: number;
  title?: string;
  notes?: string;
}

/** One document of the list: the server's facts plus what only the browser can read. */
export interface DocumentSummary {
  id: string;
  category: DocumentCategory;
  createdAt: string;
  updatedAt: string;
  issuer: string | null;
  /** The city service that deposited it (DESIGN §6), or null for the resident's own. */
  issuedBy: ServiceSummaryView | null;
  /** The current version's number, and how many complete versions there are. */
  version: number;
  versionCount: number;
  /** Null when the metadata could not be decrypted (damaged or tampered with). */
  details: DocumentDetails | null;
}

/** One complete version of a document, for "Export everything" (issue 6). */
export interface VersionSummary {
  version: number;
  createdAt: string;
  /** This version's own decrypted metadata; null when it cannot be decrypted. */
  details: DocumentDetails | null;
}

/** Progress of an upload or download, in plaintext bytes. */
export interface TransferProgress {
  done: number;
  total: number;
  /** Smoothed recent speed; 0 until there is a measurement. */
  bytesPerSecond: number;
}

/** A decrypted, verified document, ready to preview or save. */
export interface DecryptedDocument {
  blob: Blob;
  name: string;
  type: string;
}

/** One of the resident's access-log entries, as listed: its leaf index and its event's JSON. */
export interface AccessLogEntry {
  index: number;
  /** The canonical JSON of the event: exactly the bytes that were hashed into the log. */
  leaf: string;
}

/**
 * What the browser concluded about the resident's access log (DESIGN §5): verified (with the
 * entries still waiting for a checkpoint), or a specific alarm. `entries` are all of the
 * resident's entries, newest first, whatever the outcome.
 */
export interface AccessLogReport {
  origin: string;
  /** The log's verifier key as the vault gave it, in full, to compare with the published one. */
  verifierKey: string;
  /** The verifier key's name and key ID (8 hex digits); null if the key cannot be read. */
  signer: { name: string; keyId: string } | null;
  entries: AccessLogEntry[];
  outcome: AccessLogVerified | AccessLogAlarm;
  /** When this check ran (ISO 8601). */
  checkedAt: string;
  /** How long the check took, in milliseconds: fetching everything, and verifying it. */
  timings: { fetchMs: number; verifyMs: number };
}

/** Every entry the latest checkpoint covers is in the log, and the log extends the one kept. */
export interface AccessLogVerified {
  status: 'verified';
  /** The size of the verified checkpoint (0: the log has no signed checkpoint yet). */
  size: number;
  verified: number;
  /** Leaf indexes of entries newer than the checkpoint: not signed yet, checked again soon. */
  pending: number[];
  /** The checkpoint the browser kept from its last check, now proven to be extended. */
  consistentWith: { size: number; checkedAt: string } | null;
  /**
   * Whether this browser could keep what it checked (IndexedDB). If not, the next visit is a
   * first visit again: it cannot tell whether the log was rolled back in between.
   */
  kept: boolean;
}

/** The log does not check out: what failed, and the evidence to keep. */
export interface AccessLogAlarm {
  status: 'alarm';
  alarm: LogAlarm;
  /** The signed checkpoint the browser kept from its last successful check, and when that was. */
  trusted: { checkpointNote: string; size: number; checkedAt: string } | null;
  /** The checkpoint the server sent this time (null if it sent none). */
  receivedCheckpointNote: string | null;
}

/** One version whose key the resident shares: its key as sealed to the resident (from the list). */
export interface DocumentToSeal {
  id: string;
  version: number;
  /** Base64url: the document key sealed to the resident's X25519 key. */
  wrappedKey: string;
}

/** What {@link VaultMethods} `consent.sealDocuments` takes. */
export interface SealDocumentsParams {
  documents: DocumentToSeal[];
  /** Base64url X25519 public key of the city service. */
  serviceX25519PublicKey: string;
}

/** One version's key sealed to a city service (base64url, 80 bytes before encoding). */
export interface SealedForService {
  id: string;
  version: number;
  wrappedKey: string;
}

/**
 * The worker's methods: params, result, and the progress events a call may report. Calls that
 * take a `residentId` need it for associated data; the worker keeps it with the keys.
 */
export interface VaultMethods {
  /** Wipes every key and pending secret. The page terminates the worker after this. */
  lock: { params: void; result: void };
  /** Makes the master key, key pairs and a recovery slot for a new vault; shows the kit's code. */
  'enrol.prepare': { params: { residentId: string }; result: { recoveryCode: string } };
  /** Adds a passkey slot to the vault being set up. */
  'enrol.addPasskey': { params: PasskeySecret; result: void };
  /** Adds a passphrase slot (Argon2id: a few seconds) to the vault being set up. */
  'enrol.addPassphrase': { params: { passphrase: string }; result: void };
  /** Sends the set-up to the server (`POST /api/vault/enrol`); the vault is then unlocked. */
  'enrol.finish': { params: void; result: void };
  /** Opens a key slot and the resident's secret keys (reads `GET /api/vault` itself). */
  unlock: { params: { residentId: string; secret: UnlockSecret }; result: void };
  /** Adds a passkey slot to the unlocked vault (`POST /api/vault/slots`). */
  'slots.addPasskey': { params: PasskeySecret; result: void };
  /** Adds a passphrase slot to the unlocked vault. */
  'slots.addPassphrase': { params: { passphrase: string }; result: void };
  /** Makes a new recovery slot and shows its code; nothing is sent yet. */
  'recovery.prepare': { params: void; result: { recoveryCode: string } };
  /** Replaces every recovery slot with the prepared one (`PUT /api/vault/recovery`). */
  'recovery.commit': { params: void; result: void };
  /** The resident's documents with decrypted names. */
  'documents.list': { params: void; result: DocumentSummary[] };
  /** Encrypts and uploads a file as a new document, or as a new version of `documentId`. */
  'documents.upload': {
    /** `currentVersion`: the version the resident saw, for a new version of `documentId`. */
    params: {
      file: File;
      category: DocumentCategory;
      documentId?: string;
      currentVersion?: number;
    };
    result: DocumentSummary;
    progress: TransferProgress;
  };
  /**
   * Fetches the resident's access log with its proofs and checks it against the state this
   * browser kept (IndexedDB); keeps the new state when it checks out. Needs no key: it works
   * while the vault is locked.
   */
  'log.check': { params: { residentId: string }; result: AccessLogReport };
  /**
   * Opens the chosen versions' keys with the resident's keys and seals them to a city service's
   * X25519 public key (a consent, DESIGN §6). Only sealed keys come back.
   */
  'consent.sealDocuments': { params: SealDocumentsParams; result: SealedForService[] };
  /** Signs a consent receipt (compact JWS, EdDSA) with the resident's Ed25519 key. */
  'consent.signReceipt': { params: ConsentReceiptPayload; result: string };
  /** Every complete version of a document with its decrypted metadata, oldest first. */
  'documents.versions': { params: { documentId: string }; result: VersionSummary[] };
  /** Downloads, verifies and decrypts a version (the current one by default). */
  'documents.download': {
    params: { documentId: string; version?: number };
    result: DecryptedDocument;
    progress: TransferProgress;
  };
}

/** A method name of {@link VaultMethods}. */
export type VaultMethod = keyof VaultMethods;
