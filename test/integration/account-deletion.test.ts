import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { compactVerify, createLocalJWKSet } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateResidentKeys, sodiumReady, toBase64url } from '../../crypto/src/index.js';
import {
  DELETION_RECEIPT_TYP,
  type AccountDeletionReceiptPayload,
  type DeleteAccountResponse,
  type DocumentListResponse,
  type EnrolRequest,
  type ErrorBody,
  type KeySlotInput,
  type ReceiptKeysResponse,
  type ServiceGrantResponse,
  type ServiceRequestResponse,
} from '../../server/src/contracts/index.js';
import { DEMO_RESIDENTS } from '../../server/src/modules/local-eid/index.js';
import { withVaultStorage } from '../helpers/city-services.js';
import { HttpClient } from '../helpers/http-client.js';
import {
  codeOf,
  daysAfter,
  grantRequest,
  PURPOSE,
  registerSealingService,
  serviceApi,
  serviceToken,
  storeEncrypted,
  type KeyedResident,
  type ServiceApi,
  type StoredDocument,
} from '../helpers/service-api.js';
import { signInWithLocalEid } from '../helpers/sign-in.js';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';
import { startVault, type TestVault } from '../helpers/start-vault.js';
import { fakeKeys, fakeSlot, foundIn, registerPasskey } from '../helpers/vault-fixtures.js';

/**
 * Deleting an account (GDPR Art. 17, issue 6) over real HTTP against a real vault and SQLite file:
 * everything of the resident goes and nobody else's, a service's grant ends and its read is
 * refused, the receipt verifies with the vault's published receipt key, the guards (CSRF, Origin,
 * confirmation, recent sign-in) refuse with nothing deleted, and the raw database files keep no
 * copy of the deleted keys — without the test checkpointing anything itself.
 */

const vaults: TestVault[] = [];
let clock: Date;

beforeAll(async () => {
  await sodiumReady();
});

afterEach(async () => {
  await Promise.all(vaults.splice(0).map((v) => v.close()));
});

const CONFIRM = { confirm: 'delete-my-account' };

/** A signed-in resident with real keys, a passkey, two slots and two documents. */
interface Person extends KeyedResident {
  name: string;
  enrol: EnrolRequest;
  slots: KeySlotInput[];
  /** The passkey's COSE public key holds this P-256 x coordinate. */
  passkeyX: Buffer;
  credentialId: string;
  documents: StoredDocument[];
}

async function person(vault: TestVault, accountId: string): Promise<Person> {
  const client = new HttpClient(vault.origin);
  const me = await signInWithLocalEid(client, accountId);
  const credential = await registerPasskey(client, new SoftAuthenticator({ origin: vault.origin }));
  const keys = generateResidentKeys();
  const slots = [fakeSlot('passkey', credential.credentialIdB64), fakeSlot('recovery')];
  const enrol: EnrolRequest = {
    keys: {
      ...fakeKeys(),
      x25519PublicKey: toBase64url(keys.x25519PublicKey),
      ed25519PublicKey: toBase64url(keys.ed25519PublicKey),
    },
    slots,
  };
  const enrolled = await client.post('/api/vault/enrol', enrol);
  if (enrolled.status !== 201) throw new Error(`enrol answered ${enrolled.status}`);
  const demo = DEMO_RESIDENTS.find((r) => r.accountId === accountId)!;
  const p: Person = {
    client,
    id: me.body.resident.id,
    nationalId: demo.fiscalNumber,
    keys,
    name: me.body.resident.displayName,
    enrol,
    slots,
    passkeyX: Buffer.from(credential.publicKey.export({ format: 'jwk' }).x!, 'base64url'),
    credentialId: credential.credentialIdB64,
    documents: [],
  };
  p.documents.push(await storeEncrypted(p, randomBytes(70_000)));
  p.documents.push(await storeEncrypted(p, randomBytes(3_000)));
  return p;
}

/** The key bytes the vault stores for a person: none may survive their deletion. */
async function keyBytesOf(vault: TestVault, p: Person, grantIds: string[]) {
  const b = (text: string) => Buffer.from(text, 'base64url');
  const stored = await withVaultStorage(vault, async (s) => ({
    versions: await Promise.all(p.documents.map((d) => s.getDocument(p.id, d.id))),
    grantKeys: (await Promise.all(grantIds.map((id) => s.listGrantKeys(id)))).flat(),
  }));
  return {
    'wrapped document keys': stored.versions.map((v) =>
      Buffer.from(v!.document.current.wrappedKey),
    ),
    'metadata envelopes': stored.versions.map((v) => Buffer.from(v!.document.current.metadata)),
    'keys sealed to services': stored.grantKeys.map((k) => Buffer.from(k.wrappedKey)),
    'key-slot envelopes': p.slots.map((s) => b(s.envelope)),
    'public keys': [b(p.enrol.keys.x25519PublicKey), b(p.enrol.keys.ed25519PublicKey)],
    'secret-keys envelope': [b(p.enrol.keys.secretKeysEnvelope)],
    'passkey public key': [p.passkeyX],
    'passkey credential id': [Buffer.from(p.credentialId, 'utf8')],
    'name and national id': [Buffer.from(p.name, 'utf8'), Buffer.from(p.nationalId, 'utf8')],
  };
}

type Probes = Awaited<ReturnType<typeof keyBytesOf>>;

/** For each kind of probe, how many of its byte strings the raw database files hold. */
function onDisk(vault: TestVault, probes: Probes): Record<string, number> {
  const files = vault.rawDatabaseFiles();
  return Object.fromEntries(
    Object.entries(probes).map(([kind, list]) => [kind, foundIn(files, list).length]),
  );
}
const all = (probes: Probes) =>
  Object.fromEntries(Object.entries(probes).map(([kind, list]) => [kind, list.length]));
const none = (probes: Probes) => Object.fromEntries(Object.keys(probes).map((kind) => [kind, 0]));

/** A vault, a service, Maria and Luca, each with a granted document and Maria with a pending request. */
async function setUp() {
  clock = new Date();
  const vault = await startVault({ now: () => clock });
  vaults.push(vault);
  const service = await registerSealingService(vault);
  const api = serviceApi(vault, await serviceToken(vault, service, clock));
  const maria = await person(vault, 'demo-maria-rossi');
  const luca = await person(vault, 'demo-luca-bianchi');
  const grantOf = async (p: Person) => {
    const request = await fileRequest(api, p);
    return grantRequest(vault, p, service, request.id, [p.documents[0]!], { now: clock });
  };
  const mariaGrant = await grantOf(maria);
  const lucaGrant = await grantOf(luca);
  const pending = await fileRequest(api, maria);
  const read = (grantId: string, documentId: string) =>
    api.get(`/grants/${grantId}/documents/${documentId}?purpose=${PURPOSE}`);
  return { vault, service, api, maria, luca, mariaGrant, lucaGrant, pending, read };
}

async function fileRequest(api: ServiceApi, p: { nationalId: string }) {
  const res = await api.post<ServiceRequestResponse>('/requests', {
    nationalId: p.nationalId,
    categories: ['identity'],
    purpose: PURPOSE,
    legalBasis: 'public-task',
    retentionDays: 30,
    answerBy: daysAfter(clock, 14),
  });
  expect(res.status).toBe(201);
  return res.body.request;
}

/** What the database holds of everyone: compared before and after a refused deletion. */
function tableCounts(vault: TestVault) {
  return Object.fromEntries(
    [
      'residents',
      'eid_identities',
      'sessions',
      'passkeys',
      'resident_keys',
      'key_slots',
      'documents',
      'document_versions',
      'document_chunks',
      'service_requests',
      'grant_keys',
      'log_entries',
    ].map((t) => [t, vault.countRows(t)]),
  );
}

const residentRow = (vault: TestVault, id: string) => {
  const db = new Database(vault.config.databaseFile, { readonly: true });
  try {
    return db
      .prepare(
        'SELECT display_name, birthdate, national_id, acr, deleted_at FROM residents WHERE id = ?',
      )
      .get(id);
  } finally {
    db.close();
  }
};

describe('deleting an account', () => {
  it('deletes everything of the resident and nobody else’s, ends their grant, and answers with a receipt the published key verifies', async () => {
    const { vault, api, maria, luca, mariaGrant, lucaGrant, pending, read } = await setUp();
    expect((await read(mariaGrant.id, maria.documents[0]!.id)).status).toBe(200);
    const mariaProbes = await keyBytesOf(vault, maria, [mariaGrant.id]);
    const lucaProbes = await keyBytesOf(vault, luca, [lucaGrant.id]);
    // Positive control: before the deletion the search finds every one of Maria's byte strings.
    expect(onDisk(vault, mariaProbes)).toEqual(all(mariaProbes));
    const cookie = maria.client.cookieHeader();

    const res = await maria.client.post<DeleteAccountResponse>('/api/account/delete', CONFIRM);
    expect(res.status).toBe(200);

    // Raw files, read at once, with no checkpoint by the test: nothing of Maria's keys, name or
    // national id; all of Luca's (the search works).
    expect(onDisk(vault, mariaProbes)).toEqual(none(mariaProbes));
    expect(onDisk(vault, lucaProbes)).toEqual(all(lucaProbes));

    // Signed out: the cookie is cleared, and the old session is gone server-side.
    expect(res.setCookies.some((c) => /Max-Age=0/.test(c))).toBe(true);
    expect(maria.client.cookies.has(vault.config.cookieName)).toBe(false);
    const stale = await new HttpClient(vault.origin).request('GET', '/api/me', {
      headers: { cookie },
    });
    expect(stale.status).toBe(401);

    // The receipt verifies with the key the vault publishes, and says what happened.
    const jwks = await new HttpClient(vault.origin).get<ReceiptKeysResponse>('/receipt-keys');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys).toEqual([res.body.vaultKey]);
    const verified = await compactVerify(res.body.receipt, createLocalJWKSet(jwks.body));
    expect(verified.protectedHeader).toEqual({
      alg: 'EdDSA',
      typ: DELETION_RECEIPT_TYP,
      kid: res.body.vaultKey['kid'],
    });
    const payload = JSON.parse(
      Buffer.from(verified.payload).toString('utf8'),
    ) as AccountDeletionReceiptPayload;
    const entries = await withVaultStorage(vault, (s) => s.getLogEntries([payload.log.index]));
    const entry = entries[0]!;
    expect(payload).toEqual({
      version: 'cv-deletion-receipt/1',
      iss: vault.origin,
      sub: maria.id,
      iat: Math.floor(clock.getTime() / 1000),
      deletedAt: clock.toISOString(),
      deleted: {
        documents: 2,
        versions: 2,
        chunks: 3,
        wrappedKeys: 2,
        keySlots: 2,
        publicKeys: 2,
        passkeys: 1,
        sessions: 1,
        requests: 1,
        grantsEnded: 1,
        serviceKeys: 1,
        eidLinks: 1,
      },
      log: {
        origin: vault.config.accessLog.origin,
        index: entry.index,
        leafHash: createHash('sha256')
          .update(Buffer.from([0]))
          .update(entry.leaf)
          .digest('base64'),
      },
    });
    expect(entry).toMatchObject({ residentId: maria.id, action: 'account.deleted' });
    const event = JSON.parse(Buffer.from(entry.leaf).toString('utf8')) as Record<string, unknown>;
    expect(event).toMatchObject({
      action: 'account.deleted',
      resident: maria.id,
      actor: { kind: 'resident', id: maria.id, name: null },
      detail: payload.deleted,
    });

    // The log keeps Maria's earlier entries, pseudonymous: no name, no national id in any.
    const kept = await withVaultStorage(vault, (s) => s.listLogEntries(maria.id, {}, 1000));
    expect(kept.length).toBeGreaterThan(5);
    expect(kept[0]!.index).toBe(entry.index);
    for (const e of kept) {
      const leaf = Buffer.from(e.leaf).toString('utf8');
      expect(leaf).not.toContain('Maria');
      expect(leaf).not.toContain('Rossi');
      expect(leaf).not.toContain(maria.nationalId);
      expect(leaf).not.toContain(maria.nationalId.replace(/^TINIT-/, ''));
    }

    // What is left of Maria is her pseudonymous id.
    expect(residentRow(vault, maria.id)).toEqual({
      display_name: '',
      birthdate: null,
      national_id: null,
      acr: null,
      deleted_at: clock.getTime(),
    });

    // The service: the grant has ended, its read is refused, and Maria is unknown to it now.
    const denied = await read(mariaGrant.id, maria.documents[0]!.id);
    expect([denied.status, codeOf(denied)]).toEqual([403, 'ERR_GRANT_DENIED']);
    const grant = await api.get<ServiceGrantResponse>(`/grants/${mariaGrant.id}`);
    expect(grant.status).toBe(200);
    expect(grant.body.grant).toMatchObject({ status: 'revoked', documents: [] });
    const gone = await api.get(`/requests/${pending.id}`);
    expect([gone.status, codeOf(gone)]).toEqual([404, 'ERR_NOT_FOUND']);
    const unknown = await api.post('/requests', {
      nationalId: maria.nationalId,
      categories: ['identity'],
      purpose: PURPOSE,
      legalBasis: 'public-task',
      retentionDays: 30,
      answerBy: daysAfter(clock, 14),
    });
    expect([unknown.status, codeOf(unknown)]).toEqual([404, 'ERR_UNKNOWN_RESIDENT']);

    // Luca is untouched: signed in, his documents, and the service's read of his grant.
    const lucaDocs = await luca.client.get<DocumentListResponse>('/api/documents');
    expect(lucaDocs.status).toBe(200);
    expect(lucaDocs.body.documents.map((d) => d.id).sort()).toEqual(
      luca.documents.map((d) => d.id).sort(),
    );
    expect((await read(lucaGrant.id, luca.documents[0]!.id)).status).toBe(200);
    expect(residentRow(vault, luca.id)).toMatchObject({ national_id: luca.nationalId });

    // Signing in again with the same eID makes a new, empty account.
    const again = new HttpClient(vault.origin);
    const me = await signInWithLocalEid(again, 'demo-maria-rossi');
    expect(me.body.resident.id).not.toBe(maria.id);
    expect((await again.get<DocumentListResponse>('/api/documents')).body.documents).toEqual([]);
  });

  it('refuses a wrong or missing Origin, a form post, a missing confirmation, an old sign-in and no session, and deletes nothing', async () => {
    const { vault, maria } = await setUp();
    const before = tableCounts(vault);
    const refusals: [string, () => Promise<{ status: number; body: unknown }>, number, string][] = [
      [
        'another origin',
        () =>
          maria.client.request('POST', '/api/account/delete', {
            json: CONFIRM,
            headers: { origin: 'https://evil.example' },
          }),
        403,
        'ERR_CSRF',
      ],
      [
        'no Origin, cross-site fetch',
        () =>
          maria.client.request('POST', '/api/account/delete', {
            json: CONFIRM,
            headers: { origin: '', 'sec-fetch-site': 'cross-site' },
          }),
        403,
        'ERR_CSRF',
      ],
      [
        'an HTML form',
        () =>
          maria.client.request('POST', '/api/account/delete', {
            body: 'confirm=delete-my-account',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          }),
        415,
        'ERR_UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'no confirmation',
        () => maria.client.post('/api/account/delete', {}),
        400,
        'ERR_VALIDATION',
      ],
      [
        'a wrong confirmation',
        () => maria.client.post('/api/account/delete', { confirm: 'yes' }),
        400,
        'ERR_VALIDATION',
      ],
      [
        'no session',
        () => new HttpClient(vault.origin).post('/api/account/delete', CONFIRM),
        401,
        'ERR_UNAUTHENTICATED',
      ],
    ];
    for (const [label, act, status, code] of refusals) {
      const res = await act();
      expect([res.status, (res.body as ErrorBody).error?.code], label).toEqual([status, code]);
    }
    // Eleven minutes after the sign-in (the session is still live: idle expiry is 30 minutes).
    clock = new Date(clock.getTime() + 11 * 60_000);
    const old = await maria.client.post('/api/account/delete', CONFIRM);
    expect([old.status, (old.body as ErrorBody).error.code]).toEqual([403, 'ERR_REAUTH_REQUIRED']);
    expect(tableCounts(vault)).toEqual(before);
    expect(residentRow(vault, maria.id)).toMatchObject({ deleted_at: null });
    expect((await maria.client.get('/api/me')).status).toBe(200);

    // Signing in again is what it takes.
    const again = new HttpClient(vault.origin);
    await signInWithLocalEid(again, 'demo-maria-rossi');
    const fresh = await again.post('/api/account/delete', CONFIRM);
    expect(fresh.status).toBe(200);
    expect(residentRow(vault, maria.id)).toMatchObject({ deleted_at: clock.getTime() });
  });
});
