/** Helpers shared by crypto/'s unit tests. Test support only: nothing in the app imports this. */
import { expect } from 'vitest';
import { CryptoError, type CryptoErrorCode } from '../errors.js';

/** Asserts that `fn` throws a {@link CryptoError} with exactly this code. */
export function expectCode(fn: () => unknown, code: CryptoErrorCode): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CryptoError);
  expect((thrown as CryptoError).code).toBe(code);
}

/** mulberry32: a tiny seeded PRNG, so that a failing random case reproduces from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
