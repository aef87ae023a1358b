/**
 * A small seeded pseudo-random generator (sfc32, from PractRand's "small fast counting" family) for
 * tests whose choices must be replayable: print the seed, and the same seed makes the same
 * choices. Not for anything secret.
 */
export interface SeededRandom {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
}

/** A seed for a new run: from `text` (e.g. an environment variable) if given, else random. */
export function chooseSeed(text: string | undefined): number {
  if (text !== undefined && text !== '') {
    const seed = Number(text);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new TypeError(`a seed is an integer from 0 to 4294967295, not "${text}"`);
    }
    return seed;
  }
  return Math.floor(Math.random() * 0x100000000);
}

/** A generator seeded with a 32-bit unsigned integer. */
export function seededRandom(seed: number): SeededRandom {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const step = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 0x100000000;
  };
  // The first outputs still show the seed's pattern: discard them.
  for (let i = 0; i < 15; i++) step();
  const random: SeededRandom = {
    seed,
    next: step,
    int: (min, max) => min + Math.floor(step() * (max - min + 1)),
    pick: (list) => {
      if (list.length === 0) throw new TypeError('pick from an empty list');
      return list[Math.floor(step() * list.length)]!;
    },
  };
  return random;
}
