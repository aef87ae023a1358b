import { beforeAll, describe, expect, it } from 'vitest';
import {
  bytesSource,
  canonicalJson,
  createZipWriter,
  generateNoteKey,
  openZip,
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

async function run(argv: string[], files: Record<string, string | Uint8Array>) {
  const out: string[] = [];
  const err: string[] = [];
  let open = 0;
  const status = await runVerifyLog(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    openFile: (f) => {
      const content = files[f];
      if (content === undefined) throw new Error('ENOENT');
      open += 1;
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      return { ...bytesSource(bytes), close: () => (open -= 1) };
    },
  });
  expect(open, 'every file opened is closed').toBe(0);
  return { status, out: out.join('\n'), err: err.join('\n') };
}

/** An "Export everything" archive (the parts verify-log reads) around the log's JSON text. */
async function archiveWith(logJson: string, logName = 'access-log.json'): Promise<Uint8Array> {
  const writer = createZipWriter();
  await writer.add({ name: 'README.txt', data: new TextEncoder().encode('Read me\n') });
  await writer.add({ name: 'documents/Carta identità.pdf', data: new Blob(['%PDF-1.4']) });
  await writer.add({ name: logName, data: new TextEncoder().encode(logJson) });
  return new Uint8Array(await writer.finish().arrayBuffer());
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

  describe('an "Export everything" archive', () => {
    it('reads access-log.json out of the archive (CRC-32 checked) and verifies it', async () => {
      const { data, verifierKey } = makeExport();
      const zip = await archiveWith(JSON.stringify(data, null, 2));
      const r = await run(['export.zip', '--key', verifierKey], { 'export.zip': zip });
      expect(r.err).toBe('');
      expect(r.status).toBe(0);
      expect(r.out).toContain('access-log.json read from export.zip: CRC-32 OK');
      expect(r.out).toContain('3 of 3 are in the log');
      expect(r.out).toMatch(/Verified\.$/);
    });

    it('refuses an archive whose log was changed in place: the CRC-32 no longer matches', async () => {
      const { data, verifierKey } = makeExport();
      const zip = await archiveWith(JSON.stringify(data));
      const at = Buffer.from(zip).indexOf('document.read');
      zip.set(new TextEncoder().encode('document.seen'), at); // same length, new meaning
      const r = await run(['export.zip', '--key', verifierKey], { 'export.zip': zip });
      expect(r.status).toBe(1);
      expect(r.err).toBe(
        'Cannot read export.zip: access-log.json: CRC-32 mismatch (the file was changed or damaged after the archive was made) (ERR_ARCHIVE_CHECKSUM)',
      );
    });

    it('refuses an archive re-made with a changed entry (CRC fine): the proof fails', async () => {
      const { data, verifierKey } = makeExport();
      const original = openZip(bytesSource(await archiveWith(JSON.stringify(data))));
      data.entries[0]!.leaf = data.entries[0]!.leaf.replace('document.read', 'document.seen');
      const writer = createZipWriter();
      for (const entry of original.entries) {
        const bytes =
          entry.name === 'access-log.json'
            ? new TextEncoder().encode(JSON.stringify(data))
            : original.read(entry);
        await writer.add({ name: entry.name, data: bytes });
      }
      const forged = new Uint8Array(await writer.finish().arrayBuffer());
      const r = await run(['forged.zip', '--key', verifierKey], { 'forged.zip': forged });
      expect(r.status).toBe(1);
      expect(r.out).toContain('CRC-32 OK');
      expect(r.err).toContain('NOT VERIFIED');
      expect(r.err).toContain('entry #6: ERR_PROOF_INVALID');
    });

    it('says plainly when an archive holds no access log, or is not one it can read', async () => {
      const { data } = makeExport();
      const other = await archiveWith(JSON.stringify(data), 'something-else.json');
      const missing = await run(['other.zip'], { 'other.zip': other });
      expect(missing.status).toBe(1);
      expect(missing.err).toBe(
        'Cannot read other.zip: it is a ZIP archive without access-log.json: is it a Citizen Vault export?',
      );
      const cut = await run(['cut.zip'], { 'cut.zip': other.subarray(0, other.length - 10) });
      expect(cut.status).toBe(1);
      expect(cut.err).toMatch(/^Cannot read cut\.zip: .*\(ERR_ARCHIVE_INVALID\)$/);
    });
  });
});
