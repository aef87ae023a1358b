import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { compactVerify, importJWK } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  fromBase64url,
  generateResidentKeys,
  openDocumentKey,
  signCompactJws,
  sodiumReady,
  toBase64url,
} from '../../crypto/src/index.js';
import {
  CONSENT_COUNTERSIGNATURE_TYP,
  type ConsentCountersignaturePayload,
  type ConsentListResponse,
  type ConsentReceiptResponse,
  type ConsentResponse,
  type RequestDetailResponse,
  type RequestListResponse,
  type ResidentRequestView,
} from '../../server/src/contracts/consent.js';
import { CHUNK_FRAMING, type ServiceRequestRecord } from '../../server/src/storage/index.js';
import type {
  DocumentListResponse,
  DocumentResponse,
  DocumentView,
  ErrorBody,
  LogEntriesResponse,
} from '../../server/src/contracts/index.js';
import { withVaultStorage } from '../helpers/city-services.js';
import {
  approval,
  enrolledResident,
  fileRequest,
  openEvents,
  registerConsentService,
  storeDocument,
  type ApprovalOptions,
  type ConsentResident,
} from '../helpers/consent.js';
import type { TestResponse } from '../helpers/http-client.js';
import { startVault, type StartVaultOptions, type TestVault } from '../helpers/start-vault.js';

/**
 * The resident's side of consent (issue 5, DESIGN §6) over real HTTP against a real vault and
 * SQLite file: the requests inbox, approving with a receipt signed by the resident's own key and
 * countersigned by the vault, refusing, revoking, standing consents, and the live event stream.
 * Keys are real: documents are encrypted with crypto/, their keys unsealed and sealed to the
 * service as the browser does, and what the vault stores is opened with the service's key.
 */

const DAY = 86_400_000;
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

/** A vault, a service, a resident with an identity and a tax document, and a pending request. */
async function scene(options: StartVaultOptions = {}) {
  const vault = await vaultWith(options);
  const service = await registerConsentService(vault);
  const anna = await enrolledResident(vault);
  const identity = await storeDocument(anna, 'identity');
  const residence = await storeDocument(anna, 'residence');
  const tax = await storeDocument(anna, 'tax');
  const request = await fileRequest(vault, service, anna.id, clock);
  const approve = (options: Partial<ApprovalOptions> = {}, r: ServiceRequestRecord = request) =>
    approval(vault, anna, r, service, clock, { documents: [identity], ...options });
  return { vault, service, anna, identity, residence, tax, request, approve };
}

const code = (res: TestResponse) => (res.body as ErrorBody).error?.code;
const message = (res: TestResponse) => (res.body as ErrorBody).error?.message;

const post = (resident: ConsentResident, url: string, body: unknown = {}) =>
  resident.client.post<ConsentResponse>(url, body);

/** What a refusal must leave untouched: grants, sealed keys, log entries, request statuses. */
async function snapshot(vault: TestVault, residentId: string) {
  const requests = await withVaultStorage(vault, (s) => s.listResidentRequests(residentId, 100));
  return {
    grants: vault.countRows('grants'),
    keys: vault.countRows('grant_keys'),
    log: vault.countRows('log_entries'),
    requests: requests.map((r) => [r.id, r.status, r.answeredAt?.toISOString() ?? null]),
  };
}

/** The resident's log events, newest first, parsed from their leaves. */
async function logEvents(resident: ConsentResident): Promise<Record<string, unknown>[]> {
  const res = await resident.client.get<LogEntriesResponse>('/api/log/entries?limit=100');
  expect(res.status).toBe(200);
  return res.body.entries.map((e) => JSON.parse(e.leaf) as Record<string, unknown>);
}

describe('the requests inbox', () => {
  it('lists the resident’s requests newest first, with the service and purpose in both languages', async () => {
    const { vault, service, anna, request } = await scene();
    clock = new Date(clock.getTime() + 1000);
    const later = await fileRequest(vault, service, anna.id, clock, { categories: ['tax'] });
    const res = await anna.client.get<RequestListResponse>('/api/requests');
    expect(res.status).toBe(200);
    expect(res.body.requests.map((r) => r.id)).toEqual([later.id, request.id]);
    const view: ResidentRequestView = {
      id: request.id,
      status: 'pending',
      service: { id: service.record.id, name: service.record.name },
      categories: ['identity', 'residence'],
      purpose: {
        code: 'residence-certificate',
        text: {
          en: 'Issue a residence certificate',
          it: 'Rilasciare un certificato di residenza',
        },
      },
      legalBasis: 'public-task',
      retentionDays: 30,
      answerBy: request.answerBy.toISOString(),
      createdAt: request.createdAt.toISOString(),
      answeredAt: null,
      consentId: null,
    };
    expect(res.body.requests[1]).toEqual(view);
  });

  it('shows one request with the service’s sealing key and the documents in its categories, as the documents list does', async () => {
    const { anna, service, identity, residence, request } = await scene();
    const res = await anna.client.get<RequestDetailResponse>(`/api/requests/${request.id}`);
    expect(res.status).toBe(200);
    expect(res.body.request.id).toBe(request.id);
    expect(res.body.serviceX25519PublicKey).toBe(toBase64url(service.sealing.publicKey));
    const list = await anna.client.get<DocumentListResponse>('/api/documents');
    const listed = (id: string) => list.body.documents.find((d) => d.id === id);
    expect([...res.body.matchingDocuments].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [listed(identity.id), listed(residence.id)].sort((a, b) => a!.id.localeCompare(b!.id)),
    );
  });

  it('a document a service deposited names its issuer from the registry; the resident’s own name none', async () => {
    const { vault, anna, service, identity, request } = await scene();
    const deposited = randomUUID();
    const stored = await withVaultStorage(vault, (s) =>
      s.putVersion({
        residentId: anna.id,
        documentId: deposited,
        version: 1,
        category: 'residence',
        chunks: [randomBytes(CHUNK_FRAMING.minChunkBytes + 100)],
        header: randomBytes(24),
        wrappedKey: randomBytes(80),
        metadata: randomBytes(300),
        now: clock,
        limits: { quotaBytes: 2 ** 30, maxDocumentBytes: 2 ** 20 },
        issuer: service.record.id,
      }),
    );
    expect(stored.ok).toBe(true);
    const issuedBy = { id: service.record.id, name: service.record.name };
    const list = await anna.client.get<DocumentListResponse>('/api/documents');
    const byId = new Map(list.body.documents.map((d) => [d.id, d]));
    expect(byId.get(deposited)).toMatchObject({ issuer: service.record.id, issuedBy });
    expect(byId.get(identity.id)?.issuer).toBeNull();
    expect(byId.get(identity.id)?.issuedBy).toBeNull();
    const one = await anna.client.get<DocumentResponse>(`/api/documents/${deposited}`);
    expect(one.body.document.issuedBy).toEqual(issuedBy);
    const detail = await anna.client.get<RequestDetailResponse>(`/api/requests/${request.id}`);
    expect(detail.body.matchingDocuments.find((d) => d.id === deposited)?.issuedBy).toEqual(
      issuedBy,
    );
  });

  it('a pending request past its answer-by date is expired, and can be neither refused nor approved', async () => {
    const { vault, anna, service, approve } = await scene();
    const request = await fileRequest(vault, service, anna.id, clock, {
      answerBy: new Date(clock.getTime() + 10 * 60_000),
    });
    clock = new Date(request.answerBy.getTime() + 1000);
    const res = await anna.client.get<RequestDetailResponse>(`/api/requests/${request.id}`);
    expect(res.body.request.status).toBe('expired');
    const before = await snapshot(vault, anna.id);
    const refused = await post(anna, `/api/requests/${request.id}/refuse`);
    expect([refused.status, code(refused)]).toEqual([409, 'ERR_REQUEST_NOT_PENDING']);
    const approved = await post(anna, `/api/requests/${request.id}/approve`, approve({}, request));
    expect([approved.status, code(approved)]).toEqual([409, 'ERR_REQUEST_NOT_PENDING']);
    expect(await snapshot(vault, anna.id)).toEqual(before);
  });

  it('another resident’s request is 404 ERR_NOT_FOUND for reading, refusing and approving, and nothing changes', async () => {
    const { vault, anna, request, approve } = await scene();
    const bruno = await enrolledResident(vault, 'demo-luca-bianchi');
    const before = await snapshot(vault, anna.id);
    for (const res of [
      await bruno.client.get(`/api/requests/${request.id}`),
      await post(bruno, `/api/requests/${request.id}/refuse`),
      await post(bruno, `/api/requests/${request.id}/approve`, approve()),
      await bruno.client.get(`/api/requests/${randomUUID()}`),
      await bruno.client.get('/api/requests/not-an-id'),
    ]) {
      expect([res.status, code(res)]).toEqual([404, 'ERR_NOT_FOUND']);
    }
    expect((await bruno.client.get<RequestListResponse>('/api/requests')).body.requests).toEqual(
      [],
    );
    expect(await snapshot(vault, anna.id)).toEqual(before);
  });
});

describe('approving a request', () => {
  it('stores the grant with the keys sealed to the service, marks the request approved, logs it, and countersigns the receipt', async () => {
    const { vault, service, anna, identity, residence, request, approve } = await scene();
    const body = approve({ documents: [identity, residence] });
    const res = await post(anna, `/api/requests/${request.id}/approve`, body);
    expect(res.status).toBe(201);
    const consent = res.body.consent;
    expect(consent).toMatchObject({
      id: body.consentId,
      requestId: request.id,
      status: 'active',
      service: { id: service.record.id, name: service.record.name },
      purpose: { code: 'residence-certificate' },
      legalBasis: 'public-task',
      categories: ['identity', 'residence'],
      standing: false,
      expiresAt: new Date(body.expiresAt).toISOString(),
      endedAt: null,
      serviceX25519PublicKey: toBase64url(service.sealing.publicKey),
    });
    expect(consent.documents).toEqual([
      { id: identity.id, version: 1 },
      { id: residence.id, version: 1 },
    ]);

    // The service can open what was sealed for it: the same document key the resident holds.
    const keys = await withVaultStorage(vault, (s) => s.listGrantKeys(body.consentId));
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      const document = [identity, residence].find((d) => d.id === key.documentId)!;
      const forService = openDocumentKey(
        key.wrappedKey,
        service.sealing.publicKey,
        service.sealing.secretKey,
      );
      const forResident = openDocumentKey(
        fromBase64url(document.current.wrappedKey),
        anna.keys.x25519PublicKey,
        anna.keys.x25519SecretKey,
      );
      expect(Buffer.from(forService).equals(Buffer.from(forResident))).toBe(true);
    }

    const detail = await anna.client.get<RequestDetailResponse>(`/api/requests/${request.id}`);
    expect(detail.body.request).toMatchObject({
      status: 'approved',
      consentId: body.consentId,
      answeredAt: clock.toISOString(),
    });

    const [created] = await logEvents(anna);
    expect(created).toMatchObject({
      action: 'grant.created',
      actor: { kind: 'resident', id: anna.id },
      grant: body.consentId,
      legalBasis: 'public-task',
      purpose: { code: 'residence-certificate', text: 'Issue a residence certificate' },
      detail: { documents: 2, request: request.id, service: service.record.id },
    });

    // The receipt and the vault's countersignature, both checked with a standard JOSE library.
    const download = await anna.client.get<ConsentReceiptResponse>(
      `/api/consents/${body.consentId}/receipt`,
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="consent-${body.consentId}.json"`,
    );
    const { receipt, countersignature, vaultKey } = download.body;
    expect(receipt).toBe(body.receipt);
    expect(vaultKey).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(vaultKey).not.toHaveProperty('d');
    const counter = await compactVerify(countersignature, await importJWK(vaultKey, 'EdDSA'));
    expect(counter.protectedHeader).toEqual({
      alg: 'EdDSA',
      typ: CONSENT_COUNTERSIGNATURE_TYP,
      kid: vaultKey['kid'],
    });
    const claims = JSON.parse(
      Buffer.from(counter.payload).toString('utf8'),
    ) as ConsentCountersignaturePayload;
    expect(claims).toEqual({
      receiptSha256: createHash('sha256').update(receipt, 'ascii').digest('base64url'),
      consentId: body.consentId,
      countersignedAt: clock.toISOString(),
      vault: vault.origin,
    });
    const residentKey = await importJWK(
      { kty: 'OKP', crv: 'Ed25519', x: toBase64url(anna.keys.ed25519PublicKey) },
      'EdDSA',
    );
    const signed = await compactVerify(receipt, residentKey);
    expect(signed.protectedHeader).toEqual({ alg: 'EdDSA', typ: 'consent-receipt+jwt' });
    expect(JSON.parse(Buffer.from(signed.payload).toString('utf8'))).toMatchObject({
      receiptId: body.consentId,
      requestId: request.id,
      piiPrincipalId: anna.id,
    });

    // The receipt key is the vault's own file, 0600, apart from the log key.
    const keyFile = path.join(vault.dataDir, 'receipt-signer.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(keyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(vault.config.consent.receiptSignerKeyFile).not.toBe(
      vault.config.accessLog.signerKeyFile,
    );
  });

  it('approving twice is 409 ERR_REQUEST_NOT_PENDING, and the second changes nothing', async () => {
    const { vault, anna, request, approve } = await scene();
    expect((await post(anna, `/api/requests/${request.id}/approve`, approve())).status).toBe(201);
    const before = await snapshot(vault, anna.id);
    const again = await post(anna, `/api/requests/${request.id}/approve`, approve());
    expect([again.status, code(again)]).toEqual([409, 'ERR_REQUEST_NOT_PENDING']);
    expect(await snapshot(vault, anna.id)).toEqual(before);
  });

  it('refuses every receipt that does not say what the approval does: 400 ERR_RECEIPT_INVALID, nothing stored', async () => {
    const { vault, anna, identity, tax, request, approve } = await scene();
    const bruno = await enrolledResident(vault, 'demo-luca-bianchi');
    const other = await fileRequest(vault, await registerConsentService(vault), anna.id, clock);
    const before = await snapshot(vault, anna.id);
    const good = approve();
    const payloadOf = (jws: string) =>
      JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as unknown;
    const later = (ms: number) => new Date(clock.getTime() + ms);
    // [what is wrong, the check that must catch it, the approval body]
    const cases: [string, string, unknown][] = [
      [
        'signed with another key',
        'signature',
        approve({ signWith: generateResidentKeys().ed25519Seed }),
      ],
      ['signed by another resident', 'signature', approve({ signWith: bruno.keys.ed25519Seed })],
      [
        'signed with another typ',
        'signature',
        { ...good, receipt: signCompactJws(anna.keys.ed25519Seed, 'JWT', payloadOf(good.receipt)) },
      ],
      [
        'a tampered purpose',
        'purpose',
        approve({ tamper: (p) => void (p.purpose.text.en = 'Anything') }),
      ],
      [
        'a tampered legal basis',
        'legalBasis',
        approve({ tamper: (p) => void (p.legalBasis = 'consent') }),
      ],
      [
        'a tampered retention',
        'retentionDays',
        approve({ tamper: (p) => void (p.retentionDays = 3650) }),
      ],
      [
        'another controller',
        'piiController',
        approve({ tamper: (p) => void (p.piiController.id = 'tax-office') }),
      ],
      [
        'another request id',
        'requestId',
        approve({ tamper: (p) => void (p.requestId = other.id) }),
      ],
      [
        'another resident',
        'piiPrincipalId',
        approve({ tamper: (p) => void (p.piiPrincipalId = bruno.id) }),
      ],
      [
        'another vault',
        'vault',
        approve({ tamper: (p) => void (p.vault = 'https://vault.example') }),
      ],
      [
        'another receipt id',
        'receiptId',
        approve({ tamper: (p) => void (p.receiptId = randomUUID()) }),
      ],
      ['the receipt of another approval', 'receiptId', { ...good, receipt: approve().receipt }],
      [
        'categories outside the request',
        'categories',
        approve({ categories: ['identity', 'tax'] }),
      ],
      [
        'receipt categories other than the body’s',
        'categories',
        approve({ tamper: (p) => void (p.categories = ['identity']) }),
      ],
      [
        'receipt documents other than the body’s',
        'documents',
        approve({ tamper: (p) => void (p.documents = [{ id: tax.id, version: 1 }]) }),
      ],
      [
        'a document version other than the body’s',
        'documents',
        approve({ tamper: (p) => void (p.documents = [{ id: identity.id, version: 2 }]) }),
      ],
      [
        'standing in the receipt only',
        'standing',
        approve({ tamper: (p) => void (p.standing = true) }),
      ],
      [
        'expiresAt other than the body’s',
        'expiresAt',
        approve({ tamper: (p) => void (p.expiresAt = later(DAY).toISOString()) }),
      ],
      ['iat too old', 'iat', approve({ tamper: (p) => void (p.iat -= 11 * 60) })],
      ['iat in the future', 'iat', approve({ tamper: (p) => void (p.iat += 11 * 60) })],
      ['an extra field', 'fields', approve({ tamper: (p) => Object.assign(p, { note: 'extra' }) })],
      [
        'a missing field',
        'fields',
        approve({ tamper: (p) => void delete (p as Partial<typeof p>).standing }),
      ],
      [
        'another format version',
        'version',
        approve({ tamper: (p) => Object.assign(p, { version: 'v2' }) }),
      ],
      ['expiry in the past', 'expiresAt', approve({ expiresAt: later(-1000) })],
      ['expiry beyond the maximum', 'expiresAt', approve({ expiresAt: later(366 * DAY) })],
    ];
    for (const [label, reason, body] of cases) {
      const res = await post(anna, `/api/requests/${request.id}/approve`, body);
      expect([res.status, code(res)], label).toEqual([400, 'ERR_RECEIPT_INVALID']);
      expect(message(res), label).toContain(`(${reason})`);
    }
    expect(await snapshot(vault, anna.id)).toEqual(before);
    expect(vault.logs.filter((l) => l.msg === 'request approved: consent stored')).toEqual([]);
    // The same approval, honestly signed, still goes through.
    expect((await post(anna, `/api/requests/${request.id}/approve`, good)).status).toBe(201);
  });

  it('refuses documents that are not the resident’s or outside the granted categories, nothing stored', async () => {
    const { vault, anna, identity, tax, request, approve } = await scene();
    const bruno = await enrolledResident(vault, 'demo-luca-bianchi');
    const his = await storeDocument(bruno, 'identity');
    const before = await snapshot(vault, anna.id);
    // Receipts that say exactly what the body does: the storage's own checks refuse them.
    const cases: [unknown, number, string][] = [
      [approve({ documents: [{ ...identity, id: his.id }] }), 404, 'ERR_DOCUMENT_NOT_FOUND'],
      [approve({ documents: [{ ...identity, id: randomUUID() }] }), 404, 'ERR_DOCUMENT_NOT_FOUND'],
      [
        approve({ documents: [{ ...identity, current: { ...identity.current, version: 2 } }] }),
        404,
        'ERR_DOCUMENT_NOT_FOUND',
      ],
      [approve({ documents: [tax], categories: ['identity'] }), 400, 'ERR_VALIDATION'],
      [approve({ documents: [identity, identity] }), 400, 'ERR_VALIDATION'],
    ];
    for (const [body, status, errorCode] of cases) {
      const res = await post(anna, `/api/requests/${request.id}/approve`, body);
      expect([res.status, code(res)]).toEqual([status, errorCode]);
    }
    expect(await snapshot(vault, anna.id)).toEqual(before);
  });
});

describe('refusing a request', () => {
  it('marks it refused with a log entry and tells open pages; a second refusal is 409', async () => {
    const { vault, anna, service, request } = await scene();
    const res = await anna.client.post<{ request: ResidentRequestView }>(
      `/api/requests/${request.id}/refuse`,
    );
    expect(res.status).toBe(200);
    expect(res.body.request).toMatchObject({
      id: request.id,
      status: 'refused',
      answeredAt: clock.toISOString(),
      consentId: null,
    });
    const [refused] = await logEvents(anna);
    expect(refused).toMatchObject({
      action: 'request.refused',
      actor: { kind: 'resident', id: anna.id },
      purpose: { code: 'residence-certificate' },
      detail: { request: request.id, service: service.record.id },
    });
    const before = await snapshot(vault, anna.id);
    const again = await post(anna, `/api/requests/${request.id}/refuse`);
    expect([again.status, code(again)]).toEqual([409, 'ERR_REQUEST_NOT_PENDING']);
    expect(await snapshot(vault, anna.id)).toEqual(before);
    expect(vault.countRows('grants')).toBe(0);
  });
});

describe('consents', () => {
  async function approved(
    options: Partial<ApprovalOptions> = {},
    sceneOptions: StartVaultOptions = {},
  ) {
    const s = await scene(sceneOptions);
    const body = s.approve(options);
    const res = await post(s.anna, `/api/requests/${s.request.id}/approve`, body);
    expect(res.status).toBe(201);
    return { ...s, consentId: body.consentId };
  }

  it('are listed newest first with their status: active, revoked, expired', async () => {
    const { vault, anna, service, consentId } = await approved();
    clock = new Date(clock.getTime() + 1000);
    const second = await fileRequest(vault, service, anna.id, clock);
    const short = approval(vault, anna, second, service, clock, {
      documents: [],
      expiresAt: new Date(clock.getTime() + 60_000),
    });
    expect((await post(anna, `/api/requests/${second.id}/approve`, short)).status).toBe(201);
    let list = await anna.client.get<ConsentListResponse>('/api/consents');
    expect(list.body.consents.map((c) => [c.id, c.status])).toEqual([
      [short.consentId, 'active'],
      [consentId, 'active'],
    ]);
    expect((await post(anna, `/api/consents/${consentId}/revoke`)).status).toBe(200);
    clock = new Date(clock.getTime() + 120_000);
    list = await anna.client.get<ConsentListResponse>('/api/consents');
    expect(list.body.consents.map((c) => [c.id, c.status, c.documents])).toEqual([
      [short.consentId, 'expired', []],
      [consentId, 'revoked', []],
    ]);
  });

  it('revoking deletes the service’s keys at once, logs it, and a second revocation is 409', async () => {
    const { vault, anna, consentId } = await approved();
    expect(vault.countRows('grant_keys')).toBe(1);
    const res = await post(anna, `/api/consents/${consentId}/revoke`);
    expect(res.status).toBe(200);
    expect(res.body.consent).toMatchObject({
      id: consentId,
      status: 'revoked',
      endedAt: clock.toISOString(),
      documents: [],
    });
    expect(vault.countRows('grant_keys')).toBe(0);
    const [revoked] = await logEvents(anna);
    expect(revoked).toMatchObject({ action: 'grant.revoked', grant: consentId });
    const before = await snapshot(vault, anna.id);
    const again = await post(anna, `/api/consents/${consentId}/revoke`);
    expect([again.status, code(again)]).toEqual([409, 'ERR_GRANT_NOT_ACTIVE']);
    expect(await snapshot(vault, anna.id)).toEqual(before);
  });

  it('another resident’s consent is 404 for revoking, the receipt and keys; nothing changes', async () => {
    const { vault, anna, identity, consentId } = await approved({}, {});
    const bruno = await enrolledResident(vault, 'demo-luca-bianchi');
    const before = await snapshot(vault, anna.id);
    const keys = { documents: [{ id: identity.id, version: 1, wrappedKey: 'A'.repeat(107) }] };
    for (const res of [
      await post(bruno, `/api/consents/${consentId}/revoke`),
      await bruno.client.get(`/api/consents/${consentId}/receipt`),
      await post(bruno, `/api/consents/${consentId}/keys`, keys),
      await post(bruno, `/api/consents/${randomUUID()}/revoke`),
    ]) {
      expect([res.status, code(res)]).toEqual([404, 'ERR_NOT_FOUND']);
    }
    expect((await bruno.client.get<ConsentListResponse>('/api/consents')).body.consents).toEqual(
      [],
    );
    expect(await snapshot(vault, anna.id)).toEqual(before);
  });

  it('a standing consent takes later documents in its categories; a one-time one takes none', async () => {
    const { vault, anna, service, identity, tax, request, consentId } = await approved({
      standing: true,
    });
    const later = await storeDocument(anna, 'residence');
    const seal = (d: DocumentView) =>
      approval(vault, anna, request, service, clock, { documents: [d] }).documents[0]!;
    const added = await post(anna, `/api/consents/${consentId}/keys`, { documents: [seal(later)] });
    expect(added.status).toBe(200);
    expect(added.body.consent.documents).toEqual(
      expect.arrayContaining([
        { id: identity.id, version: 1 },
        { id: later.id, version: 1 },
      ]),
    );
    const [event] = await logEvents(anna);
    expect(event).toMatchObject({
      action: 'grant.keys-added',
      grant: consentId,
      detail: { documents: 1 },
    });

    const before = await snapshot(vault, anna.id);
    const outside = await post(anna, `/api/consents/${consentId}/keys`, { documents: [seal(tax)] });
    expect([outside.status, code(outside)]).toEqual([400, 'ERR_VALIDATION']);
    const missing = await post(anna, `/api/consents/${consentId}/keys`, {
      documents: [{ ...seal(later), id: randomUUID() }],
    });
    expect([missing.status, code(missing)]).toEqual([404, 'ERR_DOCUMENT_NOT_FOUND']);
    expect(await snapshot(vault, anna.id)).toEqual(before);

    // A one-time consent.
    const second = await fileRequest(vault, service, anna.id, clock);
    const once = approval(vault, anna, second, service, clock, { documents: [identity] });
    expect((await post(anna, `/api/requests/${second.id}/approve`, once)).status).toBe(201);
    const refused = await post(anna, `/api/consents/${once.consentId}/keys`, {
      documents: [seal(later)],
    });
    expect([refused.status, code(refused)]).toEqual([409, 'ERR_CONFLICT']);

    // A revoked standing consent takes nothing more.
    await post(anna, `/api/consents/${consentId}/revoke`);
    const ended = await post(anna, `/api/consents/${consentId}/keys`, { documents: [seal(later)] });
    expect([ended.status, code(ended)]).toEqual([409, 'ERR_GRANT_NOT_ACTIVE']);
  });
});

describe('cross-site requests', () => {
  it('a POST with a foreign Origin is 403 ERR_CSRF and changes nothing', async () => {
    const { vault, anna, request, approve } = await scene();
    const before = await snapshot(vault, anna.id);
    const foreign = { origin: 'https://attacker.example' };
    for (const res of [
      await anna.client.post(`/api/requests/${request.id}/refuse`, {}, foreign),
      await anna.client.post(`/api/requests/${request.id}/approve`, approve(), foreign),
      await anna.client.post(`/api/requests/${request.id}/refuse`, {}, { origin: '' }),
    ]) {
      expect([res.status, code(res)]).toEqual([403, 'ERR_CSRF']);
    }
    expect(await snapshot(vault, anna.id)).toEqual(before);
  });
});

describe('live events', () => {
  it('streams request and consent updates to the resident’s open page', async () => {
    const { anna, request, approve } = await scene();
    const stream = await openEvents(anna.client);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toBe('no-store');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.headers.get('content-encoding')).toBeNull();
    try {
      const body = approve();
      expect((await post(anna, `/api/requests/${request.id}/approve`, body)).status).toBe(201);
      await stream.next((e) => e.type === 'consent.updated' && e.consentId === body.consentId);
      expect(stream.events).toContainEqual({ type: 'request.updated', requestId: request.id });
      // Revoked in another request: the page hears of it.
      expect((await post(anna, `/api/consents/${body.consentId}/revoke`)).status).toBe(200);
      await stream.next(
        () => stream.events.filter((e) => e.type === 'consent.updated').length === 2,
      );
      expect(stream.events).toEqual([
        { type: 'request.updated', requestId: request.id },
        { type: 'consent.updated', consentId: body.consentId },
        { type: 'consent.updated', consentId: body.consentId },
      ]);
    } finally {
      stream.close();
    }
  });

  it('tells only the resident concerned: another resident’s stream hears nothing of it', async () => {
    const { vault, anna, request } = await scene();
    const bruno = await enrolledResident(vault, 'demo-luca-bianchi');
    const brunos = await openEvents(bruno.client);
    const annas = await openEvents(anna.client);
    try {
      expect((await post(anna, `/api/requests/${request.id}/refuse`)).status).toBe(200);
      await annas.next((e) => e.type === 'request.updated' && e.requestId === request.id);
      // Bruno's own refusal arrives on his stream after anything for him would have.
      const his = await fileRequest(vault, await registerConsentService(vault), bruno.id, clock);
      expect((await post(bruno, `/api/requests/${his.id}/refuse`)).status).toBe(200);
      await brunos.next((e) => e.type === 'request.updated' && e.requestId === his.id);
      expect(brunos.events).toEqual([{ type: 'request.updated', requestId: his.id }]);
    } finally {
      brunos.close();
      annas.close();
    }
  });

  it('sends heartbeats, and ends the stream once the session is signed out', async () => {
    const { anna } = await scene({ env: { VAULT_EVENTS_HEARTBEAT_MS: '20' } });
    const stream = await openEvents(anna.client);
    expect(stream.status).toBe(200);
    const cookie = anna.client.cookieHeader();
    const out = await anna.client.post('/api/auth/sign-out');
    expect(out.status).toBe(204);
    await stream.ended;
    expect(stream.comments).toBeGreaterThanOrEqual(1);
    const again = await fetch(new URL('/api/events', anna.client.origin), { headers: { cookie } });
    expect(again.status).toBe(401);
    await again.body?.cancel();
  });

  it('answers 429 past the per-resident cap of open streams, and 401 without a session', async () => {
    const { vault, anna } = await scene({ env: { VAULT_EVENTS_MAX_STREAMS: '2' } });
    const open = [await openEvents(anna.client), await openEvents(anna.client)];
    try {
      expect(open.map((s) => s.status)).toEqual([200, 200]);
      const third = await openEvents(anna.client);
      expect(third.status).toBe(429);
      expect(JSON.parse(await third.text)).toMatchObject({ error: { code: 'ERR_RATE_LIMITED' } });
      const anonymous = await fetch(new URL('/api/events', vault.origin));
      expect(anonymous.status).toBe(401);
      await anonymous.body?.cancel();
    } finally {
      for (const s of open) s.close();
    }
  });
});
