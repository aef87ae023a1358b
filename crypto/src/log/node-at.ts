import { type Hash, HASH_BYTES } from './hash.js';
import { nodeHash } from './merkle-hash.js';
import { completeSubtrees } from './tree-math.js';

/**
 * Where the proof generators read the tree: the hash of the COMPLETE subtree of 2^level leaves
 * that starts at leaf index · 2^level (level 0: the leaf hashes themselves). A log stores these
 * hashes as entries are appended (each one is final once its last leaf exists), for example as the
 * hashes of C2SP tlog-tiles tiles. The generators only ever ask for subtrees that are complete in
 * the tree size they were given.
 */
export type NodeAt = (level: number, index: number) => Hash;

/** Calls `nodeAt` and checks that it kept its side of the contract (32 bytes). */
export function readNode(nodeAt: NodeAt, level: number, index: number): Hash {
  const hash = nodeAt(level, index);
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_BYTES) {
    throw new TypeError(`nodeAt(${level}, ${index}) did not return a ${HASH_BYTES}-byte hash`);
  }
  return hash;
}

/**
 * MTH(D[start:end]) for a range that RFC 9162's recursion produces, from the complete subtrees
 * that make it up: one `nodeAt` call per set bit of end − start (one call if the range is itself
 * a complete subtree), and one fewer node hashes. For k the largest power of two below the range
 * size, MTH splits off the complete left subtree of size k and recurses on the right, so the
 * complete subtrees fold from the right: MTH = node(c1, node(c2, … node(c_{p−1}, c_p))).
 */
export function subtreeHash(start: number, end: number, nodeAt: NodeAt): Hash {
  const nodes = completeSubtrees(start, end);
  let hash = readNode(nodeAt, nodes.at(-1)!.level, nodes.at(-1)!.index);
  for (let i = nodes.length - 2; i >= 0; i--) {
    hash = nodeHash(readNode(nodeAt, nodes[i]!.level, nodes[i]!.index), hash);
  }
  return hash;
}
