/**
 * A faster random source for libsodium's WebAssembly build (ADR 0022).
 *
 * libsodium.js asks its host for randomness one 32-bit word at a time (`getRandomValue`), and the
 * host's default answers each word with a fresh call into the platform — `crypto.randomBytes(4)` in
 * Node, `crypto.getRandomValues(new Uint32Array(1))` in a browser. Measured in Node 20 on the
 * development machine: about 12 µs a word, so 200 µs for one 32-byte key, and most of the cost of
 * encrypting a 100 KiB document. This source draws from the same platform CSPRNG
 * (`crypto.getRandomValues`, Web Crypto, in Node and browsers alike) 1 KiB at a time and hands the
 * words out in order, zeroing each as it leaves, so no word is ever handed out twice and no spent
 * randomness stays in the pool.
 */

/** Words drawn from the platform per refill (1 KiB). */
export const POOL_WORDS = 256;

/** Fills `words` with cryptographically secure random values. */
export type FillRandom = (words: Uint32Array) => void;

const platformFill: FillRandom = (words) => {
  globalThis.crypto.getRandomValues(words);
};

/** A `getRandomValue` for libsodium.js: unsigned 32-bit words from a pooled CSPRNG draw. */
export function createPooledRandomWords(fill: FillRandom = platformFill): () => number {
  const pool = new Uint32Array(POOL_WORDS);
  let next = POOL_WORDS;
  return () => {
    if (next === POOL_WORDS) {
      fill(pool);
      next = 0;
    }
    const word = pool[next]!;
    pool[next] = 0;
    next += 1;
    return word >>> 0;
  };
}

/** The part of libsodium.js's Emscripten module this file touches. */
interface RandomHost {
  getRandomValue?: unknown;
}

/**
 * Replaces the module's `getRandomValue` with a pooled one. Returns false, changing nothing, when
 * the module does not look as expected (a future libsodium.js): libsodium then keeps its own,
 * slower but equally secure, source — and the unit test of this file fails, so we notice.
 */
export function installPooledRandomSource(host: RandomHost | undefined): boolean {
  if (host === undefined || typeof host.getRandomValue !== 'function') return false;
  if (typeof globalThis.crypto?.getRandomValues !== 'function') return false;
  host.getRandomValue = createPooledRandomWords();
  return true;
}
