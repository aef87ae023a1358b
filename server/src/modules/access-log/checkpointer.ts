import type { Logger } from 'pino';
import { isCryptoError } from '../../../../crypto/src/errors.js';
import { hashEquals, type Hash } from '../../../../crypto/src/log/hash.js';
import { openCheckpoint } from '../../../../crypto/src/log/open-checkpoint.js';
import { proveConsistency } from '../../../../crypto/src/log/prove-consistency.js';
import { signCheckpoint } from '../../../../crypto/src/log/sign-checkpoint.js';
import { treeRoot } from '../../../../crypto/src/log/tree-root.js';
import { verifyConsistency } from '../../../../crypto/src/log/verify-consistency.js';
import {
  LogIntegrityError,
  type LogCheckpointRecord,
  type VaultStorage,
} from '../../storage/index.js';
import type { LogKey } from './log-key.js';
import { withStoredNodes } from './stored-tree.js';

export interface CheckpointerDeps {
  storage: VaultStorage;
  logger: Logger;
  now: () => Date;
  origin: string;
  key: LogKey;
  intervalMs: number;
}

/** Why the checkpointer stopped signing; null while all is well. */
export type CheckpointerHalt = { reason: 'inconsistent' | 'bad-signature'; detail: string } | null;

/**
 * Signs checkpoints in batches (DESIGN §5): at most `intervalMs` after an entry commits, if the log
 * grew, it computes the root of the whole tree from the stored subtree hashes, and — before signing
 * — checks with crypto/ that the new tree extends the last signed checkpoint: that checkpoint's
 * signature must verify with the log's own key, and a consistency proof from it to the new root
 * must verify. If either fails (the stored log was edited), it signs nothing more, says so loudly
 * in the operator's log and in /readyz, and keeps refusing: the log never signs two inconsistent
 * checkpoints. Runs one signing at a time.
 */
export class Checkpointer {
  readonly #deps: CheckpointerDeps;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<LogCheckpointRecord | null> | undefined;
  #halt: CheckpointerHalt = null;
  /** Whether this node held the log lease at its last try (DESIGN §8); false before the first. */
  #holdsLease = false;
  /** The last checkpoint this process signed or checked, to compare the stored one against. */
  #last: { size: number; rootHash: Hash } | undefined;

  constructor(deps: CheckpointerDeps) {
    this.#deps = deps;
  }

  get halted(): CheckpointerHalt {
    return this.#halt;
  }

  /**
   * Whether this node signs the log's checkpoints: it held the log lease when it last tried (every
   * tick). With several nodes on PostgreSQL exactly one does; /readyz shows it.
   */
  get holdsLease(): boolean {
    return this.#holdsLease;
  }

  start(): void {
    this.#timer ??= setInterval(() => {
      this.tick().catch((error: unknown) => {
        this.#deps.logger.error({ err: error }, 'access log: checkpoint failed');
      });
    }, this.#deps.intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and signs what has committed so far. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.tick().catch((error: unknown) => {
      this.#deps.logger.error({ err: error }, 'access log: final checkpoint failed');
    });
  }

  /** Signs a checkpoint now if the log grew since the last one; resolves with it (or null). */
  tick(): Promise<LogCheckpointRecord | null> {
    this.#running ??= this.#sign().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #sign(): Promise<LogCheckpointRecord | null> {
    if (this.#halt) return null;
    const { storage, logger, origin, key, now } = this.#deps;
    // With several vault nodes, only the holder of the log lease signs (DESIGN §8).
    this.#holdsLease = await storage.acquireLogLease();
    if (!this.#holdsLease) return null;
    const size = await storage.logSize();
    const last = await storage.latestCheckpoint();
    // An empty log has nothing to sign; and checkpoints only move forward.
    if (size === 0 || (last !== null && size <= last.size)) return null;

    let rootHash: Hash;
    try {
      rootHash = await withStoredNodes(storage, (nodeAt) => treeRoot(size, nodeAt));
      if (last !== null && !(await this.#extendsLast(last, size, rootHash))) return null;
    } catch (error) {
      if (!(error instanceof LogIntegrityError)) throw error;
      this.#stop('inconsistent', error.message);
      return null;
    }

    const note = signCheckpoint({ origin, size, rootHash, extensions: [] }, key.signer);
    const record: LogCheckpointRecord = { size, rootHash, note, createdAt: now() };
    if ((await storage.storeCheckpoint(record)) === 'stale') return null;
    this.#last = { size, rootHash };
    logger.debug({ size }, 'access log: checkpoint signed');
    return record;
  }

  /** Whether the tree of `size` with `rootHash` extends `last`; halts the checkpointer if not. */
  async #extendsLast(last: LogCheckpointRecord, size: number, rootHash: Hash): Promise<boolean> {
    const { storage, origin, key } = this.#deps;
    try {
      const opened = openCheckpoint(last.note, { origin, verifiers: [key.signer] });
      if (opened.size !== last.size || !hashEquals(opened.rootHash, last.rootHash)) {
        this.#stop('bad-signature', 'the stored checkpoint row differs from its signed note');
        return false;
      }
    } catch (error) {
      if (!isCryptoError(error)) throw error;
      this.#stop('bad-signature', `the last stored checkpoint does not verify: ${error.code}`);
      return false;
    }
    if (
      this.#last &&
      (last.size < this.#last.size ||
        (last.size === this.#last.size && !hashEquals(last.rootHash, this.#last.rootHash)))
    ) {
      this.#stop('inconsistent', 'the stored checkpoints went back from one this process signed');
      return false;
    }
    if (last.size === 0) return true; // every tree extends the empty one
    try {
      const proof = await withStoredNodes(storage, (nodeAt) =>
        proveConsistency(last.size, size, nodeAt),
      );
      verifyConsistency(last.size, size, proof, last.rootHash, rootHash);
    } catch (error) {
      if (!isCryptoError(error)) throw error;
      this.#stop(
        'inconsistent',
        `the stored tree of ${size} entries does not extend checkpoint ${last.size}: ${error.code}`,
      );
      return false;
    }
    return true;
  }

  #stop(reason: 'inconsistent' | 'bad-signature', detail: string): void {
    this.#halt = { reason, detail };
    this.#deps.logger.error(
      { reason, detail },
      'ACCESS LOG ALARM: the stored log was changed; no further checkpoint will be signed. ' +
        'Restore the database from a backup and investigate (docs/operations.md).',
    );
  }
}
