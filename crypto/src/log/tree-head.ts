import type { Hash } from './hash.js';
import { emptyRoot, nodeHash } from './merkle-hash.js';
import { largestPowerOfTwoBelow } from './tree-math.js';

/**
 * MTH(D[n]), the Merkle Tree Hash of a list of leaf hashes, straight from its recursive definition
 * (RFC 6962 §2.1, RFC 9162 §2.1.1): MTH({}) = SHA-256(), MTH({d}) = the leaf hash, and for n > 1,
 * with k the largest power of two below n, MTH(D[n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])).
 *
 * O(n) hashes and O(n) memory: the reference for tests and small trees. A log computes its root
 * from stored subtree hashes with {@link treeRoot} instead.
 */
export function treeHead(leafHashes: readonly Hash[]): Hash {
  if (leafHashes.length === 0) return emptyRoot();
  return mth(leafHashes, 0, leafHashes.length);
}

function mth(leaves: readonly Hash[], start: number, end: number): Hash {
  if (end - start === 1) return leaves[start]!;
  const k = largestPowerOfTwoBelow(end - start);
  return nodeHash(mth(leaves, start, start + k), mth(leaves, start + k, end));
}
