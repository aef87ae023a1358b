/**
 * Runs asynchronous work one at a time per key, in the order it was asked for; work under
 * different keys runs concurrently. The PostgreSQL adapter queues the operations on one grant
 * with it (a read, a revocation, new keys), so that on one node they keep the order they were
 * called in, as SQLite's write queue keeps it: a read called after a revocation is refused, one
 * called before it is answered, and their log entries follow the same order. Without it, each
 * call's transaction would race the others to the row lock: the pool hands out connections in
 * order, but nothing orders what happens after. Across nodes the row locks decide (consent.ts).
 *
 * Work waiting its turn holds no connection and no lock, so the queue cannot deadlock with the
 * database: only work that has started waits for the database.
 */
export class PerKeyQueue {
  /** Per key with work pending: a promise that settles when the last of it has settled. */
  readonly #tails = new Map<string, Promise<void>>();

  /** Runs `work` after every earlier `run` under `key` has settled; resolves or rejects with it. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key);
    // A work that throws before returning its promise rejects like one that rejects.
    const result =
      previous === undefined ? new Promise<T>((resolve) => resolve(work())) : previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** The number of keys with work pending (for tests: the map does not grow without bound). */
  get pendingKeys(): number {
    return this.#tails.size;
  }
}
