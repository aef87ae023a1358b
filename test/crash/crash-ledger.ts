import type { Hash } from '../../crypto/src/index.js';
import type { DocumentCategory } from '../../server/src/contracts/index.js';
import type { KeyedResident } from '../helpers/service-api.js';

/**
 * What the crash harness remembers across kills: every version it sent (whatever the answer),
 * every write the vault acknowledged (a 2xx received), every read the vault released, every
 * checkpoint it signed, and every loss found. Only what was acknowledged must survive; what was in
 * flight at a kill may go either way, but must then be whole or absent.
 */

/** A document version the harness sent, with the plaintext it must decrypt to. */
export interface SentVersion {
  owner: KeyedResident;
  documentId: string;
  version: number;
  category: DocumentCategory;
  plaintext: Buffer;
  /** How it was sent: one request, or reserved and sent in runs of chunks. */
  via: 'put' | 'parts';
}

/** A reserved upload that had not been acknowledged complete when the vault was killed. */
export interface OpenUpload {
  sent: SentVersion;
  uploadId: string;
  chunks: Uint8Array[];
  /** Chunks whose run the vault acknowledged (200): these must still be there after a restart. */
  ackedChunks: number;
  /** The body of `POST /api/uploads/:id/complete`. */
  completion: { header: string; wrappedKey: string; metadata: string };
}

/** Reads of one document through one grant (service) or by its resident. */
export interface ReadTally {
  /** Requests sent. */
  attempted: number;
  /** Answered 200: the key and the ciphertext were on their way, so the entry must exist. */
  released: number;
}

/** A checkpoint the vault signed and served before a kill. */
export interface SeenCheckpoint {
  size: number;
  rootHash: Hash;
  note: string;
  /** The kill it was seen before (1-based). */
  kill: number;
}

export const versionKey = (documentId: string, version: number) => `${documentId}/${version}`;

export class CrashLedger {
  /** Every version sent, by `documentId/version`. */
  readonly sent = new Map<string, SentVersion>();
  /** Versions the vault acknowledged (201/200 to the upload), by `documentId/version`. */
  readonly acknowledged = new Map<string, SentVersion>();
  /** Versions downloaded after a restart and found to decrypt to what was sent. */
  readonly verified = new Set<string>();
  /** The newest version of each document as last seen settled (no upload of it in flight). */
  readonly current = new Map<string, { owner: KeyedResident; version: number }>();
  readonly openUploads: OpenUpload[] = [];
  /** Upload reservations acknowledged (201), and chunk runs acknowledged (200): each must still be there after a restart. */
  reservationsAcknowledged = 0;
  chunkRunsAcknowledged = 0;
  /** Service reads by `grantId/documentId`. */
  readonly serviceReads = new Map<string, ReadTally>();
  /** Residents' downloads of their own versions, by document id. */
  readonly downloads = new Map<string, ReadTally>();
  /** Service requests filed: attempted per resident, and acknowledged ids with their resident. */
  readonly requestsAttempted = new Map<string, number>();
  readonly requestsAcknowledged = new Map<string, string>();
  /** Every checkpoint seen, by size (one size, one root: a second root is an alarm). */
  readonly checkpoints = new Map<number, SeenCheckpoint>();
  /** Acknowledged writes found missing or wrong after a restart. Must stay empty. */
  readonly lost: string[] = [];
  /** Anything else that should not happen (an error answer while the vault was alive…). */
  readonly unexpected: string[] = [];

  tally(map: Map<string, ReadTally>, key: string): ReadTally {
    let tally = map.get(key);
    if (!tally) {
      tally = { attempted: 0, released: 0 };
      map.set(key, tally);
    }
    return tally;
  }

  /** Acknowledged writes so far, each counted once. */
  acknowledgedWrites(): {
    versions: number;
    reservations: number;
    chunkRuns: number;
    requests: number;
    serviceReads: number;
    downloads: number;
    total: number;
  } {
    const sum = (map: Map<string, ReadTally>) =>
      [...map.values()].reduce((n, t) => n + t.released, 0);
    const counts = {
      versions: this.acknowledged.size,
      reservations: this.reservationsAcknowledged,
      chunkRuns: this.chunkRunsAcknowledged,
      requests: this.requestsAcknowledged.size,
      serviceReads: sum(this.serviceReads),
      downloads: sum(this.downloads),
    };
    return { ...counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
  }
}
