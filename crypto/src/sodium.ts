/**
 * The one place that imports libsodium (DESIGN §4, STYLE: "libsodium imported in exactly one
 * file"). Everything else asks for the initialised instance through {@link sodium}.
 */
import libsodium from 'libsodium-wrappers-sumo';

/** The libsodium API, once {@link sodiumReady} has resolved. */
export type Sodium = typeof libsodium;

let ready = false;

/** Loads and initialises libsodium (WebAssembly). Safe to call many times. */
export async function sodiumReady(): Promise<void> {
  await libsodium.ready;
  ready = true;
}

/** The initialised libsodium. Throws `TypeError` if {@link sodiumReady} has not resolved yet. */
export function sodium(): Sodium {
  if (!ready) throw new TypeError('libsodium is not ready: await sodiumReady() first');
  return libsodium;
}
