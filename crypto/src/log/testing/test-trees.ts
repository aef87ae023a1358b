/**
 * Trees for the unit tests of crypto/src/log. Test support only: nothing in the app imports this.
 */
import type { Hash } from '../hash.js';
import { leafHash, nodeHash } from '../merkle-hash.js';
import type { NodeAt } from '../node-at.js';

/** A `nodeAt` that counts its calls and refuses any subtree not complete in `size` leaves. */
export interface CountingNodeAt {
  readonly nodeAt: NodeAt;
  /** Calls so far. */
  readonly calls: () => number;
}

function strict(size: number, read: NodeAt): CountingNodeAt {
  let calls = 0;
  const nodeAt: NodeAt = (level, index) => {
    calls++;
    const ok =
      Number.isSafeInteger(level) &&
      level >= 0 &&
      Number.isSafeInteger(index) &&
      index >= 0 &&
      (index + 1) * 2 ** level <= size;
    if (!ok) throw new Error(`nodeAt(${level}, ${index}) is not a complete subtree of ${size}`);
    return read(level, index);
  };
  return { nodeAt, calls: () => calls };
}

/** The leaf hashes of entries 0…n−1, each entry being its index as 4 bytes, big-endian. */
export function testLeaves(n: number): Hash[] {
  return Array.from({ length: n }, (_, i) => {
    const entry = new Uint8Array(4);
    new DataView(entry.buffer).setUint32(0, i);
    return leafHash(entry);
  });
}

/**
 * Every complete-subtree hash of a small tree, computed once. `at(size)` gives a strict, counting
 * `nodeAt` for the tree of its first `size` leaves.
 */
export function memoryTree(leaves: readonly Hash[]): { at: (size: number) => CountingNodeAt } {
  const levels: Hash[][] = [[...leaves]];
  for (let below = levels[0]!; below.length > 1;) {
    const above: Hash[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) above.push(nodeHash(below[i]!, below[i + 1]!));
    levels.push(above);
    below = above;
  }
  return {
    at: (size) => {
      if (size > leaves.length) throw new TypeError('tree too small');
      return strict(size, (level, index) => levels[level]![index]!);
    },
  };
}

/**
 * A huge tree whose leaf hashes are all the same, so that every complete subtree of one level has
 * the same hash: a consistent Merkle tree of any size up to 2^53 − 1 at no cost. Right-edge
 * subtrees (built from complete ones of different levels) still differ from each other.
 */
export function uniformTree(size: number): CountingNodeAt {
  return strict(size, (level) => uniformHashes()[level]!);
}

let uniform: Hash[] | undefined;

/** The hash of a complete subtree of the uniform tree, by level (0…53). */
export function uniformHashes(): readonly Hash[] {
  if (uniform === undefined) {
    uniform = [leafHash(new TextEncoder().encode('uniform'))];
    for (let level = 1; level <= 53; level++) {
      uniform.push(nodeHash(uniform[level - 1]!, uniform[level - 1]!));
    }
  }
  return uniform;
}
