/**
 * The edges of the Merkle functions' contracts: which mistakes are the caller's (TypeError) and
 * which are bad wire data (CryptoError ERR_PROOF_MALFORMED), and the tree numbers they accept.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../sodium.js';
import { expectCode } from '../testing/test-helpers.js';
import { asHash, type Hash } from './hash.js';
import { leafHash, nodeHash } from './merkle-hash.js';
import { proveConsistency } from './prove-consistency.js';
import { proveInclusion } from './prove-inclusion.js';
import { memoryTree, testLeaves } from './testing/test-trees.js';
import { treeRoot } from './tree-root.js';
import { verifyConsistency } from './verify-consistency.js';
import { rootFromInclusionProof, verifyInclusion } from './verify-inclusion.js';

const NOT_TREE_NUMBERS = [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 2 ** 64];
let leaves: Hash[];

beforeAll(async () => {
  await sodiumReady();
  leaves = testLeaves(8);
});

describe('hashing', () => {
  it('domain-separates leaves from nodes (RFC 6962 §2.1)', () => {
    const a = leaves[0]!;
    const b = leaves[1]!;
    const concatenated = new Uint8Array([...a, ...b]);
    expect(leafHash(concatenated)).not.toEqual(nodeHash(a, b));
  });

  it('refuses node children and hashes that are not 32 bytes (TypeError)', () => {
    expect(() => nodeHash(new Uint8Array(31) as Hash, leaves[0]!)).toThrow(TypeError);
    expect(() => nodeHash(leaves[0]!, new Uint8Array(33) as Hash)).toThrow(TypeError);
    expect(() => asHash(new Uint8Array(31))).toThrow(TypeError);
    expect(asHash(new Uint8Array(32))).toHaveLength(32);
  });
});

describe('generators: bad arguments are the caller’s mistake (TypeError)', () => {
  it('refuses sizes and indexes out of range', () => {
    const { nodeAt } = memoryTree(leaves).at(8);
    for (const n of NOT_TREE_NUMBERS) {
      expect(() => treeRoot(n, nodeAt), `treeRoot ${n}`).toThrow(TypeError);
      expect(() => proveInclusion(n, 8, nodeAt), `index ${n}`).toThrow(TypeError);
      expect(() => proveInclusion(0, n, nodeAt), `size ${n}`).toThrow(TypeError);
      expect(() => proveConsistency(n, 8, nodeAt), `size1 ${n}`).toThrow(TypeError);
      expect(() => proveConsistency(1, n, nodeAt), `size2 ${n}`).toThrow(TypeError);
    }
    expect(() => proveInclusion(8, 8, nodeAt)).toThrow(TypeError);
    expect(() => proveConsistency(0, 8, nodeAt)).toThrow(TypeError);
    expect(() => proveConsistency(5, 4, nodeAt)).toThrow(TypeError);
    expect(proveConsistency(8, 8, nodeAt)).toEqual([]);
    expect(proveInclusion(0, 1, nodeAt)).toEqual([]);
  });

  it('refuses a nodeAt that does not return 32 bytes', () => {
    expect(() => proveInclusion(0, 2, () => new Uint8Array(31) as Hash)).toThrow(TypeError);
    expect(() => treeRoot(3, () => undefined as unknown as Hash)).toThrow(TypeError);
  });
});

describe('verifiers: bad numbers are wire data (ERR_PROOF_MALFORMED)', () => {
  it('refuses sizes and indexes that are not safe integers ≥ 0', () => {
    const leaf = leaves[0]!;
    for (const n of NOT_TREE_NUMBERS) {
      expectCode(() => verifyInclusion(n, 8, leaf, [], leaf), 'ERR_PROOF_MALFORMED');
      expectCode(() => verifyInclusion(0, n, leaf, [], leaf), 'ERR_PROOF_MALFORMED');
      expectCode(() => rootFromInclusionProof(n, 8, leaf, []), 'ERR_PROOF_MALFORMED');
      expectCode(() => verifyConsistency(n, 8, [], leaf, leaf), 'ERR_PROOF_MALFORMED');
      expectCode(() => verifyConsistency(1, n, [], leaf, leaf), 'ERR_PROOF_MALFORMED');
    }
  });

  it('refuses proof hashes and leaf hashes of the wrong length, but only compares roots', () => {
    const { nodeAt } = memoryTree(leaves).at(8);
    const proof = proveInclusion(3, 8, nodeAt);
    const root = treeRoot(8, nodeAt);
    const short = [...proof.slice(0, 2), proof[2]!.subarray(1)];
    expectCode(() => verifyInclusion(3, 8, leaves[3]!, short, root), 'ERR_PROOF_MALFORMED');
    expectCode(
      () => verifyInclusion(3, 8, leaves[3]!.subarray(1), proof, root),
      'ERR_PROOF_MALFORMED',
    );
    expectCode(
      () => verifyInclusion(3, 8, leaves[3]!, proof, root.subarray(1)),
      'ERR_PROOF_INVALID',
    );
    expect(rootFromInclusionProof(3, 8, leaves[3]!, proof)).toEqual(root);

    const consistency = proveConsistency(3, 8, nodeAt);
    const root3 = treeRoot(3, memoryTree(leaves).at(3).nodeAt);
    const bad = [consistency[0]!.subarray(1), ...consistency.slice(1)];
    expectCode(() => verifyConsistency(3, 8, bad, root3, root), 'ERR_PROOF_MALFORMED');
    expectCode(
      () => verifyConsistency(3, 8, consistency, root3, root.subarray(1)),
      'ERR_PROOF_INVALID',
    );
    // size1 a power of two: root1 is hashed as the first path element, so it must be a hash.
    const from4 = proveConsistency(4, 8, nodeAt);
    const root4 = treeRoot(4, memoryTree(leaves).at(4).nodeAt);
    verifyConsistency(4, 8, from4, root4, root);
    expectCode(() => verifyConsistency(4, 8, from4, root4.subarray(1), root), 'ERR_PROOF_INVALID');
  });
});
