import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../sodium.js';
import { paddedLength } from './padding.js';

beforeAll(async () => {
  await sodiumReady();
});

/**
 * Padmé (Nikitin et al., PETS 2019) on L = length + 1, in integers as docs/crypto.md states it:
 * E = ⌊log2 L⌋ (the index of L's highest set bit), S = ⌊log2 E⌋ + 1, keep the top S bits of L and
 * round up below them; never less than 256.
 */
function reference(length: number): number {
  const l = BigInt(length) + 1n;
  if (l <= 256n) return 256;
  const e = BigInt(l.toString(2).length - 1);
  const s = BigInt(e.toString(2).length - 1) + 1n;
  const mask = (1n << (e - s)) - 1n;
  return Number((l + mask) & ~mask);
}

describe('paddedLength (Padmé on length + 1, minimum 256)', () => {
  it('is 256 for every length up to 255, and 272 for 256 (room for the 0x80 marker)', () => {
    for (let n = 0; n <= 255; n++) expect(paddedLength(n)).toBe(256);
    expect(paddedLength(256)).toBe(272);
  });

  it('is monotone and at least length + 1 for every length to 300 000', () => {
    let previous = 0;
    const bad: number[] = [];
    for (let n = 0; n <= 300_000; n++) {
      const p = paddedLength(n);
      if (p < previous || p < n + 1) bad.push(n);
      previous = p;
    }
    expect(bad).toEqual([]);
  });

  it('costs at most 12 % above 256 bytes', () => {
    const rand = (max: number) => Math.floor(Math.random() * max);
    const lengths = [256, 257, 1000, 65_535, 65_536, 200_000, 2 ** 30, 2 ** 40 + 17];
    for (let i = 0; i < 2000; i++) lengths.push(256 + rand(2 ** (8 + rand(40))));
    for (const n of lengths) {
      const overhead = (paddedLength(n) - n) / n;
      expect(overhead, `length ${n}`).toBeLessThanOrEqual(0.12);
      // The tighter bounds docs/crypto.md states.
      expect(overhead, `length ${n}`).toBeLessThanOrEqual(n >= 65_536 ? 0.03125 : 0.0625);
    }
  });

  it('agrees with the integer definition in docs/crypto.md, near every power of two to 2^52', () => {
    for (let k = 8; k <= 52; k++) {
      for (const d of [-3, -2, -1, 0, 1, 2, 3]) {
        const n = 2 ** k + d;
        expect(paddedLength(n), `length ${n}`).toBe(reference(n));
      }
    }
    for (let n = 0; n <= 70_000; n += 7) expect(paddedLength(n)).toBe(reference(n));
  });

  it('has few buckets: every length below 1 GiB falls into one of 577 sizes (docs/crypto.md)', () => {
    const buckets: number[] = [];
    for (let n = 0; n < 2 ** 30; n = buckets.at(-1)!) buckets.push(paddedLength(n));
    expect(buckets).toHaveLength(577);
    expect(buckets[0]).toBe(256);
    expect(buckets.at(-1)).toBe(2 ** 30);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'refuses %s (TypeError)',
    (n) => {
      expect(() => paddedLength(n)).toThrow(TypeError);
    },
  );
});
