/**
 * Exhaustive self-check of the proof generators against the verifiers and against RFC 9162's
 * recursive definitions: every leaf of every tree of 1–100 leaves, every pair of sizes
 * 1 ≤ m ≤ n ≤ 100, and for each proof the tampered variants that must fail (one flipped bit per
 * proof hash, in the root(s), in the leaf hash; a proof cut short or made longer).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isCryptoError } from '../errors.js';
import { sodiumReady } from '../sodium.js';
import { prng } from '../testing/test-helpers.js';
import type { Hash } from './hash.js';
import { proveConsistency } from './prove-consistency.js';
import { proveInclusion } from './prove-inclusion.js';
import { memoryTree, testLeaves } from './testing/test-trees.js';
import { treeHead } from './tree-head.js';
import { largestPowerOfTwoBelow } from './tree-math.js';
import { treeRoot } from './tree-root.js';
import { verifyConsistency } from './verify-consistency.js';
import { verifyInclusion } from './verify-inclusion.js';

const N = 100;
let leaves: Hash[];
let tree: ReturnType<typeof memoryTree>;
let roots: Hash[];

beforeAll(async () => {
  await sodiumReady();
  leaves = testLeaves(N);
  tree = memoryTree(leaves);
  roots = Array.from({ length: N + 1 }, (_, size) => treeHead(leaves.slice(0, size)));
});

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1, literally, on leaf hashes. */
function referencePath(m: number, d: readonly Hash[]): Hash[] {
  if (d.length <= 1) return [];
  const k = largestPowerOfTwoBelow(d.length);
  return m < k
    ? [...referencePath(m, d.slice(0, k)), treeHead(d.slice(k))]
    : [...referencePath(m - k, d.slice(k)), treeHead(d.slice(0, k))];
}

/** SUBPROOF(m, D[n], b) of RFC 9162 §2.1.4.1, literally, on leaf hashes. */
function referenceSubproof(m: number, d: readonly Hash[], b: boolean): Hash[] {
  if (m === d.length) return b ? [] : [treeHead(d)];
  const k = largestPowerOfTwoBelow(d.length);
  return m <= k
    ? [...referenceSubproof(m, d.slice(0, k), b), treeHead(d.slice(k))]
    : [...referenceSubproof(m - k, d.slice(k), false), treeHead(d.slice(0, k))];
}

/** 'ok', or the code of the CryptoError `fn` threw. */
function outcome(fn: () => void): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (isCryptoError(error)) return error.code;
    throw error;
  }
}

/** A copy of `bytes` with one bit flipped, at a position drawn from `rand`. */
function flipOneBit(bytes: Uint8Array, rand: () => number): Uint8Array {
  const copy = bytes.slice();
  const bit = Math.floor(rand() * copy.length * 8);
  copy[bit >> 3]! ^= 1 << (bit & 7);
  return copy;
}

const sameBytes = (a: readonly Uint8Array[], b: readonly Uint8Array[]) =>
  a.length === b.length &&
  a.every((x, i) => x.length === b[i]!.length && x.every((v, j) => v === b[i]![j]));

describe('treeRoot from stored subtrees', () => {
  it('equals MTH for every size 0–100', () => {
    const bad: number[] = [];
    for (let size = 0; size <= N; size++) {
      const root = treeRoot(size, tree.at(size).nodeAt);
      if (!sameBytes([root], [roots[size]!])) bad.push(size);
    }
    expect(bad).toEqual([]);
  });
});

describe('inclusion proofs, every leaf of every tree of 1–100 leaves', () => {
  it('are RFC 9162 PATH, verify, and every tampered variant fails with the right code', () => {
    const rand = prng(0x1ea7);
    const bad: string[] = [];
    const expectOutcome = (what: string, want: string, fn: () => void) => {
      const got = outcome(fn);
      if (got !== want) bad.push(`${what}: ${got}, want ${want}`);
    };
    let proofs = 0;
    for (let size = 1; size <= N; size++) {
      const { nodeAt } = tree.at(size);
      const root = roots[size]!;
      for (let index = 0; index < size; index++) {
        const at = `size ${size} index ${index}`;
        const leaf = leaves[index]!;
        const proof = proveInclusion(index, size, nodeAt);
        proofs++;
        if (!sameBytes(proof, referencePath(index, leaves.slice(0, size))))
          bad.push(`${at}: not PATH`);
        expectOutcome(at, 'ok', () => verifyInclusion(index, size, leaf, proof, root));
        proof.forEach((_, i) => {
          const tampered = proof.map((p, j) => (i === j ? flipOneBit(p, rand) : p));
          expectOutcome(`${at} flip proof[${i}]`, 'ERR_PROOF_INVALID', () =>
            verifyInclusion(index, size, leaf, tampered, root),
          );
        });
        expectOutcome(`${at} flip root`, 'ERR_PROOF_INVALID', () =>
          verifyInclusion(index, size, leaf, proof, flipOneBit(root, rand)),
        );
        expectOutcome(`${at} flip leaf`, 'ERR_PROOF_INVALID', () =>
          verifyInclusion(index, size, flipOneBit(leaf, rand), proof, root),
        );
        if (proof.length > 0) {
          expectOutcome(`${at} truncated`, 'ERR_PROOF_MALFORMED', () =>
            verifyInclusion(index, size, leaf, proof.slice(0, -1), root),
          );
        }
        expectOutcome(`${at} extended`, 'ERR_PROOF_MALFORMED', () =>
          verifyInclusion(index, size, leaf, [...proof, root], root),
        );
        expectOutcome(`${at} extended at the front`, 'ERR_PROOF_MALFORMED', () =>
          verifyInclusion(index, size, leaf, [leaf, ...proof], root),
        );
        const other = index ^ 1;
        if (other < size) {
          const got = outcome(() => verifyInclusion(other, size, leaf, proof, root));
          if (got === 'ok') bad.push(`${at}: also verifies as index ${other}`);
        }
      }
    }
    expect(proofs).toBe((N * (N + 1)) / 2);
    expect(bad).toEqual([]);
  });
});

describe('consistency proofs, every pair of sizes 1 ≤ m ≤ n ≤ 100', () => {
  it('are RFC 9162 PROOF, verify, and every tampered variant fails with the right code', () => {
    const rand = prng(0xc0ffee);
    const bad: string[] = [];
    const expectOutcome = (what: string, want: string, fn: () => void) => {
      const got = outcome(fn);
      if (got !== want) bad.push(`${what}: ${got}, want ${want}`);
    };
    let proofs = 0;
    for (let n = 1; n <= N; n++) {
      const { nodeAt } = tree.at(n);
      const root2 = roots[n]!;
      for (let m = 1; m <= n; m++) {
        const at = `${m} → ${n}`;
        const root1 = roots[m]!;
        const proof = proveConsistency(m, n, nodeAt);
        proofs++;
        if (!sameBytes(proof, referenceSubproof(m, leaves.slice(0, n), true)))
          bad.push(`${at}: not PROOF`);
        expectOutcome(at, 'ok', () => verifyConsistency(m, n, proof, root1, root2));
        proof.forEach((_, i) => {
          const tampered = proof.map((p, j) => (i === j ? flipOneBit(p, rand) : p));
          expectOutcome(`${at} flip proof[${i}]`, 'ERR_PROOF_INVALID', () =>
            verifyConsistency(m, n, tampered, root1, root2),
          );
        });
        expectOutcome(`${at} flip root1`, 'ERR_PROOF_INVALID', () =>
          verifyConsistency(m, n, proof, flipOneBit(root1, rand), root2),
        );
        expectOutcome(`${at} flip root2`, 'ERR_PROOF_INVALID', () =>
          verifyConsistency(m, n, proof, root1, flipOneBit(root2, rand)),
        );
        if (proof.length > 0) {
          expectOutcome(`${at} truncated`, 'ERR_PROOF_MALFORMED', () =>
            verifyConsistency(m, n, proof.slice(0, -1), root1, root2),
          );
        }
        expectOutcome(`${at} extended`, 'ERR_PROOF_MALFORMED', () =>
          verifyConsistency(m, n, [...proof, root2], root1, root2),
        );
        expectOutcome(`${at} extended at the front`, 'ERR_PROOF_MALFORMED', () =>
          verifyConsistency(m, n, [root1, ...proof], root1, root2),
        );
        if (m < n) {
          const got = outcome(() => verifyConsistency(m, n, proof, root2, root1));
          if (got === 'ok') bad.push(`${at}: also verifies with the roots swapped`);
        }
      }
    }
    expect(proofs).toBe((N * (N + 1)) / 2);
    expect(bad).toEqual([]);
  });
});
