/**
 * Integer arithmetic on tree sizes and indexes, internal to crypto/src/log. Sizes and indexes are
 * JavaScript numbers up to 2^53 − 1, so everything here uses arithmetic, never the 32-bit bitwise
 * operators.
 */

/** A complete subtree: the 2^level leaves starting at leaf index · 2^level (level 0 = one leaf). */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** True for a non-negative safe integer: a tree size or index this implementation can handle. */
export function isTreeNumber(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** True if `n` is 1, 2, 4, 8… */
export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** The largest power of two strictly below `n` (n ≥ 2): the `k` of RFC 9162 §2.1.1. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The shape of an RFC 9162 proof path: one entry per proof hash, `true` where the hash is a LEFT
 * sibling (r = HASH(0x01 ‖ p ‖ r)), `false` where it is a right sibling (r = HASH(0x01 ‖ r ‖ p)).
 *
 * This is the loop of RFC 9162 §2.1.3.2 step 4 (and §2.1.4.2 step 6) run on `fn` and `sn` alone,
 * without hashes, until `sn` reaches 0: its length is therefore the only proof length those
 * algorithms accept (a shorter proof ends with sn ≠ 0, a longer one meets sn = 0 too early).
 */
export function proofSteps(fn: number, sn: number): boolean[] {
  const steps: boolean[] = [];
  while (sn > 0) {
    if (fn % 2 === 1 || fn === sn) {
      steps.push(true);
      if (fn % 2 === 0) {
        // "right-shift both fn and sn equally until either LSB(fn) is set or fn is 0"
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      steps.push(false);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return steps;
}

/**
 * The maximal complete subtrees that make up the leaves [start, end), left to right: one per set
 * bit of end − start, largest first. `start` must be a multiple of the largest of them, which
 * holds for every range RFC 9162's recursion produces (it splits at powers of two).
 */
export function completeSubtrees(start: number, end: number): NodeId[] {
  const nodes: NodeId[] = [];
  let remaining = end - start;
  let level = 0;
  let width = 1;
  while (width * 2 <= remaining) {
    width *= 2;
    level++;
  }
  let position = start;
  for (; remaining > 0; width /= 2, level--) {
    if (remaining < width) continue;
    if (position % width !== 0) throw new TypeError('subtree range not aligned');
    nodes.push({ level, index: position / width });
    position += width;
    remaining -= width;
  }
  return nodes;
}
