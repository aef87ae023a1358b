import type Database from 'better-sqlite3';

interface Pending {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit (DESIGN §8). With `synchronous=FULL` every commit waits for the disk, so one commit
 * per request caps the vault near the disk's fsync rate. Writes that arrive while the event loop is
 * busy are queued; at the next turn (`setImmediate`) the queue runs them all inside ONE
 * transaction, each in its own savepoint (a failing write rolls back alone), commits once, and
 * only then settles every caller's promise: no write is acknowledged before it is durable.
 *
 * When idle a write waits for no timer — the batch is whatever arrived during the previous turn —
 * so latency does not grow at low load and batches grow by themselves under load.
 */
export class WriteQueue {
  readonly #db: Database.Database;
  #pending: Pending[] = [];
  #scheduled = false;
  /** Batches committed and writes in them, and batches rolled back whole, for benchmarks and tests. */
  readonly stats = { batches: 0, writes: 0, largestBatch: 0, busyMs: 0, abortedBatches: 0 };

  readonly #afterCommit: () => void;

  /** `afterCommit` runs after each batch that committed (the WAL checkpointer's nudge). */
  constructor(db: Database.Database, afterCommit: () => void = () => undefined) {
    this.#db = db;
    this.#afterCommit = afterCommit;
  }

  /**
   * Runs `work` (synchronous database work; it may return a promise that is already settled, as an
   * async port method whose body never awaits does) inside the next batch, and settles with its
   * result after the batch has committed.
   */
  run<T>(work: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ run: work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    const db = this.#db;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    let aborted: unknown = null;
    const started = performance.now();
    try {
      db.transaction(() => {
        for (const item of batch) {
          try {
            // A savepoint per write: its own failure rolls back only its own statements.
            outcomes.push({ ok: true, value: db.transaction(item.run)() });
          } catch (error) {
            outcomes.push({ ok: false, value: error });
          }
          // Some errors (SQLITE_FULL, SQLITE_IOERR…) make SQLite roll the whole transaction
          // back; then nothing in this batch is durable and nothing may be acknowledged.
          if (!db.inTransaction) {
            aborted = outcomes[outcomes.length - 1]!.value;
            throw aborted;
          }
        }
      }).immediate();
    } catch (error) {
      aborted ??= error;
    }
    this.stats.busyMs += performance.now() - started;
    if (aborted !== null) {
      // A COMMIT that failed (SQLITE_FULL while appending to the WAL) is rolled back by
      // better-sqlite3; should that ROLLBACK fail too, the connection would stay inside the dead
      // transaction and every later batch would fail to BEGIN. Only this batch may fail.
      if (db.inTransaction) {
        try {
          db.exec('ROLLBACK');
        } catch {
          // Nothing else can be done here; the next batch's BEGIN will report what is wrong.
        }
      }
      this.stats.abortedBatches += 1;
      for (const item of batch) item.reject(aborted);
      return;
    }
    this.stats.batches += 1;
    this.stats.writes += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    this.#afterCommit();
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.value);
    });
  }
}
