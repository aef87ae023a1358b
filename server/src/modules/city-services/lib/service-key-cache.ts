import { importJWK, type CryptoKey, type KeyObject } from 'jose';
import type { ServiceKeys } from '../../../storage/index.js';

/** A service's public key, imported for verification. */
export type ServicePublicKey = CryptoKey | KeyObject | Uint8Array;

/** Imports a service's registered public JWK for its registered algorithm. */
export type ImportServiceKey = (keys: ServiceKeys) => Promise<ServicePublicKey>;

/** More distinct keys than a city registers services; past it the cache starts over. */
const MAX_CACHED_KEYS = 1000;

/**
 * Imports registered public keys once (a P-256 import costs ~0.1 ms, a tenth of a token request).
 * Keyed by the JWK's exact text and algorithm, not by the kid the operator recorded, so a rotated
 * or corrected registration can never be served an older key.
 *
 * Nothing here needs telling when a key changes, so it holds with several vault nodes (issue 7):
 * the service's record, keys and `enabled` flag are read from storage on every request, and only
 * the import of the JWK text found there is cached. A rotation or a disable made through another
 * node or the admin CLI is in effect on this node's next request
 * (test/integration/service-keys-across-nodes.test.ts).
 */
export function createServiceKeyCache(): ImportServiceKey {
  const cache = new Map<string, Promise<ServicePublicKey>>();
  return (keys) => {
    const id = `${keys.authAlgorithm} ${JSON.stringify(keys.authJwk)}`;
    let key = cache.get(id);
    if (key === undefined) {
      if (cache.size >= MAX_CACHED_KEYS) cache.clear();
      key = importJWK(keys.authJwk, keys.authAlgorithm);
      // A failed import is not remembered: the next request tries again (and fails the same way).
      key.catch(() => cache.delete(id));
      cache.set(id, key);
    }
    return key;
  };
}
