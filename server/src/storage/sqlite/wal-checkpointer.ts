import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The write-ahead log's checkpoints, on a thread of their own (DESIGN §8).
 *
 * In WAL mode every commit appends pages to `-wal`; a checkpoint copies them back into the database
 * file and, with `synchronous=FULL`, waits for the disk twice. SQLite's automatic checkpoint runs
 * inside the commit that crosses the threshold, on the committing connection: with better-sqlite3
 * that is the event loop, which then serves nobody. Measured here, checkpoints were about a third
 * of the cost of storing a 100 KiB document (docs/performance.md).
 *
 * This class runs `PRAGMA wal_checkpoint(PASSIVE)` on a second connection in a worker thread,
 * nudged after each committed batch (at most one every {@link GAP_MS} under load). PASSIVE never blocks the writer or readers, and copies only
 * frames that are already committed, so nothing about durability changes: acknowledged writes are
 * in the fsynced WAL before this runs. The writer keeps a high automatic-checkpoint threshold
 * ({@link BACKSTOP_PAGES}) as a backstop: if this thread falls behind or fails, the writer
 * checkpoints itself and the WAL stays bounded. A failed thread is not restarted; the writer's
 * automatic checkpoint is put back to SQLite's default and the error kept in {@link stats}.
 *
 * The worker's code is a string (`eval`), so the same module runs from TypeScript sources under the
 * test runner and from compiled `dist/`; it loads the same better-sqlite3 by absolute path.
 */
export class WalCheckpointer {
  /** The writer's own automatic-checkpoint threshold while this thread runs (pages). */
  static readonly BACKSTOP_PAGES = 4096;
  /** SQLite's default threshold, restored when the thread stops or fails (pages). */
  static readonly DEFAULT_PAGES = 1000;
  /**
   * Least time between the end of one checkpoint and the start of the next while writes keep
   * coming. 50 ms cut checkpoints from ~165 to ~30 per 1,000 uploads of 100 KiB and the vault's CPU
   * per document by ~10 %, with the same throughput (docs/performance.md).
   */
  static readonly GAP_MS = 50;

  readonly #file: string;
  readonly #onFailure: (error: unknown) => void;
  #worker: Worker | null = null;
  #busy = false;
  #again = false;
  #failed = false;
  #stopping: Promise<void> | null = null;
  #exited: Promise<void> = Promise.resolve();
  /**
   * Checkpoints run, frames copied, checkpoints that failed for want of disk space (or another
   * passing I/O error) and were left for the next nudge, and the last error, for benchmarks and tests.
   */
  readonly stats = {
    checkpoints: 0,
    framesCopied: 0,
    transientFailures: 0,
    error: null as string | null,
  };
  #idleWaiters: (() => void)[] = [];
  /** Callers of {@link truncate} waiting for their answer, in the order they asked. */
  #truncations: ((done: boolean | null) => void)[] = [];

  /**
   * `onFailure` runs once if the thread cannot open the database or a checkpoint throws anything
   * but a full disk or an I/O error (the caller restores its automatic checkpoint there).
   */
  constructor(file: string, onFailure: (error: unknown) => void) {
    this.#file = file;
    this.#onFailure = onFailure;
  }

  /** A batch was committed: checkpoint soon (at most one runs; one more is queued behind it). */
  nudge(): void {
    if (this.#failed || this.#stopping) return;
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = true;
    this.#start().postMessage('checkpoint');
  }

  /**
   * Checkpoints every frame and truncates the write-ahead log to zero bytes
   * (`wal_checkpoint(TRUNCATE)`), on the thread, after any checkpoint already running there: no
   * old page image is left in `-wal` (an account deletion asks for it, ports: deleteAccount).
   * While it is pending SQLite holds new writers back (they wait in their busy handler), so it is
   * for rare events only, and it waits at most {@link TRUNCATE_BUSY_MS}. Resolves true when it
   * completed, false when a reader or writer kept it from completing in that time (try again), null
   * when the thread has failed or is stopping (the caller then runs it on its own connection).
   */
  truncate(): Promise<boolean | null> {
    if (this.#failed || this.#stopping) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.#truncations.push(resolve);
      this.#start().postMessage('truncate');
    });
  }

  /** Resolves when no checkpoint is running or queued (tests). */
  idle(): Promise<void> {
    if (!this.#busy) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Lets a running checkpoint finish, closes the worker's connection and ends the thread. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      const worker = this.#worker;
      if (worker !== null) {
        // Held by the thread until it has ended: otherwise a process with nothing else to do (a
        // command-line tool closing the database) exits mid-close, with code 13.
        worker.ref();
        worker.postMessage('stop');
        await this.#exited;
      }
      this.#settleIdle();
      this.#settleTruncations();
    })();
    return this.#stopping;
  }

  #start(): Worker {
    if (this.#worker !== null) return this.#worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file: this.#file,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      },
    });
    worker.on('message', (message: WorkerReply) => {
      if (message.type === 'truncated') {
        this.#truncations.shift()?.(message.busy === 0);
      } else if (message.type === 'checkpointed') {
        this.stats.checkpoints += 1;
        this.stats.framesCopied += message.copied;
        this.#busy = false;
        if (this.#again && !this.#stopping) {
          this.#again = false;
          // Paced: each checkpoint costs two fsyncs however little it copies.
          this.#busy = true;
          setTimeout(() => {
            this.#busy = false;
            this.nudge();
          }, WalCheckpointer.GAP_MS).unref();
        } else this.#settleIdle();
      } else if (message.transient) {
        // The disk is full (or failed for a moment): the frames stay in the WAL, committed and
        // readable, and the next nudge tries again. Stopping the thread for this would leave the
        // writer checkpointing inside commits for the rest of the process's life.
        this.stats.transientFailures += 1;
        this.stats.error = message.message;
        this.#busy = false;
        this.#again = false;
        this.#settleIdle();
      } else this.#fail(new Error(message.message));
    });
    worker.on('error', (error) => this.#fail(error));
    // Remembered now: a thread that already ended (after a failure) emits no second 'exit'.
    this.#exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    // Not a reason to keep the process alive: the server and its timers are.
    worker.unref();
    this.#worker = worker;
    return worker;
  }

  #fail(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#busy = false;
    this.stats.error = error instanceof Error ? error.message : String(error);
    this.#settleIdle();
    this.#settleTruncations();
    void this.#worker?.terminate();
    this.#onFailure(error);
  }

  #settleTruncations(): void {
    const waiters = this.#truncations;
    this.#truncations = [];
    for (const resolve of waiters) resolve(null);
  }

  #settleIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/**
 * How long a TRUNCATE checkpoint waits for readers and writers (ms). It holds SQLite's write lock
 * while it waits, so this bounds how long it can hold up the vault's writes; the caller retries.
 */
export const TRUNCATE_BUSY_MS = 250;

type WorkerReply =
  | { type: 'checkpointed'; copied: number }
  | { type: 'truncated'; busy: number }
  | { type: 'error'; message: string; transient: boolean };

/**
 * Runs inside the worker thread (CommonJS, `eval`): one connection, PASSIVE checkpoints, and
 * TRUNCATE ones when asked.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
function fail(error, transient = false) {
  parentPort.postMessage({ type: 'error', message: String((error && error.message) || error), transient });
}
// A full disk (SQLITE_FULL, or an I/O error such as a failed fsync) fails this checkpoint only.
const passing = (error) => /^SQLITE_(FULL|IOERR)/.test(String(error && error.code));
let db = null;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = FULL');
  const mode = String(db.pragma('journal_mode', { simple: true })).toLowerCase();
  const sync = db.pragma('synchronous', { simple: true });
  if (mode !== 'wal' || sync !== 2) throw new Error('checkpoint connection is not WAL with synchronous=FULL');
} catch (error) {
  fail(error);
  if (db !== null) db.close();
  db = null;
}
parentPort.on('message', (message) => {
  if (message === 'stop' || db === null) {
    if (db !== null) db.close();
    db = null;
    parentPort.close();
    return;
  }
  if (message === 'truncate') {
    // While it waits for readers it holds the write lock: wait briefly, so that the vault's own
    // writes (which wait for that lock on the event loop) are held up for a moment at most.
    try {
      db.pragma('busy_timeout = ${TRUNCATE_BUSY_MS}');
      const [row] = db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('busy_timeout = 5000');
      parentPort.postMessage({ type: 'truncated', busy: Number(row.busy) });
    } catch (error) {
      db.pragma('busy_timeout = 5000');
      // A full disk fails this truncation only: the caller hears "not completed" and may retry.
      if (passing(error)) parentPort.postMessage({ type: 'truncated', busy: 1 });
      else fail(error);
    }
    return;
  }
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpointed', copied: Math.max(0, Number(row.checkpointed)) });
  } catch (error) {
    fail(error, passing(error));
  }
});
`;
