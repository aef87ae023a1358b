import type { Hash } from './hash.js';
import { type NodeAt, subtreeHash } from './node-at.js';
import { isTreeNumber, largestPowerOfTwoBelow } from './tree-math.js';

/**
 * The inclusion proof of leaf `index` in the tree of the first `size` leaves: PATH(index, D[size])
 * of RFC 9162 §2.1.3.1, leaf's sibling first, the root's child last. What
 * {@link verifyInclusion} checks.
 *
 * PATH walks down from the root: with k the largest power of two below the range size, a leaf in
 * the left part D[0:k] gets MTH(D[k:n]) as a sibling, a leaf in the right part gets MTH(D[0:k]).
 * A left sibling is always a complete subtree (one `nodeAt` call). A right sibling is incomplete
 * at most once, on the right edge of the tree, and is then built from its complete subtrees.
 *
 * Cost: the proof has at most ⌈log2 size⌉ hashes, and `nodeAt` is called at most
 * 2·⌈log2 size⌉ times (one call per hash, plus at most ⌈log2 size⌉ − 1 more for the one
 * right-edge sibling), with fewer node hashes than that. Throws `TypeError` unless
 * 0 ≤ index < size ≤ 2^53 − 1.
 */
export function proveInclusion(index: number, size: number, nodeAt: NodeAt): Hash[] {
  if (!isTreeNumber(index) || !isTreeNumber(size) || index >= size) {
    throw new TypeError('proveInclusion needs integers 0 ≤ index < size');
  }
  const siblings: Array<readonly [number, number]> = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (index < start + k) {
      siblings.push([start + k, end]);
      end = start + k;
    } else {
      siblings.push([start, start + k]);
      start += k;
    }
  }
  // Collected root first; the proof lists them leaf first.
  return siblings.reverse().map(([a, b]) => subtreeHash(a, b, nodeAt));
}
