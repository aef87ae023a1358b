import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateResidentKeys, isCryptoError, sodiumReady } from '../../crypto/src/index.js';
import {
  DOCUMENT_CATEGORIES,
  type DepositResponse,
  type DocumentListResponse,
  type PrepareDepositResponse,
  type ServiceGrantListResponse,
  type ServiceGrantResponse,
  type ServiceRequestResponse,
} from '../../server/src/contracts/index.js';
import { loadConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import { composeVault } from '../../server/src/vault.js';
import { serviceUrl, withVaultStorage } from '../helpers/city-services.js';
import {
  depositBody,
  codeOf,
  daysAfter,
  decryptGranted,
  frameBody,
  grantRequest,
  keyedResident,
  OTHER_PURPOSE,
  PURPOSE,
  registerSealingService,
  residentEvents,
  serviceApi,
  serviceToken,
  splitGranted,
  storeEncrypted,
  type KeyedResident,
  type ServiceApi,
} from '../helpers/service-api.js';
import { startVault, type StartVaultOptions, type TestVault } from '../helpers/start-vault.js';
import { toBase64url } from '../../crypto/src/index.js';

/**
 * The city-service API (issue 5) over real HTTP against a real vault and SQLite file, with real
 * crypto/ on both sides: requests, their status, grants, the key-released read (DESIGN §1 promise
 * 2: no read without its log entry; promise 4: revocation and expiry stop key release at once),
 * deposits. Grants are made as the resident's browser would make them and stored through the
 * storage port (the approval API is another issue's). Time moves through the vault's clock.
 */

const vaults: TestVault[] = [];
let clock: Date;

beforeAll(async () => {
  await sodiumReady();
});

afterEach(async () => {
  await Promise.all(vaults.splice(0).map((v) => v.close()));
});

async function vaultWith(options: StartVaultOptions = {}): Promise<TestVault> {
  clock = new Date();
  const vault = await startVault({ now: () => clock, ...options });
  vaults.push(vault);
  return vault;
}

/** A vault, a service with a token, and Maria, enrolled, with one identity document. */
async function setUp(options: StartVaultOptions = {}) {
  const vault = await vaultWith(options);
  const service = await registerSealingService(vault);
  const api = serviceApi(vault, await serviceToken(vault, service, clock));
  const maria = await keyedResident(vault);
  const document = await storeEncrypted(maria, randomBytes(100_000));
  return { vault, service, api, maria, document };
}

const requestBody = (r: KeyedResident, overrides: Record<string, unknown> = {}) => ({
  nationalId: r.nationalId,
  categories: ['identity'],
  purpose: PURPOSE,
  legalBasis: 'public-task',
  retentionDays: 30,
  answerBy: daysAfter(clock, 14),
  ...overrides,
});

async function fileRequest(api: ServiceApi, r: KeyedResident, overrides = {}) {
  const res = await api.post<ServiceRequestResponse>('/requests', requestBody(r, overrides));
  expect(res.status, res.bytes.toString()).toBe(201);
  return res.body.request;
}

/** A granted identity document: request filed through the API, approved through storage. */
async function granted(options: StartVaultOptions = {}, grantOptions = {}) {
  const base = await setUp(options);
  const request = await fileRequest(base.api, base.maria);
  const grant = await grantRequest(
    base.vault,
    base.maria,
    base.service,
    request.id,
    [base.document],
    { now: clock, ...grantOptions },
  );
  const read = (purpose: string | null = PURPOSE, api = base.api) =>
    api.get(
      `/grants/${grant.id}/documents/${base.document.id}${purpose === null ? '' : `?purpose=${purpose}`}`,
    );
  return { ...base, request, grant, read };
}

const countRows = (vault: TestVault) => ({
  requests: vault.countRows('service_requests'),
  log: vault.countRows('log_entries'),
  documents: vault.countRows('documents'),
});

describe('requests', () => {
  it('files a request: 201 with its view, and request.created (service, purpose, legal basis) in the resident’s log', async () => {
    const { vault, service, api, maria } = await setUp();
    const res = await api.post<ServiceRequestResponse>('/requests', requestBody(maria));
    expect(res.status).toBe(201);
    expect(res.body.request).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'pending',
      categories: ['identity'],
      purpose: PURPOSE,
      legalBasis: 'public-task',
      retentionDays: 30,
      answerBy: daysAfter(clock, 14),
      createdAt: clock.toISOString(),
      answeredAt: null,
      grantId: null,
    });
    const events = await residentEvents(vault, maria.id);
    expect(events.at(-1)).toMatchObject({
      action: 'request.created',
      actor: { kind: 'service', id: service.id, name: service.record.name.en },
      purpose: { code: PURPOSE, text: 'Issue a residence certificate' },
      legalBasis: 'public-task',
      outcome: 'ok',
      detail: { request: res.body.request.id },
    });
  });

  it('refuses an unknown resident (404 ERR_UNKNOWN_RESIDENT), an unregistered purpose or legal basis (403 ERR_PURPOSE_NOT_ALLOWED), an answer-by date in the past or beyond 90 days (400), and stores and logs nothing', async () => {
    const { vault, api, maria } = await setUp();
    const before = countRows(vault);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ nationalId: 'TINIT-XXXXXX00X00X000X' }, 404, 'ERR_UNKNOWN_RESIDENT'],
      [{ purpose: 'marketing' }, 403, 'ERR_PURPOSE_NOT_ALLOWED'],
      [{ legalBasis: 'consent' }, 403, 'ERR_PURPOSE_NOT_ALLOWED'],
      [{ answerBy: daysAfter(clock, -1) }, 400, 'ERR_VALIDATION'],
      [{ answerBy: clock.toISOString() }, 400, 'ERR_VALIDATION'],
      [{ answerBy: daysAfter(clock, 90.01) }, 400, 'ERR_VALIDATION'],
      [{ categories: ['identity', 'identity'] }, 400, 'ERR_VALIDATION'],
      [{ nationalId: '../etc' }, 400, 'ERR_VALIDATION'],
    ];
    for (const [overrides, status, code] of cases) {
      const res = await api.post('/requests', requestBody(maria, overrides));
      expect([res.status, codeOf(res)], JSON.stringify(overrides)).toEqual([status, code]);
    }
    expect(countRows(vault)).toEqual(before);
    // The edge that is allowed: exactly 90 days ahead.
    expect(
      (await api.post('/requests', requestBody(maria, { answerBy: daysAfter(clock, 90) }))).status,
    ).toBe(201);
  });

  it('a request whose log entry cannot be written is 503 ERR_LOG_UNAVAILABLE and stores nothing; it is filed once the log is back', async () => {
    const { vault, api, maria } = await setUp();
    const before = countRows(vault);
    vault.sql(`CREATE TRIGGER fail_log_entries BEFORE INSERT ON log_entries
      BEGIN SELECT RAISE(ABORT, 'injected'); END`);
    try {
      const res = await api.post('/requests', requestBody(maria));
      expect([res.status, codeOf(res)]).toEqual([503, 'ERR_LOG_UNAVAILABLE']);
      expect(res.bytes.toString()).not.toContain('injected');
      expect(countRows(vault)).toEqual(before);
    } finally {
      vault.sql('DROP TRIGGER fail_log_entries');
    }
    expect((await api.post('/requests', requestBody(maria))).status).toBe(201);
  });

  it('a service sees its own request only: another service’s is 404 ERR_NOT_FOUND, like a missing one', async () => {
    const { vault, api, maria } = await setUp();
    const mine = await fileRequest(api, maria);
    const other = await registerSealingService(vault);
    const otherApi = serviceApi(vault, await serviceToken(vault, other, clock));
    const theirs = await otherApi.get(`/requests/${mine.id}`);
    const missing = await otherApi.get(`/requests/${randomUUID()}`);
    expect([theirs.status, codeOf(theirs)]).toEqual([404, 'ERR_NOT_FOUND']);
    expect(theirs.body).toEqual(missing.body);
    expect(theirs.bytes.toString()).not.toContain(maria.id);
    expect((await otherApi.get('/requests/not-an-id')).status).toBe(404);
    const own = await api.get<ServiceRequestResponse>(`/requests/${mine.id}`);
    expect([own.status, own.body.request]).toEqual([200, mine]);
  });

  it('shows a pending request past its answer-by date as expired, and an approved one with its grant id', async () => {
    const { vault, service, api, maria, document } = await setUp();
    const lapsing = await fileRequest(api, maria, {
      answerBy: new Date(clock.getTime() + 60_000).toISOString(),
    });
    const approved = await fileRequest(api, maria);
    const grant = await grantRequest(vault, maria, service, approved.id, [document], {
      now: clock,
    });
    const status = async (id: string) =>
      (await api.get<ServiceRequestResponse>(`/requests/${id}`)).body.request;
    expect(await status(approved.id)).toMatchObject({ status: 'approved', grantId: grant.id });
    expect((await status(lapsing.id)).status).toBe('pending');
    clock = new Date(clock.getTime() + 61_000);
    expect(await status(lapsing.id)).toMatchObject({ status: 'expired', grantId: null });
  });

  it('limits request creation per service (429 with Retry-After); another service keeps its own allowance', async () => {
    const { vault, api, maria } = await setUp({ env: { VAULT_RATE_LIMIT_SERVICE_REQUESTS: '2' } });
    await fileRequest(api, maria);
    await fileRequest(api, maria);
    const before = countRows(vault);
    const limited = await api.post('/requests', requestBody(maria));
    expect([limited.status, codeOf(limited)]).toEqual([429, 'ERR_RATE_LIMITED']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(countRows(vault)).toEqual(before);
    const other = await registerSealingService(vault);
    const otherApi = serviceApi(vault, await serviceToken(vault, other, clock));
    expect((await otherApi.post('/requests', requestBody(maria))).status).toBe(201);
  });
});

describe('grants and the key-released read', () => {
  it('lists the service’s grants with the documents sealed to it', async () => {
    const { api, grant, request, document } = await granted();
    const list = await api.get<ServiceGrantListResponse>('/grants');
    const one = await api.get<ServiceGrantResponse>(`/grants/${grant.id}`);
    expect(list.status).toBe(200);
    expect(list.body.grants).toEqual([one.body.grant]);
    expect(one.body.grant).toMatchObject({
      id: grant.id,
      requestId: request.id,
      status: 'active',
      purpose: PURPOSE,
      legalBasis: 'public-task',
      categories: ['identity'],
      standing: false,
      documents: [{ id: document.id, version: 1, category: 'identity', size: expect.any(Number) }],
    });
  });

  it('a read releases the ciphertext and the key sealed to the service, which decrypts it to the original; the resident’s log shows document.read with purpose and grant', async () => {
    const { vault, service, maria, document, grant, read } = await granted();
    const res = await read();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(Number(res.headers.get('content-length'))).toBe(res.bytes.length);
    const { prelude } = splitGranted(res.bytes);
    expect(prelude).toMatchObject({
      grantId: grant.id,
      documentId: document.id,
      ownerId: maria.id,
      version: 1,
      category: 'identity',
    });
    const opened = decryptGranted(res.bytes, service.sealing);
    expect(opened.plaintext.equals(document.plaintext)).toBe(true);
    expect(opened.metadata).toEqual(document.metadata);
    // Sealed to the service: the resident's own key pair does not open this copy of the key.
    expect(() =>
      decryptGranted(res.bytes, {
        publicKey: maria.keys.x25519PublicKey,
        secretKey: maria.keys.x25519SecretKey,
      }),
    ).toThrow(expect.objectContaining({ code: 'ERR_DECRYPT_FAILED' }));
    const last = (await residentEvents(vault, maria.id)).at(-1);
    expect(last).toMatchObject({
      action: 'document.read',
      actor: { kind: 'service', id: service.id, name: service.record.name.en },
      document: { id: document.id, category: 'identity', version: 1 },
      purpose: { code: PURPOSE, text: 'Issue a residence certificate' },
      legalBasis: 'public-task',
      grant: grant.id,
      outcome: 'ok',
    });
  });

  it('a read for another purpose, or none, is 403 ERR_GRANT_DENIED with no key bytes, and logged as access.denied', async () => {
    const { vault, service, maria, grant, read } = await granted();
    const [sealed] = await withVaultStorage(vault, (s) => s.listGrantKeys(grant.id));
    const sealedB64 = Buffer.from(sealed!.wrappedKey).toString('base64url');
    for (const purpose of [OTHER_PURPOSE, null, 'marketing']) {
      const before = await residentEvents(vault, maria.id);
      const res = await read(purpose);
      expect([res.status, codeOf(res)], String(purpose)).toEqual([403, 'ERR_GRANT_DENIED']);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.bytes.toString()).not.toContain(sealedB64);
      expect(res.bytes.includes(Buffer.from(sealed!.wrappedKey).subarray(0, 16))).toBe(false);
      const after = await residentEvents(vault, maria.id);
      expect(after.length).toBe(before.length + 1);
      expect(after.at(-1)).toMatchObject({
        action: 'access.denied',
        actor: { kind: 'service', id: service.id },
        grant: grant.id,
        purpose: { code: purpose ?? '' },
        outcome: 'denied',
        detail: { reason: 'purpose' },
      });
    }
  });

  it('another service’s grant, or a document outside the grant: 404 / 403, nothing released; only the service’s own grant is logged', async () => {
    const { vault, api, maria, grant, document } = await granted();
    const other = await registerSealingService(vault);
    const otherApi = serviceApi(vault, await serviceToken(vault, other, clock));
    const before = await residentEvents(vault, maria.id);
    const theirs = await otherApi.get(
      `/grants/${grant.id}/documents/${document.id}?purpose=${PURPOSE}`,
    );
    expect([theirs.status, codeOf(theirs)]).toEqual([404, 'ERR_NOT_FOUND']);
    expect((await otherApi.get(`/grants/${grant.id}`)).status).toBe(404);
    expect(await residentEvents(vault, maria.id)).toEqual(before);

    const tax = await storeEncrypted(maria, randomBytes(5000), 'tax', 'tax-return.pdf');
    const outside = await api.get(`/grants/${grant.id}/documents/${tax.id}?purpose=${PURPOSE}`);
    expect([outside.status, codeOf(outside)]).toEqual([403, 'ERR_GRANT_DENIED']);
    expect((await residentEvents(vault, maria.id)).at(-1)).toMatchObject({
      action: 'access.denied',
      document: { id: tax.id },
      grant: grant.id,
      detail: { reason: 'not-covered' },
    });
  });

  it('a disabled service is refused at once (401) and nothing is released or logged', async () => {
    const { vault, service, maria, read } = await granted();
    expect((await read()).status).toBe(200);
    await withVaultStorage(vault, (s) => s.setCityServiceEnabled(service.id, false, clock));
    const before = await residentEvents(vault, maria.id);
    const res = await read();
    expect([res.status, codeOf(res)]).toEqual([401, 'ERR_SERVICE_TOKEN_INVALID']);
    expect(res.bytes.length).toBeLessThan(400);
    expect(await residentEvents(vault, maria.id)).toEqual(before);
  });

  it('if the log entry cannot be written, the read fails with 503 ERR_LOG_UNAVAILABLE and releases nothing', async () => {
    const { vault, maria, read, document } = await granted();
    const before = await residentEvents(vault, maria.id);
    vault.sql(`CREATE TRIGGER fail_log_entries BEFORE INSERT ON log_entries
      BEGIN SELECT RAISE(ABORT, 'injected'); END`);
    try {
      const res = await read();
      expect([res.status, codeOf(res)]).toEqual([503, 'ERR_LOG_UNAVAILABLE']);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.bytes.toString()).not.toContain(document.id);
    } finally {
      vault.sql('DROP TRIGGER fail_log_entries');
    }
    expect(await residentEvents(vault, maria.id)).toEqual(before);
    expect((await read()).status).toBe(200);
  });

  it('revocation race: no read that starts after the revocation committed succeeds, and the log holds one document.read per success', async () => {
    const { vault, maria, grant, read } = await granted();
    const reads: { startedAt: number; status: number }[] = [];
    let revokedAt = Number.POSITIVE_INFINITY;
    let stop = false;
    const reader = async () => {
      while (!stop) {
        const startedAt = performance.now();
        const res = await read();
        reads.push({ startedAt, status: res.status });
        if (res.status !== 200) expect(codeOf(res)).toBe('ERR_GRANT_DENIED');
      }
    };
    const readers = Array.from({ length: 4 }, reader);
    // Let some reads succeed first, then revoke through storage as the resident's browser would.
    await vi.waitFor(
      () => expect(reads.filter((r) => r.status === 200).length).toBeGreaterThan(10),
      {
        timeout: 10_000,
        interval: 5,
      },
    );
    const outcome = await withVaultStorage(vault, async (s) => {
      const result = await s.revokeGrant(grant.id, maria.id, clock);
      revokedAt = performance.now();
      return result;
    });
    expect(outcome).toBe('revoked');
    // Keep reading until several reads have started after the revocation committed.
    await vi.waitFor(
      () => expect(reads.filter((r) => r.startedAt > revokedAt).length).toBeGreaterThan(10),
      {
        timeout: 10_000,
        interval: 5,
      },
    );
    stop = true;
    await Promise.all(readers);
    const after = reads.filter((r) => r.startedAt > revokedAt);
    const successes = reads.filter((r) => r.status === 200);
    expect(after.every((r) => r.status === 403)).toBe(true);
    expect(successes.every((r) => r.startedAt < revokedAt)).toBe(true);
    // The log tells the same story: one document.read per success, none for this grant after the keys went.
    const events = await residentEvents(vault, maria.id);
    expect(events.filter((e) => e.action === 'document.read').length).toBe(successes.length);
    expect(events.filter((e) => e.action === 'access.denied').length).toBe(
      reads.length - successes.length,
    );
    expect(await withVaultStorage(vault, (s) => s.listGrantKeys(grant.id))).toEqual([]);
  });

  it('expiry on a frozen clock: a grant past its date releases nothing, and the purge timer ends it with grant.expired', async () => {
    const start = new Date();
    const { vault, service, maria, grant, read } = await granted(
      { purgeIntervalMs: 25 },
      { expiresAt: new Date(start.getTime() + 10 * 60_000) },
    );
    expect((await read()).status).toBe(200);
    clock = new Date(grant.expiresAt.getTime() + 1000);
    // The token was issued on the old clock and has expired too: a new one, at the new time.
    const api = serviceApi(vault, await serviceToken(vault, service, clock));
    const res = await read(PURPOSE, api);
    expect([res.status, codeOf(res)]).toEqual([403, 'ERR_GRANT_DENIED']);
    await vi.waitFor(
      async () => {
        const events = await residentEvents(vault, maria.id);
        // The timer may end the grant before or after the refused read: either order is right.
        expect(events.find((e) => e.action === 'grant.expired')).toMatchObject({
          actor: { kind: 'system' },
          grant: grant.id,
          purpose: { code: PURPOSE, text: 'Issue a residence certificate' },
        });
      },
      { timeout: 5000, interval: 25 },
    );
    expect(await withVaultStorage(vault, (s) => s.listGrantKeys(grant.id))).toEqual([]);
    const view = await api.get<ServiceGrantResponse>(`/grants/${grant.id}`);
    expect(view.body.grant).toMatchObject({ status: 'expired', documents: [] });
    const events = await residentEvents(vault, maria.id);
    expect(events.filter((e) => e.action === 'grant.expired')).toHaveLength(1);
  });
});

describe('deposits', () => {
  async function deposit(
    api: ServiceApi,
    r: KeyedResident,
    content: Buffer,
    documentId = randomUUID(),
  ) {
    const prepared = await api.post<PrepareDepositResponse>('/deposits', {
      nationalId: r.nationalId,
    });
    expect(prepared.status).toBe(200);
    expect(prepared.body).toEqual({
      ownerId: r.id,
      x25519PublicKey: toBase64url(r.keys.x25519PublicKey),
    });
    const { body, chunks } = depositBody(r.nationalId, prepared.body, documentId, content, {
      name: 'certificate.pdf',
      type: 'application/pdf',
      size: content.length,
    });
    return { documentId, body, chunks };
  }

  it('a deposit is sealed to the resident: stored with its issuer, readable with their keys only, logged; a retry is 200', async () => {
    const { vault, service, api, maria } = await setUp();
    const content = randomBytes(70_000);
    const { documentId, body } = await deposit(api, maria, content);
    const res = await api.put<DepositResponse>(`/deposits/${documentId}`, body);
    expect([res.status, res.body]).toEqual([201, { documentId, ownerId: maria.id, version: 1 }]);
    const again = await api.put<DepositResponse>(`/deposits/${documentId}`, body);
    expect([again.status, again.body]).toEqual([200, res.body]);

    const list = await maria.client.get<DocumentListResponse>('/api/documents');
    const stored = list.body.documents.find((d) => d.id === documentId);
    expect(stored).toMatchObject({ category: 'residence', issuer: service.id });
    const content2 = await maria.client.requestBytes(
      'GET',
      `/api/documents/${documentId}/versions/1/content`,
    );
    const asGranted = frameBody(
      {
        documentId,
        version: 1,
        ownerId: maria.id,
        header: stored!.current.header,
        wrappedKey: stored!.current.wrappedKey,
        metadata: stored!.current.metadata,
      },
      [content2.bytes],
    );
    const opened = decryptGranted(asGranted, {
      publicKey: maria.keys.x25519PublicKey,
      secretKey: maria.keys.x25519SecretKey,
    });
    expect(opened.plaintext.equals(content)).toBe(true);
    expect(opened.metadata.name).toBe('certificate.pdf');
    const stranger = generateResidentKeys();
    let failure: unknown;
    try {
      decryptGranted(asGranted, {
        publicKey: stranger.x25519PublicKey,
        secretKey: stranger.x25519SecretKey,
      });
    } catch (error) {
      failure = error;
    }
    expect(isCryptoError(failure) && failure.code).toBe('ERR_DECRYPT_FAILED');

    const deposited = (await residentEvents(vault, maria.id)).filter(
      (e) => e.action === 'document.deposited',
    );
    expect(deposited).toEqual([
      expect.objectContaining({
        actor: { kind: 'service', id: service.id, name: service.record.name.en },
        document: { id: documentId, category: 'residence', version: 1 },
        outcome: 'ok',
      }),
    ]);
  });

  it('refuses a resident without keys (409 ERR_NOT_ENROLLED), bad framing (400 ERR_UPLOAD_FRAMING), a taken id (409), a full vault (409 ERR_QUOTA_EXCEEDED); nothing stored or logged', async () => {
    const { vault, api, maria } = await setUp({ env: { VAULT_QUOTA_BYTES: '300000' } });
    const luca = await keyedResident(vault, 'demo-luca-bianchi', { enrol: false });
    const notEnrolled = await api.post('/deposits', { nationalId: luca.nationalId });
    expect([notEnrolled.status, codeOf(notEnrolled)]).toEqual([409, 'ERR_NOT_ENROLLED']);
    const unknown = await api.post('/deposits', { nationalId: 'TINIT-NOBODY' });
    expect([unknown.status, codeOf(unknown)]).toEqual([404, 'ERR_UNKNOWN_RESIDENT']);

    const { documentId, body, chunks } = await deposit(api, maria, randomBytes(70_000));
    const before = countRows(vault);
    const prelude = body.subarray(0, 4 + body.readUInt32BE(0));
    const forLuca = Buffer.from(body);
    const lucaPrelude = JSON.parse(prelude.subarray(4).toString()) as Record<string, unknown>;
    const cases: [string, Buffer, number, string][] = [
      [
        'not enrolled',
        frameBody({ ...lucaPrelude, nationalId: luca.nationalId }, chunks),
        409,
        'ERR_NOT_ENROLLED',
      ],
      [
        'a chunk short',
        frameBody(lucaPrelude, [chunks[0]!.subarray(0, 1000), chunks[1]!]),
        400,
        'ERR_UPLOAD_FRAMING',
      ],
      ['no chunk', prelude, 400, 'ERR_UPLOAD_FRAMING'],
      [
        'prelude length past the body',
        Buffer.concat([Buffer.from([0, 1, 0, 0]), forLuca.subarray(4, 40)]),
        400,
        'ERR_UPLOAD_FRAMING',
      ],
      [
        'an unknown prelude field',
        frameBody({ ...lucaPrelude, issuer: 'me' }, chunks),
        400,
        'ERR_VALIDATION',
      ],
    ];
    for (const [label, bytes, status, code] of cases) {
      const res = await api.put(`/deposits/${documentId}`, bytes);
      expect([res.status, codeOf(res)], label).toEqual([status, code]);
    }
    expect((await api.put(`/deposits/${documentId.toUpperCase()}`, body)).status).toBe(400);
    const json = await api.call('PUT', `/deposits/${documentId}`, { json: {} });
    expect([json.status, codeOf(json)]).toEqual([415, 'ERR_UNSUPPORTED_MEDIA_TYPE']);
    expect(countRows(vault)).toEqual(before);

    // A taken id: Maria's own document's id.
    const mine = (await maria.client.get<DocumentListResponse>('/api/documents')).body
      .documents[0]!;
    const taken = await api.put(`/deposits/${mine.id}`, body);
    expect([taken.status, codeOf(taken)]).toEqual([409, 'ERR_VERSION_CONFLICT']);
    // Quota: 300,000 bytes; Maria holds ~100 KiB; two 70 KB deposits fit, the third does not.
    expect((await api.put(`/deposits/${documentId}`, body)).status).toBe(201);
    const second = await deposit(api, maria, randomBytes(70_000));
    expect((await api.put(`/deposits/${second.documentId}`, second.body)).status).toBe(201);
    const third = await deposit(api, maria, randomBytes(70_000));
    const full = await api.put(`/deposits/${third.documentId}`, third.body);
    expect([full.status, codeOf(full)]).toEqual([409, 'ERR_QUOTA_EXCEEDED']);
  });
});

describe('the OpenAPI document', () => {
  it('is served without authentication and describes exactly the routes the router has', async () => {
    const vault = await vaultWith();
    const res = await fetch(serviceUrl(vault, '/api/v1/service/openapi.json'));
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: {
        schemas: Record<string, { properties?: Record<string, { items?: { enum?: string[] } }> }>;
      };
    };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(await routedServiceRoutes()).toEqual(documented);
    const categories =
      doc.components.schemas['CreateServiceRequestBody']!.properties!['categories']!.items!.enum!;
    expect([...categories].sort()).toEqual([...DOCUMENT_CATEGORIES].sort());
  });
});

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: unknown;
}

/** Every `METHOD /path` the composed vault's router answers under /api/v1/service (OpenAPI syntax). */
async function routedServiceRoutes(): Promise<string[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-openapi-'));
  const composed = await composeVault(
    loadConfig({ VAULT_DATA_DIR: dataDir, VAULT_LOG_LEVEL: 'silent' }),
    createLogger('silent'),
    { webRoot: null },
  );
  try {
    const stack = (composed.app as unknown as { router: { stack: Layer[] } }).router.stack;
    const mount = stack.find((l) => l.rawPath === '/api/v1/service' && l.handle?.stack);
    if (!mount) throw new Error('the service API is not mounted at /api/v1/service');
    const found: string[] = [];
    const walk = (layers: Layer[]) => {
      for (const layer of layers) {
        if (layer.route) {
          for (const [method, on] of Object.entries(layer.route.methods)) {
            if (on && method !== '_all') {
              found.push(`${method.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
            }
          }
        } else if (layer.handle?.stack) {
          if (layer.rawPath !== '/' && layer.rawPath !== undefined) {
            // Sub-routers are mounted at the root; a mounted path would need prefixing here.
            if (layer.rawPath !== '/token')
              throw new Error(`unexpected mount ${String(layer.rawPath)}`);
          }
          walk(layer.handle.stack);
        }
      }
    };
    walk(mount.handle!.stack!);
    return [...new Set(found)].sort();
  } finally {
    await composed.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
