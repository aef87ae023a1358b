/**
 * docs/access-log.md is a specification someone may reimplement from: its examples are checked
 * here against the code, so that the two cannot drift apart unnoticed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../sodium.js';
import { fromBase64, toBase64 } from './base64.js';
import { parseCheckpoint } from './checkpoint.js';
import { leafHash } from './merkle-hash.js';
import { openCheckpoint } from './open-checkpoint.js';
import { signCheckpoint } from './sign-checkpoint.js';
import { parseSignerKey } from './signer-key.js';
import { formatVerifierKey, parseVerifierKey } from './verifier-key.js';
import { verifyConsistency } from './verify-consistency.js';
import { verifyInclusion } from './verify-inclusion.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const doc = await readFile(path.join(repoRoot, 'docs', 'access-log.md'), 'utf8');

const fences = [...doc.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
  lang: m[1]!,
  body: m[2]!,
}));
const b64 = (text: string) => {
  const bytes = fromBase64(text);
  if (bytes === undefined) throw new Error(`not base64: ${text}`);
  return bytes;
};

beforeAll(async () => {
  await sodiumReady();
});

describe('docs/access-log.md', () => {
  it('§2: the leaf hash table is SHA-256(0x00 ‖ entry) of the RFC 6962 test entries', () => {
    const entries = [
      '',
      '00',
      '10',
      '2021',
      '3031',
      '40414243',
      '5051525354555657',
      '606162636465666768696a6b6c6d6e6f',
    ];
    const rows = [...doc.matchAll(/^\|\s+(\d)\s+\| `([A-Za-z0-9+/=]{44})` \|$/gm)];
    expect(rows).toHaveLength(8);
    for (const [, index, hash] of rows) {
      const entry = Uint8Array.from(entries[Number(index)]!.match(/../g) ?? [], (h) =>
        parseInt(h, 16),
      );
      expect(toBase64(leafHash(entry)), `leaf ${index}`).toBe(hash);
    }
  });

  it('§3: the inclusion and consistency examples verify', () => {
    const json = fences
      .filter((f) => f.lang === 'json')
      .map((f) => JSON.parse(f.body) as Record<string, unknown>);
    const inclusion = json.find((j) => 'leafIndex' in j) as {
      leafIndex: number;
      treeSize: number;
      leafHash: string;
      proof: string[];
      root: string;
    };
    const consistency = json.find((j) => 'size1' in j) as {
      size1: number;
      size2: number;
      root1: string;
      root2: string;
      proof: string[];
    };
    verifyInclusion(
      inclusion.leafIndex,
      inclusion.treeSize,
      b64(inclusion.leafHash),
      inclusion.proof.map(b64),
      b64(inclusion.root),
    );
    verifyConsistency(
      consistency.size1,
      consistency.size2,
      consistency.proof.map(b64),
      b64(consistency.root1),
      b64(consistency.root2),
    );
  });

  it('§4: the example checkpoint verifies with the example verifier key, and re-signs identically', () => {
    const note = fences.find((f) => f.body.includes('\n\n— vault.example.org/log '))!.body;
    const vkey = fences
      .find((f) => /^vault\.example\.org\/log\+[0-9a-f]{8}\+\S+\n$/.test(f.body))!
      .body.trim();
    const skey = /`(PRIVATE\+KEY\+[^`]+)`/.exec(doc)![1]!;
    const verifier = parseVerifierKey(vkey);
    const opened = openCheckpoint(note, { origin: 'vault.example.org/log', verifiers: [verifier] });
    expect(opened.size).toBe(8);
    const signer = parseSignerKey(skey);
    expect(formatVerifierKey(signer)).toBe(vkey);
    const text = note.slice(0, note.lastIndexOf('\n\n') + 1);
    expect(signCheckpoint(parseCheckpoint(text), signer)).toBe(note);
  });
});
