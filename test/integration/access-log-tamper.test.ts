import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leafHash, verifyConsistency, type OpenedCheckpoint } from '../../crypto/src/index.js';
import type {
  CompleteUploadResponse,
  ConsistencyProofResponse,
  DocumentResponse,
  ErrorBody,
  LogEntryView,
  VaultStateResponse,
} from '../../server/src/contracts/index.js';
import {
  codeOf,
  download,
  entriesOf,
  eventOf,
  forgedPasskeySignIn,
  fromB64,
  outcomes,
  putVersionBody,
  resident,
  settledAt,
  trustOf,
  useLogVaults,
  utf8,
  verifyEntries,
} from '../helpers/access-log.js';
import { HttpClient, type TestResponse } from '../helpers/http-client.js';
import { followLocalEidToCallback } from '../helpers/sign-in.js';
import type { TestVault } from '../helpers/start-vault.js';
import {
  ciphertext,
  fakeSlot,
  partsJson,
  putChunks,
  registerPasskey,
  sealedParts,
  startUpload,
  uploadDocument,
} from '../helpers/vault-fixtures.js';

/**
 * The access log against an operator who edits the database (issue 4, "Tamper" and "Atomicity"):
 * the test opens the vault's own SQLite file while it runs, changes log rows, and checks that the
 * resident's verification (crypto/, as the browser does it) and the checkpointer catch it; then it
 * injects faults into the log's tables with triggers and checks that no access happens without
 * its entry, and no entry without its access.
 *
 * Tamper vaults start with one entry already in the log (another resident's sign-in): a vault
 * whose first checkpoint is of the empty tree stops signing (access-log-proofs.test.ts).
 */

const { vaultWith } = useLogVaults({
  start: '2031-07-01T10:00:00.000Z',
  intervalMs: 50,
  seed: true,
});

/** The browser's check that `later` extends the checkpoint it stored: 'ok' or the error code. */
async function verifyExtends(
  client: HttpClient,
  stored: OpenedCheckpoint,
  later: OpenedCheckpoint,
): Promise<string> {
  const res = await client.get<ConsistencyProofResponse>(
    `/api/log/proofs/consistency?from=${stored.size}&to=${later.size}`,
  );
  expect(res.status, res.text).toBe(200);
  return codeOf(() =>
    verifyConsistency(
      stored.size,
      later.size,
      res.body.hashes.map(fromB64),
      stored.rootHash,
      later.rootHash,
    ),
  );
}

/** Polls /readyz until it answers 503 or `deadlineMs` passes; returns the last answer. */
async function readyzWithin(vault: TestVault, deadlineMs: number) {
  const anonymous = new HttpClient(vault.origin);
  const deadline = Date.now() + deadlineMs;
  let ready = await anonymous.get<ErrorBody>('/readyz');
  while (ready.status !== 503 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    ready = await anonymous.get<ErrorBody>('/readyz');
  }
  return ready;
}

/** Reads `count` times, one after the other: one entry each. */
async function reads(client: HttpClient, documentId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    expect((await download(client, documentId)).status).toBe(200);
  }
}

describe('tamper: the resident’s check catches an edited log', () => {
  it('a changed leaf: that entry’s inclusion proof fails against the signed checkpoint, the others pass', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const trust = await trustOf(maria.client);
    const { document } = await uploadDocument(maria.client, ciphertext(1, 100));
    await reads(maria.client, document.id, 2);
    const { checkpoint } = await settledAt(vault, trust, 7);
    const stored = await entriesOf(maria.client);
    expect(await verifyEntries(maria.client, checkpoint, stored)).toEqual(outcomes(stored));

    // The operator turns a read into a preview: still canonical JSON, still plausible.
    const target = stored.find((e) => eventOf(e).action === 'document.read')!;
    const edited = target.leaf.replace('"document.read"', '"document.previewed"');
    expect(edited).not.toBe(target.leaf);
    vault.sql(
      'UPDATE log_entries SET leaf = ?, action = ? WHERE idx = ?',
      Buffer.from(edited),
      'document.previewed',
      target.index,
    );

    const served = await entriesOf(maria.client);
    expect(served.find((e) => e.index === target.index)?.leaf).toBe(edited);
    expect(await verifyEntries(maria.client, checkpoint, served)).toEqual(
      outcomes(served, { [target.index]: 'ERR_PROOF_INVALID' }),
    );
  });

  it('a changed node below the last checkpoint: the checkpointer signs nothing more, /readyz answers 503, and consistency from the stored checkpoint fails', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const trust = await trustOf(maria.client);
    const { document } = await uploadDocument(maria.client, ciphertext(1, 100));
    // Sizes 10 → 12 → 13 all have MTH(0:8) (node level 3, index 0) as their largest subtree,
    // so every proof between them, and the checkpointer's next root, read it.
    await reads(maria.client, document.id, 5);
    const old = await settledAt(vault, trust, 10);
    await reads(maria.client, document.id, 2);
    const last = await settledAt(vault, trust, 12);
    expect(await verifyExtends(maria.client, old.checkpoint, last.checkpoint)).toBe('ok');
    const entries = await entriesOf(maria.client);
    expect(await verifyEntries(maria.client, last.checkpoint, entries)).toEqual(outcomes(entries));
    expect((await new HttpClient(vault.origin).get('/readyz')).status).toBe(200);

    vault.sql('UPDATE log_nodes SET hash = ? WHERE level = 3 AND idx = 0', randomBytes(32));

    // The browser that stored the older checkpoint: today's tree does not extend it.
    expect(await verifyExtends(maria.client, old.checkpoint, last.checkpoint)).toBe(
      'ERR_PROOF_INVALID',
    );
    // Entries 8–11 are proven through MTH(0:8); entries 1–7 are not.
    const bad = Object.fromEntries(
      entries.filter((e) => e.index >= 8).map((e) => [e.index, 'ERR_PROOF_INVALID']),
    );
    expect(Object.keys(bad)).toHaveLength(4);
    expect(await verifyEntries(maria.client, last.checkpoint, entries)).toEqual(
      outcomes(entries, bad),
    );

    // More activity: the checkpointer checks before it signs, finds the tree changed, and stops.
    await reads(maria.client, document.id, 1);
    const anonymous = new HttpClient(vault.origin);
    const ready = await readyzWithin(vault, 5_000);
    expect([ready.status, ready.body.error?.code]).toEqual([503, 'ERR_NOT_READY']);
    const alarm = vault.logs.find((l) => String(l.msg).startsWith('ACCESS LOG ALARM'));
    expect(alarm).toMatchObject({ level: 50, reason: 'inconsistent' });
    await reads(maria.client, document.id, 1);
    expect(vault.countRows('log_entries')).toBe(14);
    const checkpoints = vault.countRows('log_checkpoints');
    // Still the checkpoint of 12, byte for byte, and no newer one is ever stored.
    const served = await anonymous.get('/log/checkpoint');
    expect(served.text).toBe(last.note);
    await reads(maria.client, document.id, 1);
    expect((await anonymous.get('/log/checkpoint')).text).toBe(last.note);
    expect(vault.countRows('log_checkpoints')).toBe(checkpoints);
    const newest = (await entriesOf(maria.client))[0]!;
    const uncovered = await maria.client.get<ErrorBody>(
      `/api/log/proofs/inclusion?size=${newest.index + 1}&index=${newest.index}`,
    );
    expect([uncovered.status, uncovered.body.error.code]).toEqual([404, 'ERR_LOG_NO_CHECKPOINT']);
  });

  it('a deleted node below the last checkpoint: nothing more is signed, and /readyz answers 503', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const trust = await trustOf(maria.client);
    const { document } = await uploadDocument(maria.client, ciphertext(1, 100));
    await reads(maria.client, document.id, 7);
    const last = await settledAt(vault, trust, 12);
    const checkpoints = vault.countRows('log_checkpoints');

    vault.sql('DELETE FROM log_nodes WHERE level = 3 AND idx = 0');
    await reads(maria.client, document.id, 1);

    // The checkpointer cannot build the next tree from what is stored: the same alarm as for a
    // changed node is expected, not a silent failure on every tick.
    const ready = await readyzWithin(vault, 2_000);
    expect((await new HttpClient(vault.origin).get('/log/checkpoint')).text).toBe(last.note);
    expect(vault.countRows('log_checkpoints')).toBe(checkpoints);
    expect([ready.status, ready.body.error?.code]).toEqual([503, 'ERR_NOT_READY']);
  });

  it('an inserted row (an entry the vault never appended): nothing more is signed, and /readyz answers 503', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const trust = await trustOf(maria.client);
    const { document } = await uploadDocument(maria.client, ciphertext(1, 100));
    await reads(maria.client, document.id, 1);
    const last = await settledAt(vault, trust, 6);
    const checkpoints = vault.countRows('log_checkpoints');

    // A forged "read" at the next index, copied from a real one, without the tree's hashes.
    vault.sql(
      `INSERT INTO log_entries (idx, resident_id, at, actor_kind, actor_id, action, document_id, leaf)
       SELECT idx + 1, resident_id, at, actor_kind, actor_id, action, document_id, leaf
       FROM log_entries WHERE idx = (SELECT MAX(idx) FROM log_entries)`,
    );

    // The next tree would need the forged entry's hash, which the vault never stored: alarm.
    const ready = await readyzWithin(vault, 2_000);
    expect([ready.status, ready.body.error?.code]).toEqual([503, 'ERR_NOT_READY']);
    expect((await new HttpClient(vault.origin).get('/log/checkpoint')).text).toBe(last.note);
    expect(vault.countRows('log_checkpoints')).toBe(checkpoints);
  });

  it('two rows swapped (reordered): both entries fail their inclusion proofs', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const trust = await trustOf(maria.client);
    const { document } = await uploadDocument(maria.client, ciphertext(1, 100));
    await reads(maria.client, document.id, 1);
    expect((await download(maria.client, document.id, 1, '?purpose=preview')).status).toBe(200);
    const { checkpoint } = await settledAt(vault, trust, 7);
    const stored = await entriesOf(maria.client);
    const [preview, read] = stored;
    expect([eventOf(preview!).action, eventOf(read!).action]).toEqual([
      'document.previewed',
      'document.read',
    ]);

    // Swap the two rows' contents in one statement: the read now appears after the preview.
    const [p, r] = [preview!, read!];
    const columns = (e: LogEntryView) => {
      const event = JSON.parse(e.leaf) as { at: string; action: string };
      return [Date.parse(event.at), event.action, Buffer.from(e.leaf)] as const;
    };
    const [pAt, pAction, pLeaf] = columns(p);
    const [rAt, rAction, rLeaf] = columns(r);
    vault.sql(
      `UPDATE log_entries SET at = CASE idx WHEN ? THEN ? ELSE ? END,
         action = CASE idx WHEN ? THEN ? ELSE ? END, leaf = CASE idx WHEN ? THEN ? ELSE ? END
       WHERE idx IN (?, ?)`,
      ...[p.index, rAt, pAt, p.index, rAction, pAction, p.index, rLeaf, pLeaf, p.index, r.index],
    );

    const served = await entriesOf(maria.client);
    expect(served.map((e) => e.index)).toEqual(stored.map((e) => e.index));
    expect(eventOf(served[0]!).action).toBe('document.read');
    expect(await verifyEntries(maria.client, checkpoint, served)).toEqual(
      outcomes(served, {
        [preview!.index]: 'ERR_PROOF_INVALID',
        [read!.index]: 'ERR_PROOF_INVALID',
      }),
    );
  });

  it('a deleted row: the entry is missing from the list the browser stored, and has no proof any more', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const trust = await trustOf(maria.client);
    const { document } = await uploadDocument(maria.client, ciphertext(1, 100));
    await reads(maria.client, document.id, 3);
    const { checkpoint } = await settledAt(vault, trust, 8);
    const stored = await entriesOf(maria.client);
    const victim = stored[1]!; // a read, not the newest row
    expect(eventOf(victim).action).toBe('document.read');

    vault.sql('DELETE FROM log_entries WHERE idx = ?', victim.index);

    const served = await entriesOf(maria.client);
    const missing = stored.filter((s) => !served.some((e) => e.index === s.index));
    expect(missing).toEqual([victim]);
    const res = await maria.client.get<ErrorBody>(
      `/api/log/proofs/inclusion?size=${checkpoint.size}&index=${victim.index}`,
    );
    expect([res.status, res.body.error.code]).toEqual([404, 'ERR_LOG_ENTRY_NOT_FOUND']);
    // Every entry still served verifies; the tree still holds the leaf hash the browser stored.
    expect(await verifyEntries(maria.client, checkpoint, served)).toEqual(outcomes(served));
    const tile = await new HttpClient(vault.origin).requestBytes(
      'GET',
      `/log/tile/0/000.p/${checkpoint.size}`,
    );
    const at = victim.index * 32;
    expect(Buffer.from(tile.bytes.subarray(at, at + 32))).toEqual(
      Buffer.from(leafHash(utf8(victim.leaf))),
    );
  });
});

// --- atomicity (fault injection) -------------------------------------------------------------------

const FAIL_ENTRIES = `CREATE TRIGGER fail_log_entries BEFORE INSERT ON log_entries
  BEGIN SELECT RAISE(ABORT, 'injected'); END`;
const FAIL_NODES = `CREATE TRIGGER fail_log_nodes BEFORE INSERT ON log_nodes
  BEGIN SELECT RAISE(ABORT, 'injected'); END`;

const DOCUMENT_TABLES = ['documents', 'document_versions', 'document_chunks'] as const;

/** A write refused because its entry could not be written: 503 ERR_LOG_UNAVAILABLE, never a 500. */
function expectWriteRefused(res: TestResponse<unknown>, label: string): void {
  const code = (res.body as ErrorBody | undefined)?.error?.code;
  expect([res.status, code], label).toEqual([503, 'ERR_LOG_UNAVAILABLE']);
}

describe('atomicity: no access without its entry, no entry without its access', () => {
  it('a download whose entry cannot be written is refused (503 ERR_LOG_UNAVAILABLE, no bytes) and logs nothing', async () => {
    const vault = await vaultWith({ seed: false, intervalMs: 60_000 });
    const maria = await resident(vault);
    const chunks = ciphertext(2, 4000);
    const { document } = await uploadDocument(maria.client, chunks);
    const before = await entriesOf(maria.client);
    const rows = [vault.countRows('log_entries'), vault.countRows('log_nodes')];

    for (const trigger of [FAIL_ENTRIES, FAIL_NODES]) {
      vault.sql(trigger);
      for (const query of ['', '?purpose=preview']) {
        const res = await download(maria.client, document.id, 1, query);
        expect([res.status, (res.body as ErrorBody).error.code], query).toEqual([
          503,
          'ERR_LOG_UNAVAILABLE',
        ]);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        for (const chunk of chunks) {
          expect(res.bytes.includes(chunk.subarray(0, 32))).toBe(false);
          expect(res.text).not.toContain(chunk.subarray(0, 24).toString('base64url'));
          expect(res.text).not.toContain(chunk.subarray(0, 24).toString('base64'));
        }
      }
      // An entry whose hashes could not be stored is rolled back with them: both or neither.
      expect([vault.countRows('log_entries'), vault.countRows('log_nodes')]).toEqual(rows);
      vault.sql('DROP TRIGGER IF EXISTS fail_log_entries');
      vault.sql('DROP TRIGGER IF EXISTS fail_log_nodes');
    }
    expect(await entriesOf(maria.client)).toEqual(before);

    const served = await download(maria.client, document.id);
    expect(served.status).toBe(200);
    expect(served.bytes.equals(Buffer.concat(chunks))).toBe(true);
    const after = await entriesOf(maria.client);
    expect(after.slice(1)).toEqual(before);
    expect(eventOf(after[0]!)).toMatchObject({
      action: 'document.read',
      document: { id: document.id },
    });
  });

  it('uploads, deletions, sign-ins and key changes whose entry cannot be written change nothing; after the fault they succeed and are logged', async () => {
    const vault = await vaultWith({
      seed: false,
      intervalMs: 60_000,
      env: { VAULT_RATE_LIMIT_SIGN_IN: '10000' },
    });
    const maria = await resident(vault);
    const kept = await uploadDocument(maria.client, ciphertext(1, 300), { category: 'tax' });
    const pending = ciphertext(1, 200);
    const upload = await startUpload(maria.client, pending);
    expect((await putChunks(maria.client, upload.uploadId, 0, pending)).status).toBe(200);
    const before = await entriesOf(maria.client);
    const usage = async () =>
      (await maria.client.get<VaultStateResponse>('/api/vault')).body.quota.usedBytes;
    const snapshot = async () => ({
      rows: [
        ...DOCUMENT_TABLES.map((t) => vault.countRows(t)),
        vault.countRows('sessions'),
        vault.countRows('passkeys'),
        vault.countRows('key_slots'),
        vault.countRows('log_entries'),
      ],
      usedBytes: await usage(),
      kept: (await maria.client.get<DocumentResponse>(`/api/documents/${kept.document.id}`)).body,
    });
    const unchanged = await snapshot();

    const newId = randomUUID();
    const newBody = putVersionBody('health', ciphertext(1, 500), sealedParts());
    const v2Body = putVersionBody('tax', ciphertext(1, 600), sealedParts());
    const parts = sealedParts();
    const passphrase = fakeSlot('passphrase');
    const attempts: [string, () => Promise<TestResponse<unknown>>][] = [
      [
        'one-request upload',
        () =>
          maria.client.requestBytes('PUT', `/api/documents/${newId}/versions/1`, { body: newBody }),
      ],
      [
        'one-request new version',
        () =>
          maria.client.requestBytes('PUT', `/api/documents/${kept.document.id}/versions/2`, {
            body: v2Body,
          }),
      ],
      [
        'complete an upload',
        () => maria.client.post(`/api/uploads/${upload.uploadId}/complete`, partsJson(parts)),
      ],
      [
        'delete a document',
        () => maria.client.request('DELETE', `/api/documents/${kept.document.id}`),
      ],
      ['add a key slot', () => maria.client.post('/api/vault/slots', { slot: passphrase })],
      [
        'eID sign-in',
        async () => {
          const other = new HttpClient(vault.origin);
          const query = await followLocalEidToCallback(other);
          return other.post('/api/auth/eid/callback', { query });
        },
      ],
    ];

    vault.sql(FAIL_ENTRIES);
    for (const [label, attempt] of attempts) {
      expectWriteRefused(await attempt(), label);
      expect(await snapshot(), label).toEqual(unchanged);
    }
    expect((await maria.client.get(`/api/documents/${newId}`)).status).toBe(404);
    // A failed sign-in is still refused as one (401), though its entry could not be written.
    expect((await forgedPasskeySignIn(vault, maria)).status).toBe(401);
    expect(await snapshot()).toEqual(unchanged);
    expect(await entriesOf(maria.client)).toEqual(before);

    vault.sql('DROP TRIGGER fail_log_entries');
    const statuses: number[] = [];
    for (const [, attempt] of attempts) statuses.push((await attempt()).status);
    expect(statuses).toEqual([201, 201, 200, 204, 201, 200]);
    const done = await maria.client.post<CompleteUploadResponse>(
      `/api/uploads/${upload.uploadId}/complete`,
      partsJson(parts),
    );
    expect(done.status).toBe(404); // spent by the successful retry above
    expect((await maria.client.get(`/api/documents/${newId}`)).status).toBe(200);
    expect((await maria.client.get(`/api/documents/${kept.document.id}`)).status).toBe(404);
    const logged = (await entriesOf(maria.client)).slice(0, attempts.length).map(eventOf);
    expect(logged.map((e) => e.action).reverse()).toEqual([
      'document.uploaded',
      'document.version-added',
      'document.uploaded',
      'document.deleted',
      'key-slot.added',
      'sign-in',
    ]);
    expect(logged.reverse().map((e) => e.document?.id ?? null)).toEqual([
      newId,
      kept.document.id,
      upload.documentId,
      kept.document.id,
      null,
      null,
    ]);
    // Luck had nothing to do with it: a passkey added under the fault is refused too.
    vault.sql(FAIL_ENTRIES);
    const passkeys = vault.countRows('passkeys');
    await expect(registerPasskey(maria.client, maria.authenticator)).rejects.toThrow(/answered 5/);
    expect(vault.countRows('passkeys')).toBe(passkeys);
  });
});
