/**
 * The hash type of the access log: a SHA-256 output (RFC 6962 §2.1, C2SP tlog-tiles: "The hashing
 * algorithm is defined to be SHA-256"). Branded so that arbitrary bytes are not passed as a node.
 */
declare const hashBrand: unique symbol;

/** A 32-byte SHA-256 Merkle tree hash (a leaf hash, an interior node, or a root). */
export type Hash = Uint8Array<ArrayBuffer> & { readonly [hashBrand]: 'Hash' };

/** The size of every {@link Hash}, in bytes. */
export const HASH_BYTES = 32;

/**
 * Marks 32 bytes as a {@link Hash} (no copy). Throws `TypeError` for anything else: use it on
 * values the caller already trusts to be hashes (storage, a parsed checkpoint), not on wire data,
 * which the verifiers check themselves.
 */
export function asHash(bytes: Uint8Array): Hash {
  if (!(bytes instanceof Uint8Array) || bytes.length !== HASH_BYTES) {
    throw new TypeError(`a Merkle tree hash must be ${HASH_BYTES} bytes`);
  }
  return bytes as Hash;
}

/**
 * Byte equality of two hashes (or of a hash and bytes of any length). Hashes and roots are
 * public, so this need not run in constant time.
 */
export function hashEquals(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
