import type { Hash } from './hash.js';
import { emptyRoot } from './merkle-hash.js';
import { type NodeAt, subtreeHash } from './node-at.js';
import { isTreeNumber } from './tree-math.js';

/**
 * The root hash of the tree of the first `size` leaves, MTH(D[0:size]) (RFC 9162 §2.1.1), from
 * stored complete-subtree hashes.
 *
 * Cost: one `nodeAt` call per set bit of `size`, so at most ⌊log2 size⌋ + 1 calls (54 for any
 * size this implementation accepts), and one node hash fewer. `size` 0 gives SHA-256() without
 * calling `nodeAt`. Throws `TypeError` unless `size` is a non-negative safe integer.
 */
export function treeRoot(size: number, nodeAt: NodeAt): Hash {
  if (!isTreeNumber(size)) throw new TypeError('tree size must be a non-negative safe integer');
  if (size === 0) return emptyRoot();
  return subtreeHash(0, size, nodeAt);
}
