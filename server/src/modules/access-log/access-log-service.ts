import { proveConsistency } from '../../../../crypto/src/log/prove-consistency.js';
import { proveInclusion } from '../../../../crypto/src/log/prove-inclusion.js';
import { tileWidth } from '../../../../crypto/src/log/tile-coordinates.js';
import { TILE_HEIGHT, TILE_WIDTH } from '../../../../crypto/src/log/tile-path.js';
import type { LogExport } from '../../contracts/index.js';
import { AppError } from '../../http/app-error.js';
import type {
  Audit,
  LogCheckpointRecord,
  LogEntryFilter,
  LogEntryRecord,
  VaultStorage,
} from '../../storage/index.js';
import { toLogAppend, type AccessEventInput } from './access-event.js';
import type { Checkpointer } from './checkpointer.js';
import type { LogKey } from './log-key.js';
import { withStoredNodes } from './stored-tree.js';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export const accessLogErrors = {
  noCheckpoint: () =>
    new AppError(
      'ERR_LOG_NO_CHECKPOINT',
      404,
      'The access log has no signed checkpoint of this size. Fetch the latest checkpoint and use its size.',
    ),
  entryNotFound: () =>
    new AppError('ERR_LOG_ENTRY_NOT_FOUND', 404, 'This entry of your access log was not found.'),
  notCovered: () =>
    new AppError(
      'ERR_LOG_NOT_COVERED',
      409,
      'This entry is newer than the checkpoint: it will be covered by the next one, within seconds.',
    ),
  badRange: () =>
    new AppError(
      'ERR_VALIDATION',
      400,
      'The request is not valid (from must not be larger than to).',
    ),
  tileNotFound: () => new AppError('ERR_NOT_FOUND', 404, 'No such tile in the published log.'),
};

/**
 * The access log (DESIGN §5, issue 4): builds entries for other modules' changes (`audit`), appends
 * standalone ones (`record`), and answers residents' questions about their own entries with proofs
 * against signed checkpoints. Public tiles and checkpoints are served from here too.
 */
export class AccessLogService {
  readonly #storage: VaultStorage;
  readonly #checkpointer: Checkpointer;
  readonly identity: { origin: string; verifierKey: string };

  constructor(deps: {
    storage: VaultStorage;
    checkpointer: Checkpointer;
    origin: string;
    key: LogKey;
  }) {
    this.#storage = deps.storage;
    this.#checkpointer = deps.checkpointer;
    this.identity = { origin: deps.origin, verifierKey: deps.key.verifierKey };
  }

  /** An {@link Audit} that logs `event(result)` with the change, or nothing when it is null. */
  audit<R>(event: (result: R) => AccessEventInput | null): Audit<R> {
    return (result) => {
      const input = event(result);
      return input === null ? null : toLogAppend(input);
    };
  }

  /** Appends one entry on its own; resolves once it is durable. */
  async record(event: AccessEventInput): Promise<LogEntryRecord> {
    const [entry] = await this.#storage.appendLog([toLogAppend(event)]);
    return entry!;
  }

  /** The latest signed checkpoint (null before the first entry is covered). */
  latestCheckpoint(): Promise<LogCheckpointRecord | null> {
    return this.#storage.latestCheckpoint();
  }

  /** Signs a checkpoint now if entries are waiting (tests, shutdown, exports). */
  checkpointNow(): Promise<LogCheckpointRecord | null> {
    return this.#checkpointer.tick();
  }

  listEntries(
    residentId: string,
    filter: LogEntryFilter,
    limit: number,
  ): Promise<LogEntryRecord[]> {
    return this.#storage.listLogEntries(residentId, filter, limit);
  }

  /**
   * Inclusion proofs of the resident's own entries in the tree of a checkpointed `size`. Another
   * resident's entry is answered as a missing one.
   */
  async inclusionProofs(
    residentId: string,
    size: number,
    indexes: readonly number[],
  ): Promise<{ index: number; hashes: string[] }[]> {
    if ((await this.#storage.getCheckpoint(size)) === null) throw accessLogErrors.noCheckpoint();
    const unique = [...new Set(indexes)];
    const entries = await this.#storage.getLogEntries(unique);
    const mine = new Set(entries.filter((e) => e.residentId === residentId).map((e) => e.index));
    for (const index of unique) {
      if (!mine.has(index)) throw accessLogErrors.entryNotFound();
      if (index >= size) throw accessLogErrors.notCovered();
    }
    const proofs = await withStoredNodes(this.#storage, (nodeAt) =>
      unique.map((index) => ({ index, hashes: proveInclusion(index, size, nodeAt) })),
    );
    return proofs.map(({ index, hashes }) => ({ index, hashes: hashes.map(b64) }));
  }

  /** A consistency proof from any size up to a checkpointed `to`. */
  async consistencyProof(from: number, to: number): Promise<string[]> {
    if (from > to) throw accessLogErrors.badRange();
    if ((await this.#storage.getCheckpoint(to)) === null) throw accessLogErrors.noCheckpoint();
    const proof = await withStoredNodes(this.#storage, (nodeAt) =>
      proveConsistency(from, to, nodeAt),
    );
    return proof.map(b64);
  }

  /**
   * The hashes of tile (level, index) at `width` (C2SP tlog-tiles), within the latest checkpoint:
   * a tile is served only as far as a signed tree has it, so every tile is final (immutable).
   */
  async tile(level: number, index: number, width: number): Promise<Buffer> {
    const checkpoint = await this.#storage.latestCheckpoint();
    const available = checkpoint === null ? 0 : tileWidth(level, index, checkpoint.size);
    if (width > available) throw accessLogErrors.tileNotFound();
    const hashes = await this.#storage.getLogNodeRange(
      level * TILE_HEIGHT,
      index * TILE_WIDTH,
      width,
    );
    if (hashes.length !== width) throw new Error(`access log: tile ${level}/${index} is short`);
    return Buffer.concat(hashes);
  }

  /**
   * The resident's whole log as one file (contracts: LogExport): every entry the latest checkpoint
   * covers, with its inclusion proof, and the indexes of newer ones.
   */
  async exportFor(residentId: string, now: Date): Promise<LogExport> {
    const checkpoint = (await this.#checkpointer.tick()) ?? (await this.latestCheckpoint());
    if (checkpoint === null) throw accessLogErrors.noCheckpoint();
    const covered: LogEntryRecord[] = [];
    const pending: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await this.#storage.listLogEntries(
        residentId,
        before === undefined ? {} : { beforeIndex: before },
        1000,
      );
      for (const entry of page) {
        if (entry.index < checkpoint.size) covered.push(entry);
        else pending.push(entry.index);
      }
      if (page.length < 1000) break;
      before = page[page.length - 1]!.index;
    }
    const proofs = await withStoredNodes(this.#storage, (nodeAt) =>
      covered.map((entry) => proveInclusion(entry.index, checkpoint.size, nodeAt)),
    );
    return {
      format: 'citizen-vault.access-log-export.v1',
      exportedAt: now.toISOString(),
      origin: this.identity.origin,
      verifierKey: this.identity.verifierKey,
      checkpoint: checkpoint.note,
      entries: covered.map((entry, i) => ({
        index: entry.index,
        leaf: Buffer.from(entry.leaf).toString('utf8'),
        proof: proofs[i]!.map(b64),
      })),
      pending,
    };
  }
}
