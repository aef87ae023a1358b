import { describe, expect, it } from 'vitest';
import { PerKeyQueue } from './per-key-queue.js';

/** A promise the test settles by hand. */
function gate<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('PerKeyQueue', () => {
  it('runs work under one key one at a time, in call order', async () => {
    const queue = new PerKeyQueue();
    const started: number[] = [];
    const gates = [gate(), gate(), gate()];
    const results = gates.map((g, i) =>
      queue.run('grant-a', async () => {
        started.push(i);
        await g.promise;
        return i;
      }),
    );
    await settle();
    expect(started).toEqual([0]);
    gates[1]!.resolve(); // finishing out of order does not let the second start early
    await settle();
    expect(started).toEqual([0]);
    gates[0]!.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[2]!.resolve();
    expect(await Promise.all(results)).toEqual([0, 1, 2]);
  });

  it('runs work under different keys concurrently', async () => {
    const queue = new PerKeyQueue();
    const held = gate();
    const started: string[] = [];
    const a = queue.run('grant-a', async () => {
      started.push('a');
      await held.promise;
    });
    const b = queue.run('grant-b', async () => {
      started.push('b');
    });
    await b;
    expect(started).toEqual(['a', 'b']);
    held.resolve();
    await a;
  });

  it('a failure is its caller’s alone: the next work still runs, and the key is forgotten', async () => {
    const queue = new PerKeyQueue();
    const failed = queue.run('grant-a', async () => {
      throw new Error('serialization failure');
    });
    const thrown = queue.run('grant-a', () => {
      throw new Error('thrown before any promise');
    });
    const next = queue.run('grant-a', async () => 'ran');
    await expect(failed).rejects.toThrow('serialization failure');
    await expect(thrown).rejects.toThrow('thrown before any promise');
    expect(await next).toBe('ran');
    await settle();
    expect(queue.pendingKeys).toBe(0);
  });

  it('a synchronous throw of the first work rejects its promise instead of throwing', async () => {
    const queue = new PerKeyQueue();
    const result = queue.run('grant-a', () => {
      throw new Error('no connection');
    });
    await expect(result).rejects.toThrow('no connection');
    await settle();
    expect(queue.pendingKeys).toBe(0);
  });
});
