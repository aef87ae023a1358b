import { asHash, type Hash } from '../../../../crypto/src/log/hash.js';
import type { NodeAt } from '../../../../crypto/src/log/node-at.js';
import type { LogNodeKey, VaultStorage } from '../../storage/index.js';

const PLACEHOLDER = asHash(new Uint8Array(32));

/**
 * Runs a tree computation of crypto/ (a proof, a root) over the hashes storage keeps, with ONE
 * storage read: a dry run with placeholder hashes records which complete subtrees the computation
 * asks for (that depends only on the sizes and indexes, never on the hashes), they are fetched
 * together, and the computation runs again on them. Cost: O(log n) stored hashes per proof.
 */
export async function withStoredNodes<T>(
  storage: VaultStorage,
  compute: (nodeAt: NodeAt) => T,
): Promise<T> {
  const keys: LogNodeKey[] = [];
  const positions = new Map<string, number>();
  compute((level, index) => {
    const id = `${level}/${index}`;
    if (!positions.has(id)) {
      positions.set(id, keys.length);
      keys.push({ level, index });
    }
    return PLACEHOLDER;
  });
  const hashes = await storage.getLogNodes(keys);
  return compute((level, index): Hash => {
    const position = positions.get(`${level}/${index}`);
    if (position === undefined) throw new Error(`tree computation asked for ${level}/${index}`);
    return asHash(hashes[position]!);
  });
}
