/**
 * The proof generators read O(log n) stored subtree hashes, whatever the tree size: counted with a
 * `nodeAt` that refuses any subtree not complete in the tree, on trees up to 2^53 − 1 leaves (a
 * uniform tree, consistent at any size for free). The bounds are the ones the JSDoc promises.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../sodium.js';
import { prng } from '../testing/test-helpers.js';
import { proveConsistency } from './prove-consistency.js';
import { proveInclusion } from './prove-inclusion.js';
import { memoryTree, testLeaves, uniformHashes, uniformTree } from './testing/test-trees.js';
import { treeRoot } from './tree-root.js';
import { verifyConsistency } from './verify-consistency.js';
import { verifyInclusion } from './verify-inclusion.js';

beforeAll(async () => {
  await sodiumReady();
});

/** ⌈log2 n⌉ for 1 ≤ n ≤ 2^53, without floating-point log. */
function ceilLog2(n: number): number {
  let bits = 0;
  for (let p = 1; p < n; p *= 2) bits++;
  return bits;
}

/** ⌊log2 n⌋ + 1, the number of binary digits of n ≥ 1. */
function bitLength(n: number): number {
  let bits = 0;
  for (let p = 1; p <= n; p *= 2) bits++;
  return bits;
}

/** Sizes around every power of two to 2^53, and random ones up to 2^40 and up to 2^53 − 1. */
function bigSizes(): number[] {
  const rand = prng(2 ** 40);
  const sizes = new Set<number>([1, 2, 3, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1]);
  for (let k = 1; k <= 53; k++) {
    for (const d of [-1, 0, 1]) {
      const n = 2 ** k + d;
      if (n >= 1 && n <= Number.MAX_SAFE_INTEGER) sizes.add(n);
    }
  }
  for (let i = 0; i < 100; i++) sizes.add(1 + Math.floor(rand() * 2 ** 40));
  for (let i = 0; i < 30; i++) sizes.add(1 + Math.floor(rand() * Number.MAX_SAFE_INTEGER));
  return [...sizes].sort((a, b) => a - b);
}

describe('proof generation cost on trees up to 2^53 − 1 leaves', () => {
  const rand = prng(7);
  const pick = (below: number) => Math.floor(rand() * below);

  it('treeRoot reads one stored hash per set bit of the size', () => {
    for (const size of bigSizes()) {
      const { nodeAt, calls } = uniformTree(size);
      treeRoot(size, nodeAt);
      expect(calls(), `size ${size}`).toBeLessThanOrEqual(bitLength(size));
    }
  });

  it('proveInclusion reads at most 2·⌈log2 size⌉ stored hashes, and its proofs verify', () => {
    const leaf = uniformHashes()[0]!;
    for (const size of bigSizes()) {
      const root = treeRoot(size, uniformTree(size).nodeAt);
      for (const index of new Set([0, size - 1, Math.floor(size / 2), pick(size), pick(size)])) {
        const { nodeAt, calls } = uniformTree(size);
        const proof = proveInclusion(index, size, nodeAt);
        expect(calls(), `index ${index} size ${size}`).toBeLessThanOrEqual(2 * ceilLog2(size));
        expect(proof.length).toBeLessThanOrEqual(ceilLog2(size));
        verifyInclusion(index, size, leaf, proof, root);
      }
    }
  });

  it('proveConsistency reads at most 2·⌈log2 size2⌉ + 1 stored hashes, and its proofs verify', () => {
    for (const size2 of bigSizes()) {
      const root2 = treeRoot(size2, uniformTree(size2).nodeAt);
      for (const size1 of new Set([1, size2, size2 - 1, Math.floor(size2 / 2), 1 + pick(size2)])) {
        if (size1 < 1) continue;
        const { nodeAt, calls } = uniformTree(size2);
        const proof = proveConsistency(size1, size2, nodeAt);
        const bound = 2 * ceilLog2(size2) + 1;
        expect(calls(), `${size1} → ${size2}`).toBeLessThanOrEqual(bound);
        expect(proof.length).toBeLessThanOrEqual(ceilLog2(size2) + 1);
        verifyConsistency(size1, size2, proof, treeRoot(size1, uniformTree(size1).nodeAt), root2);
      }
    }
  });

  it('meets the same bounds for every index and every pair of sizes of every tree to 300 leaves', () => {
    const n = 300;
    const tree = memoryTree(testLeaves(n));
    const worst = { inclusion: 0, consistency: 0 };
    for (let size = 1; size <= n; size++) {
      for (let i = 1; i <= size; i++) {
        const inclusion = tree.at(size);
        proveInclusion(i - 1, size, inclusion.nodeAt);
        const consistency = tree.at(size);
        proveConsistency(i, size, consistency.nodeAt);
        worst.inclusion = Math.max(worst.inclusion, inclusion.calls() - 2 * ceilLog2(size));
        worst.consistency = Math.max(
          worst.consistency,
          consistency.calls() - (2 * ceilLog2(size) + 1),
        );
      }
    }
    expect(worst.inclusion).toBeLessThanOrEqual(0);
    expect(worst.consistency).toBeLessThanOrEqual(0);
  });
});
