import { randomUUID } from 'node:crypto';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../crypto/src/encoding/canonical-json.js';
import {
  leafHash,
  openCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '../../crypto/src/index.js';
import type {
  ConsistencyProofResponse,
  ErrorBody,
  LogExport,
  MeResponse,
  PasskeyListResponse,
} from '../../server/src/contracts/index.js';
import {
  allEntries,
  codeOf,
  download,
  eventOf,
  forgedPasskeySignIn,
  fromB64,
  indexes,
  putVersionBody,
  resident,
  trustOf,
  useLogVaults,
  utf8,
  type AccessEvent,
} from '../helpers/access-log.js';
import { HttpClient } from '../helpers/http-client.js';
import {
  ciphertext,
  fakeSlot,
  registerPasskey,
  sealedParts,
  uploadDocument,
} from '../helpers/vault-fixtures.js';

/**
 * The access log as a resident reads it (issue 4, DESIGN §1 promise 2, §5), over real HTTP against
 * a real vault and SQLite file: what is logged and what never is, and the export, checked with
 * crypto/ as the resident's browser or the offline verifier would. Filters and paging are in
 * access-log-filters.test.ts, checkpoints, proofs and tiles in access-log-proofs.test.ts, tamper
 * and fault injection in access-log-tamper.test.ts. Time moves through the vault's injected clock.
 *
 * The checkpointer's timer stays out of the way (the longest interval): the export signs the
 * checkpoint it needs. Timer-driven checkpoints are tested in access-log-proofs.test.ts.
 */

const { vaultWith, now, minutesLater } = useLogVaults({
  start: '2031-05-04T08:00:00.000Z',
  intervalMs: 60_000,
  seed: false,
});

function putVersion(
  client: HttpClient,
  documentId: string,
  version: number,
  body: Uint8Array,
  headers?: Record<string, string>,
) {
  return client.requestBytes('PUT', `/api/documents/${documentId}/versions/${version}`, {
    body,
    ...(headers ? { headers } : {}),
  });
}

/** Every spelling a secret could take in a JSON leaf: text, base64, base64url, hex. */
function spellings(secret: Uint8Array | string): string[] {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  // A prefix of 24 bytes (a multiple of 3) encodes to a prefix of the whole value's encoding.
  const probe = bytes.subarray(0, 24);
  const out = [probe.toString('base64'), probe.toString('base64url'), probe.toString('hex')];
  if (typeof secret === 'string') out.push(secret);
  return out;
}

/** The salt: 16 random bytes, base64url without padding. */
const SALT = /^[A-Za-z0-9_-]{22}$/;

describe('what is logged', () => {
  it('every action of a resident lands in their entries, newest first, with actor, document, version and outcome', async () => {
    const vault = await vaultWith();
    const t0 = now().toISOString();
    const maria = await resident(vault);
    const expected: Omit<
      AccessEvent,
      'v' | 'resident' | 'salt' | 'purpose' | 'legalBasis' | 'grant'
    >[] = [];
    const me = (detail?: Record<string, unknown>) => ({
      actor: { kind: 'resident', id: maria.id, name: null },
      document: null,
      outcome: 'ok',
      ...(detail ? { detail } : {}),
    });
    expected.push(
      { at: t0, action: 'sign-in', ...me({ method: 'eid' }) },
      { at: t0, action: 'passkey.added', ...me() },
      { at: t0, action: 'vault.enrolled', ...me({ slots: 'passkey,recovery' }) },
    );
    const secrets: (Uint8Array | string)[] = [
      'TINIT-RSSMRA85M41H501U', // Maria's national id (fiscal number)
      'Maria Rossi',
      'Rossi',
      maria.client.cookies.get(vault.config.cookieName)!,
      ...Object.values(maria.enrolment.keys).map((k) => Buffer.from(k, 'base64url')),
      ...maria.enrolment.slots.map((s) => Buffer.from(s.envelope, 'base64url')),
    ];

    // Key slots and the recovery kit.
    minutesLater(1);
    const phrase = fakeSlot('passphrase');
    secrets.push(Buffer.from(phrase.envelope, 'base64url'));
    expect((await maria.client.post('/api/vault/slots', { slot: phrase })).status).toBe(201);
    expected.push({
      at: now().toISOString(),
      action: 'key-slot.added',
      ...me({ kind: 'passphrase' }),
    });
    minutesLater(1);
    expect((await maria.client.request('DELETE', `/api/vault/slots/${phrase.id}`)).status).toBe(
      204,
    );
    expected.push({ at: now().toISOString(), action: 'key-slot.removed', ...me() });
    minutesLater(1);
    const kit = fakeSlot('recovery');
    secrets.push(Buffer.from(kit.envelope, 'base64url'));
    const replaced = await maria.client.request('PUT', '/api/vault/recovery', {
      json: { slot: kit },
    });
    expect(replaced.status).toBe(200);
    expected.push({ at: now().toISOString(), action: 'recovery-kit.replaced', ...me() });

    // A second passkey: added, renamed, removed. Its names are the resident's, never logged.
    minutesLater(1);
    const phone = await registerPasskey(maria.client, maria.authenticator);
    expected.push({ at: now().toISOString(), action: 'passkey.added', ...me() });
    const listed = await maria.client.get<PasskeyListResponse>('/api/passkeys');
    const phoneId = listed.body.passkeys.find((p) => p.credentialId === phone.credentialIdB64)!.id;
    minutesLater(1);
    const renamed = await maria.client.request('PATCH', `/api/passkeys/${phoneId}`, {
      json: { name: 'Mariaphone Zeta' },
    });
    expect(renamed.status).toBe(200);
    secrets.push('Mariaphone Zeta', 'Laptop');
    expected.push({ at: now().toISOString(), action: 'passkey.renamed', ...me() });
    minutesLater(1);
    expect((await maria.client.request('DELETE', `/api/passkeys/${phoneId}`)).status).toBe(204);
    expected.push({ at: now().toISOString(), action: 'passkey.removed', ...me() });

    // A passkey sign-in from another browser, then a failed one on her account.
    const signInOptions = async (client: HttpClient) =>
      (
        await client.post<{ optionsJSON: PublicKeyCredentialRequestOptionsJSON }>(
          '/api/auth/passkey/options',
        )
      ).body.optionsJSON;
    minutesLater(1);
    const laptop = new HttpClient(vault.origin);
    const assertion = maria.authenticator.authenticate(
      await signInOptions(laptop),
      maria.credential,
    );
    const signedIn = await laptop.post<MeResponse>('/api/auth/passkey/verify', {
      response: assertion,
    });
    expect(signedIn.status).toBe(200);
    secrets.push(laptop.cookies.get(vault.config.cookieName)!);
    expected.push({ at: now().toISOString(), action: 'sign-in', ...me({ method: 'passkey' }) });
    minutesLater(1);
    const failed = await forgedPasskeySignIn(vault, maria);
    expect(failed.status).toBe(401);
    expected.push({
      at: now().toISOString(),
      action: 'sign-in.failed',
      actor: { kind: 'resident', id: null, name: null },
      document: null,
      outcome: 'failed',
      detail: { method: 'passkey' },
    });

    // Documents: both upload paths, a new version through each, a read, a preview, a deletion.
    const doc = (id: string, category: string, version?: number) => ({
      ...me(),
      document: { id, category, ...(version === undefined ? {} : { version }) },
    });
    minutesLater(1);
    const chunks1 = ciphertext(2, 700);
    const first = await uploadDocument(maria.client, chunks1, { category: 'identity' });
    const a = first.document.id;
    expected.push({
      at: now().toISOString(),
      action: 'document.uploaded',
      ...doc(a, 'identity', 1),
    });
    minutesLater(1);
    const chunks2 = ciphertext(1, 300);
    const second = await uploadDocument(maria.client, chunks2, {
      documentId: a,
      category: 'identity',
    });
    expected.push({
      at: now().toISOString(),
      action: 'document.version-added',
      ...doc(a, 'identity', 2),
    });
    minutesLater(1);
    const b = randomUUID();
    const chunks3 = ciphertext(1, 900);
    const parts3 = sealedParts();
    const body3 = putVersionBody('health', chunks3, parts3);
    expect((await putVersion(maria.client, b, 1, body3)).status).toBe(201);
    expected.push({ at: now().toISOString(), action: 'document.uploaded', ...doc(b, 'health', 1) });
    minutesLater(1);
    const chunks4 = ciphertext(1, 500);
    const parts4 = sealedParts();
    expect(
      (await putVersion(maria.client, b, 2, putVersionBody('health', chunks4, parts4))).status,
    ).toBe(201);
    expected.push({
      at: now().toISOString(),
      action: 'document.version-added',
      ...doc(b, 'health', 2),
    });
    minutesLater(1);
    const read = await download(maria.client, a, 1);
    expect(read.status).toBe(200);
    expect(read.bytes.equals(Buffer.concat(chunks1))).toBe(true);
    expected.push({ at: now().toISOString(), action: 'document.read', ...doc(a, 'identity', 1) });
    minutesLater(1);
    const preview = await download(maria.client, a, 2, '?purpose=preview');
    expect(preview.bytes.equals(Buffer.concat(chunks2))).toBe(true);
    expected.push({
      at: now().toISOString(),
      action: 'document.previewed',
      ...doc(a, 'identity', 2),
    });
    minutesLater(1);
    expect((await maria.client.request('DELETE', `/api/documents/${b}`)).status).toBe(204);
    expected.push({ at: now().toISOString(), action: 'document.deleted', ...doc(b, 'health') });
    for (const p of [first.parts, second.parts, parts3, parts4]) {
      secrets.push(p.header, p.wrappedKey, p.metadata);
    }
    secrets.push(...chunks1, ...chunks2, ...chunks3, ...chunks4);

    // The export is itself logged.
    minutesLater(1);
    expect((await maria.client.post('/api/log/export')).status).toBe(200);
    expected.push({ at: now().toISOString(), action: 'log.exported', ...me() });

    const entries = await allEntries(maria.client);
    const events = entries.map(eventOf);
    expect(events.map((e) => e.action)).toEqual(expected.map((e) => e.action).reverse());
    expect(events).toEqual(
      [...expected].reverse().map((e) => ({
        v: 1,
        resident: maria.id,
        purpose: null,
        legalBasis: null,
        grant: null,
        salt: expect.stringMatching(SALT),
        ...e,
      })),
    );
    // Newest first; this resident is alone, so her entries are the whole log, 0…n-1.
    expect(indexes(entries)).toEqual(entries.map((_, i) => entries.length - 1 - i));
    expect(vault.countRows('log_entries')).toBe(entries.length);

    for (const entry of entries) {
      expect(canonicalJson(JSON.parse(entry.leaf)), entry.leaf).toBe(entry.leaf);
      expect(Buffer.from(eventOf(entry).salt, 'base64url')).toHaveLength(16);
    }
    expect(new Set(events.map((e) => e.salt)).size).toBe(events.length);

    const leaves = entries.map((e) => e.leaf).join('\n');
    for (const secret of secrets) {
      for (const spelling of spellings(secret)) expect(leaves).not.toContain(spelling);
    }
    // Positive control: the search finds what the leaves do hold.
    expect(leaves).toContain(a);
    expect(leaves).toContain(maria.id);
  });

  it('a replayed upload, a HEAD, refusals, and another resident’s requests add no entry of hers', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const luca = await resident(vault, 'demo-luca-bianchi');
    const id = randomUUID();
    const body = putVersionBody('tax', ciphertext(1, 200), sealedParts());
    expect((await putVersion(maria.client, id, 1, body)).status).toBe(201);
    const before = await allEntries(maria.client);
    const total = vault.countRows('log_entries');

    expect((await putVersion(maria.client, id, 1, body)).status).toBe(200); // replay
    const head = await maria.client.requestBytes('HEAD', `/api/documents/${id}/versions/1/content`);
    expect(head.status).toBe(200);
    expect((await download(maria.client, id, 2)).status).toBe(404);
    expect((await download(maria.client, randomUUID(), 1)).status).toBe(404);
    expect((await maria.client.request('DELETE', `/api/documents/${randomUUID()}`)).status).toBe(
      404,
    );
    expect((await maria.client.request('DELETE', `/api/passkeys/${randomUUID()}`)).status).toBe(
      404,
    );
    // Luca cannot read or delete her document: refused as missing, and nothing is logged for her.
    expect((await download(luca.client, id, 1)).status).toBe(404);
    expect((await luca.client.request('DELETE', `/api/documents/${id}`)).status).toBe(404);

    expect(await allEntries(maria.client)).toEqual(before);
    expect(vault.countRows('log_entries')).toBe(total);
  });
});

describe('export', () => {
  it('one JSON file whose checkpoint verifies and whose every entry’s proof verifies, itself included', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const luca = await resident(vault, 'demo-luca-bianchi');
    const { document } = await uploadDocument(maria.client, ciphertext(1, 100));
    await download(maria.client, document.id, 1);
    await uploadDocument(luca.client, ciphertext(1, 100));
    const identity = await trustOf(maria.client);

    // Like every POST, it needs the vault's Origin; a refused export logs nothing.
    const total = vault.countRows('log_entries');
    const foreign = await maria.client.post<ErrorBody>(
      '/api/log/export',
      {},
      {
        origin: 'https://evil.example',
      },
    );
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'ERR_CSRF']);
    const noOrigin = await maria.client.post<ErrorBody>('/api/log/export', {}, { origin: '' });
    expect([noOrigin.status, noOrigin.body.error.code]).toEqual([403, 'ERR_CSRF']);
    expect(vault.countRows('log_entries')).toBe(total);

    minutesLater(5);
    const res = await maria.client.post<LogExport>('/api/log/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="access-log-${now().toISOString().slice(0, 10)}.json"`,
    );
    const exported = res.body;
    expect(exported).toMatchObject({
      format: 'citizen-vault.access-log-export.v1',
      exportedAt: now().toISOString(),
      origin: identity.origin,
      verifierKey: identity.verifierKey,
      pending: [],
    });
    const checkpoint = openCheckpoint(exported.checkpoint, {
      origin: identity.origin,
      verifiers: [identity.verifier],
    });
    expect(checkpoint.size).toBe(vault.countRows('log_entries'));

    // Exactly her entries, newest first, the export itself on top.
    const mine = await allEntries(maria.client);
    expect(exported.entries.map(({ index, leaf }) => ({ index, leaf }))).toEqual(mine);
    expect(eventOf(exported.entries[0]!)).toMatchObject({
      action: 'log.exported',
      resident: maria.id,
      at: now().toISOString(),
    });
    expect(exported.entries.every((e) => eventOf(e).resident === maria.id)).toBe(true);
    for (const entry of exported.entries) {
      expect(canonicalJson(JSON.parse(entry.leaf))).toBe(entry.leaf);
      verifyInclusion(
        entry.index,
        checkpoint.size,
        leafHash(utf8(entry.leaf)),
        entry.proof.map(fromB64),
        checkpoint.rootHash,
      );
    }
    // A changed leaf in the file is caught offline.
    const forged = exported.entries[1]!;
    const tampered = forged.leaf.replace('"document.read"', '"document.previewed"');
    expect(tampered).not.toBe(forged.leaf);
    expect(
      codeOf(() =>
        verifyInclusion(
          forged.index,
          checkpoint.size,
          leafHash(utf8(tampered)),
          forged.proof.map(fromB64),
          checkpoint.rootHash,
        ),
      ),
    ).toBe('ERR_PROOF_INVALID');

    // A second export extends the first: its checkpoint is consistent with the first one's.
    minutesLater(5);
    const again = (await maria.client.post<LogExport>('/api/log/export')).body;
    const later = openCheckpoint(again.checkpoint, {
      origin: identity.origin,
      verifiers: [identity.verifier],
    });
    expect(later.size).toBe(checkpoint.size + 1);
    expect(again.entries.slice(1)).toEqual(
      exported.entries.map((e) => ({ ...e, proof: expect.any(Array) })),
    );
    const consistency = await maria.client.get<ConsistencyProofResponse>(
      `/api/log/proofs/consistency?from=${checkpoint.size}&to=${later.size}`,
    );
    expect(consistency.status).toBe(200);
    verifyConsistency(
      checkpoint.size,
      later.size,
      consistency.body.hashes.map(fromB64),
      checkpoint.rootHash,
      later.rootHash,
    );
    // Luca's export holds his entries only.
    const his = (await luca.client.post<LogExport>('/api/log/export')).body;
    expect(his.entries.every((e) => eventOf(e).resident !== maria.id)).toBe(true);
    expect(his.entries.map((e) => eventOf(e).action)).toContain('log.exported');
  });
});
