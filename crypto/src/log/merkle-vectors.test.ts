/**
 * External known answers for the Merkle tree (`../shared/vectors/merkle/`, from
 * transparency-dev/merkle at commit 417fb0c, Apache-2.0): the roots of the RFC 6962 test trees of
 * 0–8 leaves, and every inclusion and consistency proof file, happy paths and tampered variants,
 * each honouring its `wantErr`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { isCryptoError } from '../errors.js';
import { sodiumReady } from '../sodium.js';
import { bytesToHex } from '../testing/libsodium-vectors.js';
import { emptyRoot, leafHash } from './merkle-hash.js';
import { treeHead } from './tree-head.js';
import { verifyConsistency } from './verify-consistency.js';
import { verifyInclusion } from './verify-inclusion.js';

/** `<repo root>/../shared/vectors/merkle`: works in any clone with shared/ beside it. */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const vectorDir = path.resolve(repoRoot, '..', 'shared', 'vectors', 'merkle');

interface RootVectors {
  leaf_inputs_hex: string[];
  root_hash_hex_by_size: string[];
}
interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

/** Every `*.json` under `dir`, as [path relative to the vector folder, parsed JSON]. */
async function readTree<T>(dir: string): Promise<Array<[string, T]>> {
  const entries = await readdir(path.join(vectorDir, dir), { recursive: true });
  const files = entries.filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (f): Promise<[string, T]> => {
      const text = await readFile(path.join(vectorDir, dir, f), 'utf8');
      return [`${dir}/${f}`, JSON.parse(text) as T];
    }),
  );
}

const roots = JSON.parse(
  await readFile(path.join(vectorDir, 'rfc6962-roots.json'), 'utf8'),
) as RootVectors;
const inclusion = await readTree<InclusionVector>('inclusion');
const consistency = await readTree<ConsistencyVector>('consistency');

const b64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const hex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));

/** 'ok', or the code of the CryptoError `fn` threw (anything else is rethrown). */
function outcome(fn: () => void): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (isCryptoError(error)) return error.code;
    throw error;
  }
}

beforeAll(async () => {
  await sodiumReady();
});

describe('the vector files are all read', () => {
  it('holds the expected number of files (a reader must not shrink the suite)', () => {
    expect(roots.root_hash_hex_by_size).toHaveLength(9);
    expect(inclusion).toHaveLength(98);
    expect(consistency).toHaveLength(98);
  });
});

describe('RFC 6962 roots of the trees of 0–8 leaves (rfc6962-roots.json)', () => {
  it.each(roots.root_hash_hex_by_size.map((root, size) => [size, root] as const))(
    'size %i',
    (size, root) => {
      const leaves = roots.leaf_inputs_hex.slice(0, size).map((h) => leafHash(hex(h)));
      expect(bytesToHex(treeHead(leaves))).toBe(root);
    },
  );

  it('the empty root is SHA-256 of the empty string', () => {
    expect(bytesToHex(emptyRoot())).toBe(roots.root_hash_hex_by_size[0]);
  });
});

describe('inclusion proofs (inclusion/**.json)', () => {
  it.each(inclusion)('%s', (_, v) => {
    const result = outcome(() =>
      verifyInclusion(
        v.leafIdx,
        v.treeSize,
        b64(v.leafHash),
        (v.proof ?? []).map(b64),
        b64(v.root),
      ),
    );
    if (v.wantErr) expect(result).toMatch(/^ERR_PROOF_(MALFORMED|INVALID)$/);
    else expect(result).toBe('ok');
  });
});

describe('consistency proofs (consistency/**.json)', () => {
  it.each(consistency)('%s', (_, v) => {
    const result = outcome(() =>
      verifyConsistency(v.size1, v.size2, (v.proof ?? []).map(b64), b64(v.root1), b64(v.root2)),
    );
    if (v.wantErr) expect(result).toMatch(/^ERR_PROOF_(MALFORMED|INVALID)$/);
    else expect(result).toBe('ok');
  });
});
