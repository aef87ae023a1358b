import type { Hash } from './hash.js';
import { type NodeAt, subtreeHash } from './node-at.js';
import { isTreeNumber, largestPowerOfTwoBelow } from './tree-math.js';

/**
 * The consistency proof between the trees of the first `size1` and `size2` leaves:
 * PROOF(size1, D[size2]) = SUBPROOF(size1, D[size2], true) of RFC 9162 §2.1.4.1, deepest hash
 * first. What {@link verifyConsistency} checks. Empty when size1 = size2.
 *
 * SUBPROOF walks down from the root of the bigger tree: with k the largest power of two below the
 * range size, if size1 falls in the left part it recurses left and records MTH(D[k:n]) (the only
 * hash that can be an incomplete, right-edge subtree, and only on the first step left); otherwise
 * it records MTH(D[0:k]) (complete) and recurses right. It ends on a range that is exactly the old
 * tree's last complete subtree, recorded too unless it is the whole old tree.
 *
 * Cost: the proof has at most ⌈log2 size2⌉ + 1 hashes, and `nodeAt` is called at most
 * 2·⌈log2 size2⌉ + 1 times. Throws `TypeError` unless 0 < size1 ≤ size2 ≤ 2^53 − 1 (a proof from
 * the empty tree would prove nothing: every tree extends it).
 */
export function proveConsistency(size1: number, size2: number, nodeAt: NodeAt): Hash[] {
  if (!isTreeNumber(size1) || !isTreeNumber(size2) || size1 === 0 || size1 > size2) {
    throw new TypeError('proveConsistency needs integers 0 < size1 ≤ size2');
  }
  const ranges: Array<readonly [number, number]> = [];
  let start = 0;
  let end = size2;
  let wholeOldTree = true; // SUBPROOF's b: the range still starts at leaf 0.
  for (;;) {
    if (size1 === end) {
      if (!wholeOldTree) ranges.push([start, end]);
      break;
    }
    const k = largestPowerOfTwoBelow(end - start);
    if (size1 <= start + k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      start += k;
      wholeOldTree = false;
    }
  }
  return ranges.reverse().map(([a, b]) => subtreeHash(a, b, nodeAt));
}
