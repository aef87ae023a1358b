import { beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  generateNoteKey,
  leafHash,
  parseSignerKey,
  proveInclusion,
  signCheckpoint,
  sodiumReady,
  treeRoot,
} from '../../../crypto/src/index.js';
import { memoryTree } from '../../../crypto/src/log/testing/test-trees.js';
import type { LogExport } from '../contracts/index.js';
import { runVerifyLog } from './verify-log.js';

const ORIGIN = 'vault.example.city/log';

/** A real export: a log of 9 entries, 3 of them the resident's, signed with a fresh key. */
function makeExport(): { data: LogExport; verifierKey: string } {
  const { signerKey, verifierKey } = generateNoteKey(ORIGIN);
  const leaves = Array.from({ length: 9 }, (_, i) =>
    canonicalJson({ v: 1, action: 'document.read', resident: i % 3 === 0 ? 'me' : 'other', i }),
  );
  const tree = memoryTree(leaves.map((l) => leafHash(new TextEncoder().encode(l))));
  const { nodeAt } = tree.at(leaves.length);
  const rootHash = treeRoot(leaves.length, nodeAt);
  const note = signCheckpoint(
    { origin: ORIGIN, size: leaves.length, rootHash, extensions: [] },
    parseSignerKey(signerKey),
  );
  const mine = [6, 3, 0];
  return {
    verifierKey,
    data: {
      format: 'citizen-vault.access-log-export.v1',
      exportedAt: '2026-11-28T12:00:00.000Z',
      origin: ORIGIN,
      verifierKey,
      checkpoint: note,
      entries: mine.map((index) => ({
        index,
        leaf: leaves[index]!,
        proof: proveInclusion(index, leaves.length, nodeAt).map((h) =>
          Buffer.from(h).toString('base64'),
        ),
      })),
      pending: [9],
    },
  };
}

async function run(argv: string[], files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runVerifyLog(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readFile: (f) => {
      const text = files[f];
      if (text === undefined) throw new Error('ENOENT');
      return text;
    },
  });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run verify-log', () => {
  beforeAll(async () => {
    await sodiumReady();
  });

  it('verifies an export against the published key and says what it checked', async () => {
    const { data, verifierKey } = makeExport();
    const r = await run(['x.json', '--key', verifierKey], { 'x.json': JSON.stringify(data) });
    expect(r.status).toBe(0);
    expect(r.out).toContain('9 entries');
    expect(r.out).toContain('signature OK');
    expect(r.out).toContain('3 of 3 are in the log');
    expect(r.out).toContain('1 newer entries');
    expect(r.out).toContain('(given with --key)');
    expect(r.out).toMatch(/Verified\.$/);
  });

  it('without --key, checks against the key in the export and says so', async () => {
    const { data } = makeExport();
    const r = await run(['x.json'], { 'x.json': JSON.stringify(data) });
    expect(r.status).toBe(0);
    expect(r.out).toContain('from the export itself');
  });

  it('refuses a changed entry, naming it', async () => {
    const { data, verifierKey } = makeExport();
    data.entries[1]!.leaf = data.entries[1]!.leaf.replace('document.read', 'document.deleted');
    const r = await run(['x.json', '--key', verifierKey], { 'x.json': JSON.stringify(data) });
    expect(r.status).toBe(1);
    expect(r.err).toContain('NOT VERIFIED');
    expect(r.err).toContain('entry #3: ERR_PROOF_INVALID');
    expect(r.out).toContain('2 of 3 are in the log');
  });

  it('refuses an entry moved to another index, and a leaf that is not canonical', async () => {
    const { data, verifierKey } = makeExport();
    data.entries[0]!.index = 7;
    data.entries[2]!.leaf = ` ${data.entries[2]!.leaf}`;
    const r = await run(['x.json', '--key', verifierKey], { 'x.json': JSON.stringify(data) });
    expect(r.status).toBe(1);
    expect(r.err).toContain('entry #7: ERR_PROOF_INVALID');
    expect(r.err).toContain('entry #0: not in canonical JSON form');
  });

  it('refuses a checkpoint signed by another key than the published one', async () => {
    const { data } = makeExport();
    const other = generateNoteKey(ORIGIN).verifierKey;
    const r = await run(['x.json', '--key', other], { 'x.json': JSON.stringify(data) });
    expect(r.status).toBe(1);
    expect(r.err).toContain('checkpoint: ERR_NOTE_UNVERIFIED');
  });

  it('refuses a checkpoint whose body was changed', async () => {
    const { data, verifierKey } = makeExport();
    data.checkpoint = data.checkpoint.replace('\n9\n', '\n10\n');
    const r = await run(['x.json', '--key', verifierKey], { 'x.json': JSON.stringify(data) });
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/checkpoint: ERR_NOTE_/);
  });

  it('answers usage errors and unreadable files plainly', async () => {
    expect((await run([], {})).status).toBe(0);
    expect((await run(['a', 'b'], {})).status).toBe(64);
    expect((await run(['x.json', '--key'], {})).status).toBe(64);
    const missing = await run(['nope.json'], {});
    expect(missing.status).toBe(1);
    expect(missing.err).toContain('Cannot read nope.json');
    const wrong = await run(['x.json'], { 'x.json': '{"format":"other"}' });
    expect(wrong.status).toBe(1);
    expect(wrong.err).toContain('not a Citizen Vault access-log export');
  });
});
