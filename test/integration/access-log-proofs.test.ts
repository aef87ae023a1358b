import { describe, expect, it } from 'vitest';
import {
  generateNoteKey,
  openCheckpoint,
  parseVerifierKey,
  treeHead,
  verifyConsistency,
  type Hash,
  type NoteVerifier,
} from '../../crypto/src/index.js';
import type {
  ConsistencyProofResponse,
  ErrorBody,
  LogEntriesResponse,
  LogExport,
} from '../../server/src/contracts/index.js';
import {
  checkpointCovering,
  codeOf,
  download,
  entriesOf,
  fromB64,
  leafHashOf,
  outcomes,
  resident,
  trustOf,
  useLogVaults,
  verifyEntries,
} from '../helpers/access-log.js';
import { HttpClient } from '../helpers/http-client.js';
import { ciphertext, uploadDocument } from '../helpers/vault-fixtures.js';

/**
 * The access log as a monitor and the resident's browser check it (issue 4, DESIGN §1 promise 3,
 * §5), over real HTTP: signed checkpoints opened with the verifier key, inclusion and consistency
 * proofs verified with crypto/, tiles compared with the leaves, another resident's entries out of
 * reach. Checkpoints are waited for by polling with a deadline, never by sleeping.
 *
 * Most vaults here start with one entry already in their log (another resident's sign-in): a vault
 * whose first checkpoint is of the empty tree stops signing for good (see the first test), and a
 * test must not depend on whether the first sign-in beat the checkpointer's first tick.
 *
 * Entries and proofs are fetched `strict`ly here: one page must hold all of a resident's entries,
 * and the proofs must answer at the checkpoint's size, one per entry, in order.
 */

const { vaultWith, minutesLater } = useLogVaults({
  start: '2031-06-01T09:00:00.000Z',
  intervalMs: 100,
  seed: true,
});

const strict = { strict: true };

/** The 32-byte hashes of a tile body. */
function hashesOf(body: Buffer): Hash[] {
  expect(body.length % 32).toBe(0);
  return Array.from({ length: body.length / 32 }, (_, i) =>
    Uint8Array.from(body.subarray(i * 32, i * 32 + 32)),
  ) as Hash[];
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('checkpoints', () => {
  it('an empty log signs nothing; the first checkpoint covers the first entries, and signing goes on', async () => {
    // Regression: the checkpointer used to sign the empty tree when it ticked before the first
    // entry, then asked crypto/ for a consistency proof from size 0 (a TypeError) on every tick.
    const vault = await vaultWith({ seed: false, intervalMs: 50 });
    const anonymous = new HttpClient(vault.origin);
    const before = await anonymous.get<ErrorBody>('/log/checkpoint');
    expect([before.status, before.body.error.code]).toEqual([404, 'ERR_LOG_NO_CHECKPOINT']);
    const maria = await resident(vault);
    const trust = await trustOf(maria.client);
    const total = vault.countRows('log_entries');
    expect(total).toBe(3);
    const { checkpoint } = await checkpointCovering(vault, trust, total, 2_000);
    expect(checkpoint.size).toBe(total);
    // And the next checkpoint extends it (the export signs one covering its own entry).
    expect((await maria.client.post('/api/log/export')).status).toBe(200);
    const next = await checkpointCovering(vault, trust, total + 1, 2_000);
    expect(next.checkpoint.size).toBeGreaterThan(total);
  });

  it('before the first checkpoint: /log/checkpoint, tiles and proofs answer 404', async () => {
    const vault = await vaultWith({ intervalMs: 60_000 });
    const maria = await resident(vault);
    const anonymous = new HttpClient(vault.origin);
    const res = await anonymous.get<ErrorBody>('/log/checkpoint');
    expect([res.status, res.body.error.code]).toEqual([404, 'ERR_LOG_NO_CHECKPOINT']);
    expect((await anonymous.get('/log/tile/0/000.p/1')).status).toBe(404);
    const proof = await maria.client.get<ErrorBody>('/api/log/proofs/inclusion?size=1&index=1');
    expect([proof.status, proof.body.error.code]).toEqual([404, 'ERR_LOG_NO_CHECKPOINT']);
  });

  it('the checkpoint verifies with the key from /api/log, covers every entry within the interval, and every entry’s inclusion proof verifies', async () => {
    const intervalMs = 1_000; // the default: "at most one second behind"
    const vault = await vaultWith({ intervalMs });
    const maria = await resident(vault);
    const trust = await trustOf(maria.client);

    // The key: named after the log, printed at start, and the only one the checkpoint verifies with.
    expect(trust.verifier.name).toBe(trust.origin);
    expect(vault.logs.some((l) => l['verifierKey'] === trust.verifierKey)).toBe(true);

    const { document } = await uploadDocument(maria.client, ciphertext(1, 100));
    expect((await download(maria.client, document.id)).status).toBe(200);
    const total = vault.countRows('log_entries');
    const first = await checkpointCovering(vault, trust, total);
    expect(first.checkpoint.size).toBe(total);
    expect(first.waitedMs).toBeLessThan(intervalMs + 500);
    expect(first.checkpoint.signatures.verified).toEqual([
      { name: trust.origin, keyId: trust.verifier.keyId },
    ]);

    const stranger = parseVerifierKey(generateNoteKey(trust.origin).verifierKey);
    const fail = (note: string, verifiers: NoteVerifier[], origin = trust.origin) =>
      codeOf(() => openCheckpoint(note, { origin, verifiers }));
    expect(fail(first.note, [stranger])).toBe('ERR_NOTE_UNVERIFIED');
    expect(fail(first.note, [trust.verifier], 'another.example/log')).toBe(
      'ERR_CHECKPOINT_WRONG_ORIGIN',
    );
    const [origin, size, ...rest] = first.note.split('\n');
    const moved = [origin, String(Number(size) + 1), ...rest].join('\n');
    expect(fail(moved, [trust.verifier])).toBe('ERR_NOTE_SIGNATURE_INVALID');

    const mine = await entriesOf(maria.client, strict);
    expect(mine).toHaveLength(total - 1); // all but the seeded entry
    expect(await verifyEntries(maria.client, first.checkpoint, mine, strict)).toEqual(
      outcomes(mine),
    );

    // Later entries: covered by a later checkpoint that extends the first.
    minutesLater(1);
    for (const query of ['', '?purpose=preview', '']) {
      expect((await download(maria.client, document.id, 1, query)).status).toBe(200);
    }
    const newest = (await entriesOf(maria.client, strict))[0]!;
    // Not covered yet by the first checkpoint: 409, whatever the timer does meanwhile.
    const early = await maria.client.get<ErrorBody>(
      `/api/log/proofs/inclusion?size=${first.checkpoint.size}&index=${newest.index}`,
    );
    expect([early.status, early.body.error.code]).toEqual([409, 'ERR_LOG_NOT_COVERED']);

    const second = await checkpointCovering(vault, trust, vault.countRows('log_entries'));
    expect(second.waitedMs).toBeLessThan(intervalMs + 500);
    const consistency = await maria.client.get<ConsistencyProofResponse>(
      `/api/log/proofs/consistency?from=${first.checkpoint.size}&to=${second.checkpoint.size}`,
    );
    expect(consistency.status).toBe(200);
    expect(consistency.body).toMatchObject({
      from: first.checkpoint.size,
      to: second.checkpoint.size,
    });
    verifyConsistency(
      first.checkpoint.size,
      second.checkpoint.size,
      consistency.body.hashes.map(fromB64),
      first.checkpoint.rootHash,
      second.checkpoint.rootHash,
    );
    // Swapped roots do not pass: the proof binds the old tree to the new one.
    expect(
      codeOf(() =>
        verifyConsistency(
          first.checkpoint.size,
          second.checkpoint.size,
          consistency.body.hashes.map(fromB64),
          second.checkpoint.rootHash,
          first.checkpoint.rootHash,
        ),
      ),
    ).toBe('ERR_PROOF_INVALID');
    const same = await maria.client.get<ConsistencyProofResponse>(
      `/api/log/proofs/consistency?from=${second.checkpoint.size}&to=${second.checkpoint.size}`,
    );
    expect(same.body.hashes).toEqual([]);

    // Every entry verifies at the new checkpoint, and the old ones still at the old checkpoint.
    const all = await entriesOf(maria.client, strict);
    expect(await verifyEntries(maria.client, second.checkpoint, all, strict)).toEqual(
      outcomes(all),
    );
    expect(await verifyEntries(maria.client, first.checkpoint, mine, strict)).toEqual(
      outcomes(mine),
    );
  });

  it('a consistency proof from the empty tree is refused as invalid (400 ERR_VALIDATION), not a 500', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const trust = await trustOf(maria.client);
    const { checkpoint } = await checkpointCovering(vault, trust, vault.countRows('log_entries'));
    const res = await maria.client.get<ErrorBody>(
      `/api/log/proofs/consistency?from=0&to=${checkpoint.size}`,
    );
    expect([res.status, res.body.error?.code]).toEqual([400, 'ERR_VALIDATION']);
  });
});

describe('tiles and public endpoints', () => {
  it('serve the checkpoint and level-0 tiles without a session, with their cache headers; tile hashes are the leaf hashes', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const trust = await trustOf(maria.client);
    const { document } = await uploadDocument(maria.client, ciphertext(1, 100));
    await download(maria.client, document.id);
    const first = await checkpointCovering(vault, trust, vault.countRows('log_entries'));
    const anonymous = new HttpClient(vault.origin);

    const note = await anonymous.get('/log/checkpoint');
    expect(note.status).toBe(200);
    expect(note.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(note.headers.get('cache-control')).toBe('no-cache');
    expect(note.headers.get('access-control-allow-origin')).toBe('*');
    expect(note.headers.get('set-cookie')).toBeNull();

    const size = first.checkpoint.size;
    const tile = await anonymous.requestBytes('GET', `/log/tile/0/000.p/${size}`);
    expect(tile.status).toBe(200);
    expect(tile.headers.get('content-type')).toBe('application/octet-stream');
    expect(tile.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(tile.headers.get('access-control-allow-origin')).toBe('*');
    const hashes = hashesOf(tile.bytes);
    expect(hashes).toHaveLength(size);
    // What a monitor checks: the tile's hashes make the signed root…
    expect(hex(treeHead(hashes))).toBe(hex(first.checkpoint.rootHash));
    // …and what the resident checks: her entries' leaf hashes are there, at their indexes.
    const mine = await entriesOf(maria.client, strict);
    for (const entry of mine) expect(hex(hashes[entry.index]!)).toBe(hex(leafHashOf(entry)));

    // A narrower partial tile (an older tree size) is its prefix; a wider one does not exist yet.
    const narrow = await anonymous.requestBytes('GET', `/log/tile/0/000.p/${size - 1}`);
    expect(narrow.bytes.equals(tile.bytes.subarray(0, (size - 1) * 32))).toBe(true);
    const beyond = [
      `/log/tile/0/000.p/${size + 1}`,
      '/log/tile/0/000',
      '/log/tile/0/001.p/1',
      '/log/tile/1/000.p/1',
    ];
    for (const url of beyond) {
      const res = await anonymous.requestBytes<ErrorBody>('GET', url);
      expect({ url, status: res.status, code: res.body?.error?.code }).toEqual({
        url,
        status: 404,
        code: 'ERR_NOT_FOUND',
      });
      // A tile that does not exist yet will: its 404 must not be cached for a year.
      expect(res.headers.get('cache-control') ?? '', url).not.toMatch(/immutable|max-age=[1-9]/);
    }
    const malformed = [
      '/log/tile/0/0',
      '/log/tile/0/00',
      '/log/tile/0/0000',
      '/log/tile/00/000.p/1',
      '/log/tile/0/000.p/0',
      '/log/tile/0/000.p/01',
      '/log/tile/0/000.p/256',
      '/log/tile/0/000.p/',
      '/log/tile/0/x000/000',
      '/log/tile/0/x001',
      '/log/tile/64/000',
      '/log/tile/-1/000',
      '/log/tile/0/000.p/1/',
      '/log/tile/entries/000.p/1',
      '/log/tile/data/000.p/1',
      '/log/tile/0/abc',
      '/log/tile/',
      '/log/tile',
      '/log/checkpoint/x',
    ];
    for (const url of malformed) {
      const res = await anonymous.requestBytes('GET', url);
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
    }
  });

  it('past 256 entries: a full level-0 tile, the next partial one, and a level-1 tile that hashes them', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const trust = await trustOf(maria.client);
    const { document } = await uploadDocument(maria.client, ciphertext(1, 100));
    for (let batch = 0; batch < 13; batch += 1) {
      const reads = Array.from({ length: 20 }, () => download(maria.client, document.id));
      expect((await Promise.all(reads)).map((r) => r.status)).toEqual(Array(20).fill(200));
    }
    const total = vault.countRows('log_entries');
    expect(total).toBe(1 + 3 + 1 + 260);
    const { checkpoint } = await checkpointCovering(vault, trust, total);
    expect(checkpoint.size).toBe(total);
    const anonymous = new HttpClient(vault.origin);
    const full = await anonymous.requestBytes('GET', '/log/tile/0/000');
    expect(full.status).toBe(200);
    const rest = await anonymous.requestBytes('GET', `/log/tile/0/001.p/${total - 256}`);
    expect(rest.status).toBe(200);
    const upper = await anonymous.requestBytes('GET', '/log/tile/1/000.p/1');
    expect(upper.status).toBe(200);
    const level0 = [...hashesOf(full.bytes), ...hashesOf(rest.bytes)];
    expect(level0).toHaveLength(total);
    expect(hex(hashesOf(upper.bytes)[0]!)).toBe(hex(treeHead(hashesOf(full.bytes))));
    expect(hex(treeHead(level0))).toBe(hex(checkpoint.rootHash));
    // Partial tiles of older tree sizes stay available (C2SP tlog-tiles).
    const older = await anonymous.requestBytes('GET', '/log/tile/0/000.p/255');
    expect(older.bytes.equals(full.bytes.subarray(0, 255 * 32))).toBe(true);
    expect((await anonymous.requestBytes('GET', '/log/tile/1/000')).status).toBe(404);
    expect((await anonymous.requestBytes('GET', '/log/tile/2/000.p/1')).status).toBe(404);

    const mine = await entriesOf(maria.client, strict);
    expect(mine).toHaveLength(total - 1);
    for (const entry of mine) expect(hex(level0[entry.index]!)).toBe(hex(leafHashOf(entry)));
    expect(await verifyEntries(maria.client, checkpoint, mine, strict)).toEqual(outcomes(mine));
    const exported = await maria.client.post<LogExport>('/api/log/export');
    expect(exported.status).toBe(200);
    expect(exported.body.entries).toHaveLength(total);
  });
});

describe('another resident', () => {
  it('sees none of her entries and gets no proof for them: 404 ERR_LOG_ENTRY_NOT_FOUND, as for an index that does not exist', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const luca = await resident(vault, 'demo-luca-bianchi');
    const { document } = await uploadDocument(maria.client, ciphertext(1, 100));
    await download(maria.client, document.id);
    const trust = await trustOf(luca.client);
    expect(await trustOf(maria.client)).toEqual(trust);
    const { checkpoint } = await checkpointCovering(vault, trust, vault.countRows('log_entries'));
    expect(checkpoint.size).toBe(1 + 3 + 3 + 2);

    const hers = await entriesOf(maria.client, strict);
    const his = await entriesOf(luca.client, strict);
    expect(his).toHaveLength(3);
    expect(his.map((e) => e.index).filter((i) => hers.some((h) => h.index === i))).toEqual([]);
    expect(his.map((e) => e.leaf).join('\n')).not.toContain(maria.id);
    expect(hers.map((e) => e.leaf).join('\n')).not.toContain(luca.id);
    for (const query of [
      `actorId=${maria.id}`,
      `document=${document.id}`,
      'action=document.read',
    ]) {
      const res = await luca.client.get<LogEntriesResponse>(`/api/log/entries?${query}`);
      expect(res.body, query).toEqual({ entries: [], nextBefore: null });
    }
    expect(await verifyEntries(luca.client, checkpoint, his, strict)).toEqual(outcomes(his));

    const proofOf = (indexes: number[], size = checkpoint.size) =>
      luca.client.get<ErrorBody>(
        `/api/log/proofs/inclusion?size=${size}&index=${indexes.join(',')}`,
      );
    const missing = await proofOf([123_456]);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'ERR_LOG_ENTRY_NOT_FOUND']);
    for (const indexes of [[hers[0]!.index], [his[0]!.index, hers.at(-1)!.index], [0]]) {
      const res = await proofOf(indexes);
      expect(res.status, `${indexes}`).toBe(404);
      expect(res.text, `${indexes}`).toBe(missing.text);
    }
    // Sizes that are not checkpoints.
    for (const size of [checkpoint.size + 1, checkpoint.size + 1000, 0]) {
      const res = await proofOf([his[0]!.index], size);
      expect([res.status, res.body.error.code], `size ${size}`).toEqual([
        404,
        'ERR_LOG_NO_CHECKPOINT',
      ]);
      if (size === 0) continue;
      const c = await luca.client.get<ErrorBody>(`/api/log/proofs/consistency?from=1&to=${size}`);
      expect([c.status, c.body.error.code], `to ${size}`).toEqual([404, 'ERR_LOG_NO_CHECKPOINT']);
    }
  });

  it('invalid proof queries → 400 ERR_VALIDATION', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const trust = await trustOf(maria.client);
    const { checkpoint } = await checkpointCovering(vault, trust, vault.countRows('log_entries'));
    const s = checkpoint.size;
    const inclusion = [
      `size=${s}`,
      'index=1',
      `size=-1&index=1`,
      `size=x&index=1`,
      `size=${s}&index=`,
      `size=${s}&index=01`,
      `size=${s}&index=-1`,
      `size=${s}&index=a`,
      `size=${s}&index=1,,2`,
      `size=${s}&index=1,`,
      `size=${s}&index=1 2`,
      `size=${s}&index=1&index=2`,
      `size=${s}&index=${Array.from({ length: 1001 }, (_, i) => i).join(',')}`,
      `size=${s}&index=1&extra=1`,
    ];
    for (const query of inclusion) {
      const res = await maria.client.get<ErrorBody>(`/api/log/proofs/inclusion?${query}`);
      expect({ query, status: res.status, code: res.body.error?.code }).toEqual({
        query,
        status: 400,
        code: 'ERR_VALIDATION',
      });
    }
    const consistency = [
      `from=1`,
      `to=${s}`,
      `from=-1&to=${s}`,
      `from=${s}&to=1`,
      `from=1.5&to=${s}`,
    ];
    for (const query of consistency) {
      const res = await maria.client.get<ErrorBody>(`/api/log/proofs/consistency?${query}`);
      expect({ query, status: res.status, code: res.body.error?.code }).toEqual({
        query,
        status: 400,
        code: 'ERR_VALIDATION',
      });
    }
  });
});
