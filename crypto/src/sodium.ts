/**
 * The one place that imports libsodium (DESIGN §4, STYLE: "libsodium imported in exactly one
 * file"). Everything else asks for the initialised instance through {@link sodium}.
 */
import libsodium from 'libsodium-wrappers-sumo';
import { installPooledRandomSource } from './random-source.js';

/** The libsodium API, once {@link sodiumReady} has resolved. */
export type Sodium = typeof libsodium;

let ready = false;
let pooledRandom = false;

/**
 * Loads and initialises libsodium (WebAssembly) and gives it the pooled random source
 * (random-source.ts). Safe to call many times.
 */
export async function sodiumReady(): Promise<void> {
  await libsodium.ready;
  if (!ready) {
    const host = (libsodium as unknown as { libsodium?: { getRandomValue?: unknown } }).libsodium;
    pooledRandom = installPooledRandomSource(host);
  }
  ready = true;
}

/** Whether libsodium draws its randomness through the pooled source (for tests and benchmarks). */
export function usesPooledRandom(): boolean {
  return pooledRandom;
}

/** The initialised libsodium. Throws `TypeError` if {@link sodiumReady} has not resolved yet. */
export function sodium(): Sodium {
  if (!ready) throw new TypeError('libsodium is not ready: await sodiumReady() first');
  return libsodium;
}
