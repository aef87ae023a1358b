import { type CryptoErrorCode, isCryptoError } from '../errors.js';
import { fromBase64, toBase64 } from './base64.js';
import { type Hash, HASH_BYTES, hashEquals } from './hash.js';
import { leafHash } from './merkle-hash.js';
import { openCheckpoint } from './open-checkpoint.js';
import { type NoteVerifier, parseVerifierKey } from './verifier-key.js';
import { verifyConsistency } from './verify-consistency.js';
import { verifyInclusion } from './verify-inclusion.js';

/** An entry the browser has verified before: its leaf index and leaf hash (standard base64). */
export interface SeenLogEntry {
  readonly index: number;
  readonly leafHash: string;
}

/**
 * What a browser keeps after a successful check (for example in IndexedDB, per resident and log
 * origin), and gives back to {@link checkResidentLog} on the next visit. Plain JSON-safe data:
 * hashes are standard base64, times ISO 8601.
 */
export interface TrustedLogState {
  /** The log's origin line, as the checkpoint carried it. */
  readonly origin: string;
  /** The C2SP verifier key the checkpoint was verified with. */
  readonly verifierKey: string;
  /** The size and root of the last verified checkpoint. */
  readonly size: number;
  readonly rootHash: string;
  /**
   * The signed note of that checkpoint, kept as evidence: with a later note that is not
   * consistent with it, it proves that the log forked or was rolled back.
   */
  readonly checkpointNote: string;
  /** Every entry of the resident that was verified, with its leaf hash. */
  readonly seen: readonly SeenLogEntry[];
  /** When that check ran. */
  readonly checkedAt: string;
}

/** One of the resident's entries as the server listed it: the leaf index and the leaf bytes. */
export interface ResidentLogEntry {
  readonly index: number;
  /** The canonical JSON of the event (a string is hashed as its UTF-8 bytes). */
  readonly leaf: string | Uint8Array;
}

/** An inclusion proof as the server sent it: hashes in standard base64, leaf's sibling first. */
export interface InclusionProofInput {
  readonly index: number;
  readonly hashes: readonly string[];
}

/** Options of {@link checkResidentLog}: everything the server returned, and what was trusted. */
export interface CheckResidentLogOptions {
  /** The log's origin the caller expects (the checkpoint's first line must be exactly this). */
  readonly origin: string;
  /** The log's C2SP verifier key, `<name>+<key id>+<base64 key>`. */
  readonly verifierKey: string;
  /** The state kept after the last successful check, or null on the first visit. */
  readonly trusted: TrustedLogState | null;
  /** The latest checkpoint, as the signed note text served by `GET /log/checkpoint`. */
  readonly checkpointNote: string;
  /**
   * ALL of the resident's entries (not a filtered page: an entry seen before that is not here
   * raises the `entry-missing` alarm). Entries at or past the checkpoint's size are pending.
   */
  readonly entries: readonly ResidentLogEntry[];
  /** An inclusion proof against the checkpoint's size for every entry it covers. */
  readonly proofs: readonly InclusionProofInput[];
  /**
   * The consistency proof from `trusted.size` to the checkpoint's size (standard base64). Needed
   * only when the checkpoint is larger than a non-empty trusted one; null otherwise.
   */
  readonly consistency: readonly string[] | null;
  /** The time to record as `checkedAt` (default: now). */
  readonly now?: Date;
}

/**
 * Why the log does not check out, as specific as can be said. Every alarm means that the log
 * the server shows now is not the one it promised, or not the one this browser saw before.
 */
export type LogAlarm =
  /** The log's key or origin is not the one this browser verified with last time. */
  | {
      readonly kind: 'log-key-changed';
      readonly trustedVerifierKey: string;
      readonly verifierKey: string;
      readonly trustedOrigin: string;
      readonly origin: string;
    }
  /**
   * The checkpoint is not signed by the log's key, not a well-formed checkpoint, or of another
   * log (the crypto/ code says which: ERR_NOTE_*, ERR_CHECKPOINT_*).
   */
  | { readonly kind: 'bad-checkpoint'; readonly code: CryptoErrorCode }
  /**
   * The checkpoint is older (smaller) than the one this browser verified, or of the same size
   * with another root: the log was rolled back, or shows this browser another history.
   */
  | { readonly kind: 'rollback'; readonly trustedSize: number; readonly size: number }
  /** The consistency proof from the trusted checkpoint fails: the log's history was rewritten. */
  | {
      readonly kind: 'inconsistent';
      readonly trustedSize: number;
      readonly size: number;
      readonly code: CryptoErrorCode;
    }
  /** An entry this browser verified before is no longer listed. */
  | { readonly kind: 'entry-missing'; readonly index: number }
  /** An entry this browser verified before is listed with other contents. */
  | { readonly kind: 'entry-changed'; readonly index: number }
  /** An entry is not in the log at the position given (no proof, or the proof fails). */
  | { readonly kind: 'not-included'; readonly index: number; readonly code: CryptoErrorCode };

/** The kinds of {@link LogAlarm}. */
export type LogAlarmKind = LogAlarm['kind'];

/** A log that checks out. */
export interface ResidentLogVerified {
  readonly ok: true;
  /** The verified checkpoint. */
  readonly checkpoint: { readonly origin: string; readonly size: number; readonly rootHash: Hash };
  /** Who signed it: the verifier key's name and key ID. */
  readonly signer: { readonly name: string; readonly keyId: number };
  /** How many entries were proven to be in the log. */
  readonly verified: number;
  /** Indexes of entries newer than the checkpoint: not signed yet, checked on a later visit. */
  readonly pending: readonly number[];
  /** The earlier checkpoint the new one was proven to extend (null on a first visit). */
  readonly consistentWith: { readonly size: number; readonly checkedAt: string } | null;
  /** The state to keep for the next visit (the caller persists it; nothing is stored here). */
  readonly nextTrusted: TrustedLogState;
}

/** The result of {@link checkResidentLog}. */
export type ResidentLogCheck =
  ResidentLogVerified | { readonly ok: false; readonly alarm: LogAlarm };

/**
 * Checks what the server returned about a resident's access log (DESIGN §5, docs/access-log.md
 * §9), the way the resident's browser must, with no I/O: the caller fetches, this decides.
 *
 * In order, the first failure is the result:
 * 1. the log's verifier key and origin are the trusted ones (`log-key-changed`);
 * 2. the checkpoint is a C2SP signed note by that key, for that origin (`bad-checkpoint`;
 *    C2SP tlog-checkpoint, tlog-proof step 2);
 * 3. it is not older than the trusted checkpoint, nor of its size with another root (`rollback`);
 * 4. it extends the trusted checkpoint: RFC 9162 §2.1.4.2 consistency (`inconsistent`);
 * 5. every entry verified before is still listed, with the same leaf hash (`entry-missing`,
 *    `entry-changed`);
 * 6. every listed entry that the checkpoint covers is in its tree: RFC 9162 §2.1.3.2 inclusion of
 *    SHA-256(0x00 ‖ leaf) at its index (`not-included`). Entries at or past the checkpoint's size
 *    are pending, not an alarm: checkpoints are signed in batches.
 *
 * On success it returns the counts and the new trusted state, for the caller to save. The first
 * visit trusts the checkpoint it is shown (trust on first use): from then on, the log cannot be
 * rewritten or rolled back without this check noticing.
 *
 * Throws `TypeError` for misuse: a `trusted` state that is not well formed, or a consistency
 * proof left out where one is needed.
 */
export function checkResidentLog(options: CheckResidentLogOptions): ResidentLogCheck {
  const { origin, verifierKey, trusted, checkpointNote, entries, proofs, consistency } = options;
  const alarm = (a: LogAlarm): ResidentLogCheck => ({ ok: false, alarm: a });
  const trustedRoot = trusted === null ? null : readTrusted(trusted);

  // 1. The key and the log are the ones this browser trusted before.
  if (trusted !== null && (trusted.verifierKey !== verifierKey || trusted.origin !== origin)) {
    return alarm({
      kind: 'log-key-changed',
      trustedVerifierKey: trusted.verifierKey,
      verifierKey,
      trustedOrigin: trusted.origin,
      origin,
    });
  }

  // 2. The checkpoint is signed by that key, for that log.
  let verifier: NoteVerifier;
  let checkpoint: { size: number; rootHash: Hash };
  try {
    verifier = parseVerifierKey(verifierKey);
    checkpoint = openCheckpoint(checkpointNote, { origin, verifiers: [verifier] });
  } catch (error) {
    if (!isCryptoError(error)) throw error;
    return alarm({ kind: 'bad-checkpoint', code: error.code });
  }
  const { size, rootHash } = checkpoint;

  // 3 and 4. It extends what this browser saw last time.
  if (trusted !== null && trustedRoot !== null) {
    if (size < trusted.size || (size === trusted.size && !hashEquals(rootHash, trustedRoot))) {
      return alarm({ kind: 'rollback', trustedSize: trusted.size, size });
    }
    if (size > trusted.size && trusted.size > 0) {
      if (consistency === null) {
        throw new TypeError('a consistency proof from the trusted size is needed');
      }
      try {
        verifyConsistency(trusted.size, size, decodeHashes(consistency), trustedRoot, rootHash);
      } catch (error) {
        if (!isCryptoError(error)) throw error;
        return alarm({ kind: 'inconsistent', trustedSize: trusted.size, size, code: error.code });
      }
    }
  }

  // 5. What was verified before is still there, unchanged.
  const encoder = new TextEncoder();
  const hashes = new Map<number, Hash>();
  for (const entry of entries) {
    const bytes = typeof entry.leaf === 'string' ? encoder.encode(entry.leaf) : entry.leaf;
    hashes.set(entry.index, leafHash(bytes));
  }
  for (const seen of trusted?.seen ?? []) {
    const now = hashes.get(seen.index);
    if (now === undefined) return alarm({ kind: 'entry-missing', index: seen.index });
    if (toBase64(now) !== seen.leafHash) return alarm({ kind: 'entry-changed', index: seen.index });
  }

  // 6. Every entry the checkpoint covers is in its tree.
  const proofByIndex = new Map(proofs.map((p) => [p.index, p.hashes]));
  const pending: number[] = [];
  const verified: SeenLogEntry[] = [];
  for (const [index, hash] of hashes) {
    if (index >= size) {
      pending.push(index);
      continue;
    }
    const proof = proofByIndex.get(index);
    if (proof === undefined)
      return alarm({ kind: 'not-included', index, code: 'ERR_PROOF_MALFORMED' });
    try {
      verifyInclusion(index, size, hash, decodeHashes(proof), rootHash);
    } catch (error) {
      if (!isCryptoError(error)) throw error;
      return alarm({ kind: 'not-included', index, code: error.code });
    }
    verified.push({ index, leafHash: toBase64(hash) });
  }

  verified.sort((a, b) => a.index - b.index);
  pending.sort((a, b) => a - b);
  const checkedAt = (options.now ?? new Date()).toISOString();
  return {
    ok: true,
    checkpoint: { origin, size, rootHash },
    signer: { name: verifier.name, keyId: verifier.keyId },
    verified: verified.length,
    pending,
    consistentWith: trusted === null ? null : { size: trusted.size, checkedAt: trusted.checkedAt },
    nextTrusted: {
      origin,
      verifierKey,
      size,
      rootHash: toBase64(rootHash),
      checkpointNote,
      seen: verified,
      checkedAt,
    },
  };
}

/** The trusted root, after checking that the stored state is well formed (else `TypeError`). */
function readTrusted(trusted: TrustedLogState): Hash {
  const root = typeof trusted.rootHash === 'string' ? fromBase64(trusted.rootHash) : undefined;
  const ok =
    typeof trusted.origin === 'string' &&
    typeof trusted.verifierKey === 'string' &&
    Number.isSafeInteger(trusted.size) &&
    trusted.size >= 0 &&
    root !== undefined &&
    root.length === HASH_BYTES &&
    Array.isArray(trusted.seen) &&
    typeof trusted.checkedAt === 'string';
  if (!ok) throw new TypeError('the trusted log state is not well formed');
  return root as Hash;
}

/**
 * Wire hashes to bytes. A hash that is not canonical base64 becomes an empty array, which the
 * verifiers refuse as malformed (ERR_PROOF_MALFORMED): a bad encoding is a bad proof.
 */
function decodeHashes(hashes: readonly string[]): Uint8Array[] {
  if (!Array.isArray(hashes)) return [new Uint8Array(0)];
  return hashes.map(
    (h) => (typeof h === 'string' ? fromBase64(h) : undefined) ?? new Uint8Array(0),
  );
}
