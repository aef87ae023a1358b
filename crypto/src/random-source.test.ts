import { describe, expect, it } from 'vitest';
import { createPooledRandomWords, installPooledRandomSource, POOL_WORDS } from './random-source.js';
import { sodium, sodiumReady, usesPooledRandom } from './sodium.js';

describe('pooled random source', () => {
  it('hands out each drawn word once, in order, and zeroes it in the pool', () => {
    let draws = 0;
    const seen: Uint32Array[] = [];
    const words = createPooledRandomWords((pool) => {
      draws += 1;
      for (let i = 0; i < pool.length; i++) pool[i] = draws * 1_000_000 + i;
      seen.push(pool);
    });
    const out = Array.from({ length: POOL_WORDS + 3 }, () => words());
    expect(draws).toBe(2);
    expect(out.slice(0, 3)).toEqual([1_000_000, 1_000_001, 1_000_002]);
    expect(out[POOL_WORDS]).toBe(2_000_000);
    expect(new Set(out).size).toBe(out.length);
    // Spent words do not stay in memory: all of the first draw, and the first 3 of the second.
    expect(seen[0]!.slice(0, 3)).toEqual(new Uint32Array(3));
    expect(seen[0]!.every((w, i) => i >= 3 || w === 0)).toBe(true);
  });

  it('returns unsigned 32-bit integers', () => {
    const words = createPooledRandomWords((pool) => pool.fill(0xffffffff));
    expect(words()).toBe(0xffffffff);
  });

  it('leaves a module it does not recognise alone', () => {
    expect(installPooledRandomSource(undefined)).toBe(false);
    const host = { getRandomValue: 42 };
    expect(installPooledRandomSource(host)).toBe(false);
    expect(host.getRandomValue).toBe(42);
  });

  it('is what the shipped libsodium draws from, and its output looks random', async () => {
    await sodiumReady();
    expect(usesPooledRandom()).toBe(true);
    const a = sodium().randombytes_buf(32);
    const b = sodium().randombytes_buf(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    // Every byte value shows up in 64 KiB (a broken source — constant, zeros — would not).
    const bytes = sodium().randombytes_buf(65536);
    expect(new Set(bytes).size).toBe(256);
  });
});
