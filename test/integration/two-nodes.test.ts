import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../../crypto/src/index.js';
import type { ResidentEvent } from '../../server/src/contracts/consent.js';
import type {
  ConsentResponse,
  DocumentResponse,
  ErrorBody,
  LogIdentity,
  MeResponse,
  OAuthErrorBody,
  PasskeyListResponse,
  ServiceRequestResponse,
} from '../../server/src/contracts/index.js';
import type { ServiceRequestRecord } from '../../server/src/storage/index.js';
import {
  checkpointCovering,
  entriesOf,
  eventOf,
  outcomes,
  trustOf,
  verifyEntries,
} from '../helpers/access-log.js';
import { postToken, signAssertion, tokenForm, withVaultStorage } from '../helpers/city-services.js';
import { approval, openEvents } from '../helpers/consent.js';
import { HttpClient } from '../helpers/http-client.js';
import {
  codeOf,
  daysAfter,
  decryptGranted,
  keyedResident,
  PURPOSE,
  registerSealingService,
  serviceApi,
  serviceToken,
  storeEncrypted,
  type KeyedResident,
  type SealingService,
  type ServiceApi,
} from '../helpers/service-api.js';
import { followLocalEidToCallback, signInWithLocalEid } from '../helpers/sign-in.js';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';
import { startVaultNodes, type VaultNodes } from '../helpers/vault-nodes.js';

/*
 * Two vault nodes on one PostgreSQL database behind a round-robin load balancer (issue 7, DESIGN
 * §8), over real HTTP: nothing that matters may live in one node's memory. Requests go to the
 * nodes in turn through the test proxy (round-robin-proxy.ts); where a test needs a request on a
 * given node it pins it there and checks that the proxy sent it there. The eID is the local
 * stand-in on a server of its own (vault-nodes.ts): the city's eID is not one of the vault's nodes.
 */

let cluster: VaultNodes | undefined;

beforeAll(async () => {
  await sodiumReady();
});

afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

async function twoNodes(): Promise<VaultNodes> {
  cluster = await startVaultNodes({ count: 2 });
  return cluster;
}

/** Which nodes answered requests whose path starts with `prefix` (from the proxy's record). */
const nodesThatServed = (c: VaultNodes, prefix: string) =>
  new Set(c.proxy.handled.filter((r) => r.path.startsWith(prefix)).map((r) => r.node));

/** The node that answered the proxy's last request for `path` exactly. */
const lastNodeFor = (c: VaultNodes, route: string) =>
  c.proxy.handled.filter((r) => r.path === route).at(-1)?.node;

/** Resolves with `promise`, or fails naming `what` after `ms` (a deadline, not a pause). */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const requestBody = (r: KeyedResident) => ({
  nationalId: r.nationalId,
  categories: ['identity'],
  purpose: PURPOSE,
  legalBasis: 'public-task',
  retentionDays: 30,
  answerBy: daysAfter(new Date(), 14),
});

/** Maria signed in and enrolled, one document, a service with a token and a pending request. */
async function requested(c: VaultNodes) {
  const maria = await keyedResident(c);
  const document = await storeEncrypted(maria, randomBytes(70_000));
  const service = await registerSealingService(c);
  const api = serviceApi(c, await serviceToken(c, service));
  const filed = await api.post<ServiceRequestResponse>('/requests', requestBody(maria));
  expect(filed.status, filed.bytes.toString()).toBe(201);
  return { maria, document, service, api, requestId: filed.body.request.id };
}

/** The resident approves the request in one request pinned to `node`, as the browser does. */
async function approveOn(
  c: VaultNodes,
  node: number,
  maria: KeyedResident,
  service: SealingService,
  requestId: string,
  documentId: string,
): Promise<string> {
  const view = await maria.client.get<DocumentResponse>(`/api/documents/${documentId}`);
  expect(view.status).toBe(200);
  const request = (await withVaultStorage(c, (s) =>
    s.getServiceRequest(requestId),
  )) as ServiceRequestRecord;
  const body = approval(c, maria, request, service, new Date(), {
    documents: [view.body.document],
    categories: ['identity'],
  });
  const route = `/api/requests/${requestId}/approve`;
  const res = await maria.client.post<ConsentResponse>(route, body, c.pin(node));
  expect(res.status, res.text).toBe(201);
  expect(lastNodeFor(c, route)).toBe(node);
  return res.body.consent.id;
}

/** A granted read by the service (with its purpose), optionally pinned to a node. */
const readGranted = (
  c: VaultNodes,
  api: ServiceApi,
  grantId: string,
  documentId: string,
  node?: number,
) =>
  api.call('GET', `/grants/${grantId}/documents/${documentId}?purpose=${PURPOSE}`, {
    headers: node === undefined ? {} : c.pin(node),
  });

describe('two vault nodes on one PostgreSQL, round-robin', () => {
  it('the full loop: sign in, enrol and upload through both nodes; a service asks; the resident approves on node 2; the service reads through both; the resident’s log verifies', async () => {
    const c = await twoNodes();
    // Both nodes really are on PostgreSQL: neither made a SQLite file in the shared data dir.
    for (const node of [0, 1]) {
      const ready = await new HttpClient(c.origin).get<{ storage: string }>('/readyz', c.pin(node));
      expect([ready.status, ready.body.storage]).toEqual([200, 'postgres']);
    }
    expect(fs.existsSync(path.join(c.dataDir, 'vault.sqlite'))).toBe(false);
    const { maria, document, service, api, requestId } = await requested(c);
    // Sign-in, enrolment and upload went to both nodes in turn (the eID transaction and the
    // passkey challenge were made on one node and spent on the other).
    expect(nodesThatServed(c, '/api/')).toEqual(new Set([0, 1]));

    const grantId = await approveOn(c, 1, maria, service, requestId, document.id);
    const status = await api.get<ServiceRequestResponse>(`/requests/${requestId}`);
    expect(status.status).toBe(200);
    expect(status.body.request).toMatchObject({ status: 'approved', grantId });

    const reads = [];
    for (let i = 0; i < 4; i++) reads.push(await readGranted(c, api, grantId, document.id));
    for (const read of reads) {
      expect(read.status, read.bytes.toString().slice(0, 200)).toBe(200);
      expect(decryptGranted(read.bytes, service.sealing).plaintext.equals(document.plaintext)).toBe(
        true,
      );
    }
    expect(nodesThatServed(c, `/api/v1/service/grants/${grantId}/documents/`)).toEqual(
      new Set([0, 1]),
    );

    // The resident's browser: every entry, a signed checkpoint covering them, each proof checked.
    // Both nodes name the same log and key (the shared data dir), whichever answers.
    const identities = await Promise.all(
      [0, 1].map(
        async (node) => (await maria.client.get<LogIdentity>('/api/log', c.pin(node))).body,
      ),
    );
    expect(identities[1]).toEqual(identities[0]);
    const trust = await trustOf(maria.client);
    const entries = await entriesOf(maria.client, { strict: true });
    const actions = entries.map((e) => eventOf(e).action);
    expect(actions.filter((a) => a === 'document.read')).toHaveLength(4);
    expect(actions).toContain('grant.created');
    expect(actions).toContain('request.created');
    const newest = Math.max(...entries.map((e) => e.index));
    const { checkpoint } = await checkpointCovering(c, trust, newest + 1, 10_000);
    expect(await verifyEntries(maria.client, checkpoint, entries, { strict: true })).toEqual(
      outcomes(entries),
    );
  });

  it('a session made on node 1 works on node 2, and ended on node 2 it is refused on node 1', async () => {
    const c = await twoNodes();
    const client = new HttpClient(c.origin);
    const signedIn = await signInWithLocalEid(client, 'demo-maria-rossi', c.pin(0));
    expect(lastNodeFor(c, '/api/auth/eid/callback')).toBe(0);

    const me = await client.get<MeResponse>('/api/me', c.pin(1));
    expect(me.status, me.text).toBe(200);
    expect(lastNodeFor(c, '/api/me')).toBe(1);
    expect(me.body.resident.id).toBe(signedIn.body.resident.id);

    const cookies = new Map(client.cookies);
    const out = await client.post('/api/auth/sign-out', {}, c.pin(1));
    expect(out.status, out.text).toBe(204);
    // The old cookie, replayed on the node that made the session, opens nothing.
    for (const [name, value] of cookies) client.cookies.set(name, value);
    const replay = await client.get<ErrorBody>('/api/me', c.pin(0));
    expect([replay.status, replay.body.error?.code]).toEqual([401, 'ERR_UNAUTHENTICATED']);
    expect(lastNodeFor(c, '/api/me')).toBe(0);
  });

  it('a single-use value spent on one node is refused on the other: the eID transaction, a passkey challenge, a service assertion’s jti', async () => {
    const c = await twoNodes();

    // The eID transaction: redeemed on node 1, the same cookie and callback again on node 2.
    const client = new HttpClient(c.origin);
    const query = await followLocalEidToCallback(client, 'demo-maria-rossi', c.pin(0));
    const txCookie = client.cookies.get('cv_eid_tx');
    expect(txCookie).toBeDefined();
    const first = await client.post<MeResponse>('/api/auth/eid/callback', { query }, c.pin(0));
    expect(first.status, first.text).toBe(200);
    const stranger = new HttpClient(c.origin);
    stranger.cookies.set('cv_eid_tx', txCookie!);
    const again = await stranger.post<ErrorBody>('/api/auth/eid/callback', { query }, c.pin(1));
    expect(lastNodeFor(c, '/api/auth/eid/callback')).toBe(1);
    expect([again.status, again.body.error.code]).toEqual([400, 'ERR_EID_NO_TRANSACTION']);
    expect(again.setCookies.filter((line) => /^cv_session=/.test(line))).toEqual([]);

    // A passkey registration challenge: issued and answered on node 1, answered again on node 2.
    const options = await client.post<{ optionsJSON: PublicKeyCredentialCreationOptionsJSON }>(
      '/api/passkeys/options',
      {},
      c.pin(0),
    );
    expect(options.status).toBe(200);
    const authenticator = new SoftAuthenticator({ origin: c.origin });
    const registered = authenticator.register(options.body.optionsJSON);
    const added = await client.post(
      '/api/passkeys',
      { name: 'Laptop', response: registered.response },
      c.pin(0),
    );
    expect(added.status, added.text).toBe(201);
    const second = authenticator.register(options.body.optionsJSON);
    const refused = await client.post<ErrorBody>(
      '/api/passkeys',
      { name: 'Phone', response: second.response },
      c.pin(1),
    );
    expect(lastNodeFor(c, '/api/passkeys')).toBe(1);
    expect([refused.status, refused.body.error.code]).toEqual([400, 'ERR_PASSKEY_CHALLENGE']);
    const listed = await client.get<PasskeyListResponse>('/api/passkeys', c.pin(1));
    expect(listed.body.passkeys).toHaveLength(1);

    // A city service's client assertion: its jti spent on node 1, the same assertion on node 2.
    const service = await registerSealingService(c);
    const assertion = await signAssertion(c, service, { at: new Date() });
    const token = await postToken(c, tokenForm(assertion), c.pin(0));
    expect(token.status).toBe(200);
    const replay = await postToken<OAuthErrorBody>(c, tokenForm(assertion), c.pin(1));
    expect(lastNodeFor(c, '/api/v1/service/token')).toBe(1);
    expect([replay.status, replay.body.error, replay.body.code]).toEqual([
      401,
      'invalid_client',
      'ERR_SERVICE_AUTH_FAILED',
    ]);
    expect(replay.body).not.toHaveProperty('access_token');
  });

  it('a revocation on node 1 stops reads on node 2 at once: the very next read there is 403 ERR_GRANT_DENIED', async () => {
    const c = await twoNodes();
    const { maria, document, service, api, requestId } = await requested(c);
    const grantId = await approveOn(c, 0, maria, service, requestId, document.id);
    // Node 2 has served this grant (and could have remembered anything about it).
    expect((await readGranted(c, api, grantId, document.id, 1)).status).toBe(200);

    const revoked = await maria.client.post<ConsentResponse>(
      `/api/consents/${grantId}/revoke`,
      {},
      c.pin(0),
    );
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body.consent.status).toBe('revoked');

    const next = await readGranted(c, api, grantId, document.id, 1);
    expect(c.proxy.handled.at(-1)).toMatchObject({ node: 1, status: 403 });
    expect([next.status, codeOf(next)]).toEqual([403, 'ERR_GRANT_DENIED']);
    expect(next.headers.get('content-type')).toMatch(/^application\/json/);
    expect(next.bytes.length).toBeLessThan(1000); // an error body, no ciphertext, no key
    const onFirst = await readGranted(c, api, grantId, document.id, 0);
    expect([onFirst.status, codeOf(onFirst)]).toEqual([403, 'ERR_GRANT_DENIED']);
    expect(await withVaultStorage(c, (s) => s.listGrantKeys(grantId))).toEqual([]);
  });

  it('an event caused on node 1 reaches the resident’s live stream opened on node 2', async () => {
    const c = await twoNodes();
    const maria = await keyedResident(c);
    const stream = await openEvents(maria.client, c.pin(1));
    try {
      expect(stream.status).toBe(200);
      expect(lastNodeFor(c, '/api/events')).toBe(1);
      const service = await registerSealingService(c);
      const api = serviceApi(c, await serviceToken(c, service));
      const filed = await api.call<ServiceRequestResponse>('POST', '/requests', {
        json: requestBody(maria),
        headers: c.pin(0),
      });
      expect(filed.status, filed.bytes.toString()).toBe(201);
      expect(lastNodeFor(c, '/api/v1/service/requests')).toBe(0);
      const requestId = filed.body.request.id;
      const event = await within(
        stream.next((e) => e.type === 'request.created' && e.requestId === requestId),
        10_000,
        'request.created on the stream of node 2',
      );
      expect(event).toEqual({ type: 'request.created', requestId } satisfies ResidentEvent);
    } finally {
      stream.close();
    }
  });
});
