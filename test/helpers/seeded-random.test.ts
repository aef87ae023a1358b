import { describe, expect, it } from 'vitest';
import { chooseSeed, seededRandom } from './seeded-random.js';

/** The crash harness replays a run from its printed seed: the generator must be deterministic. */
describe('seededRandom', () => {
  it('makes the same choices from the same seed, and other choices from another', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 20 }, () => random.int(0, 1_000_000));
    };
    expect(draw(1895301047)).toEqual(draw(1895301047));
    expect(draw(1895301047)).not.toEqual(draw(1895301048));
  });

  it('keeps int() within its bounds, both included, and reaches both', () => {
    const random = seededRandom(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(random.int(1, 5));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5]);
    for (let i = 0; i < 1_000; i++) {
      const x = random.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('picks from a list, and refuses an empty one', () => {
    const random = seededRandom(3);
    expect(['a', 'b']).toContain(random.pick(['a', 'b']));
    expect(() => random.pick([])).toThrow(TypeError);
  });
});

describe('chooseSeed', () => {
  it('takes a 32-bit unsigned seed from text, and makes one when there is none', () => {
    expect(chooseSeed('1234567')).toBe(1234567);
    const made = chooseSeed(undefined);
    expect(Number.isInteger(made) && made >= 0 && made <= 0xffffffff).toBe(true);
    expect(Number.isInteger(chooseSeed(''))).toBe(true);
  });

  it('refuses a seed that is not one', () => {
    for (const bad of ['-1', '1.5', 'abc', '4294967296']) {
      expect(() => chooseSeed(bad)).toThrow(TypeError);
    }
  });
});
