import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostgresStorage } from '../../server/src/storage/postgres/postgres-storage.js';
import {
  CHUNK_FRAMING,
  type GrantRecord,
  type LogAppend,
  type ReleaseResult,
  type ServiceRequestRecord,
} from '../../server/src/storage/ports.js';
import { makePostgresStorage } from '../helpers/postgres.js';

/**
 * Two vault nodes on one PostgreSQL (issue 7): two PostgresStorage instances, each with its own
 * pool, on one database. SQLite serialised every writer; these races are what the row locks and
 * atomic statements of city-services.ts and consent.ts are for. No fixed sleeps: each race is
 * started with both sides in flight and judged by what committed.
 */
describe('PostgreSQL consent and service auth across two nodes', () => {
  let node1: PostgresStorage;
  let node2: PostgresStorage;
  let cleanup: () => Promise<void>;
  const t0 = new Date('2026-11-28T10:00:00Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const bytes = (n: number) => new Uint8Array(randomBytes(n));

  beforeEach(async () => {
    const made = await makePostgresStorage();
    node1 = made.storage;
    node2 = await PostgresStorage.open(made.database.url, { poolSize: 4 });
    cleanup = async () => {
      await node2.close();
      await made.cleanup();
    };
  });
  afterEach(async () => {
    await cleanup();
  });

  const registerService = (id: string) =>
    node1.registerCityService({
      id,
      name: { en: id, it: id },
      purposes: [{ code: 'residence-certificate', text: { en: 'Certificate', it: 'Certificato' } }],
      legalBases: ['public-task'],
      authJwk: { kty: 'OKP', crv: 'Ed25519', x: randomBytes(32).toString('base64url') },
      authAlgorithm: 'EdDSA',
      authKeyId: randomUUID(),
      x25519PublicKey: bytes(32),
      enabled: true,
      createdAt: t0,
      updatedAt: t0,
    });

  /** An enrolled resident with one identity document; returns both ids. */
  const residentWithDocument = async (subject: string) => {
    const { id } = await node1.upsertResidentFromEid(
      {
        issuer: 'https://eid.example',
        subject,
        nationalId: null,
        displayName: subject,
        birthdate: null,
        acr: null,
      },
      t0,
    );
    const slot = {
      id: randomUUID(),
      residentId: id,
      kind: 'recovery' as const,
      credentialId: null,
      envelope: bytes(150),
      createdAt: t0,
    };
    const keys = {
      residentId: id,
      x25519PublicKey: bytes(32),
      ed25519PublicKey: bytes(32),
      secretKeysEnvelope: bytes(120),
      createdAt: t0,
    };
    expect(await node1.enrol(keys, [slot])).toBe('enrolled');
    const documentId = randomUUID();
    const stored = await node1.putVersion({
      residentId: id,
      documentId,
      version: 1,
      category: 'identity',
      chunks: [bytes(CHUNK_FRAMING.minChunkBytes + 100)],
      header: bytes(24),
      wrappedKey: bytes(80),
      metadata: bytes(300),
      now: t0,
      limits: { quotaBytes: 2 ** 20, maxDocumentBytes: 2 ** 20 },
    });
    if (!stored.ok) throw new Error(`putVersion refused: ${stored.reason}`);
    return { residentId: id, documentId };
  };

  const fileRequest = (residentId: string): Promise<ServiceRequestRecord> =>
    node1.createServiceRequest({
      id: randomUUID(),
      serviceId: 'registry-office',
      residentId,
      categories: ['identity'],
      purposeCode: 'residence-certificate',
      legalBasis: 'public-task',
      retentionDays: 30,
      answerBy: at(7 * 86_400),
      status: 'pending',
      createdAt: t0,
      answeredAt: null,
    });

  const grantFor = (request: ServiceRequestRecord, expiresAt = at(30 * 86_400)): GrantRecord => ({
    id: randomUUID(),
    requestId: request.id,
    serviceId: request.serviceId,
    residentId: request.residentId,
    purposeCode: request.purposeCode,
    legalBasis: request.legalBasis,
    categories: request.categories,
    standing: false,
    expiresAt,
    createdAt: at(60),
    receipt: 'eyJhbGciOiJFZERTQSJ9.receipt.sig',
    countersignature: 'eyJhbGciOiJFZERTQSJ9.counter.sig',
    endedAt: null,
    endReason: null,
  });
  const key = (documentId: string) => ({ documentId, version: 1, wrappedKey: bytes(80) });
  const entry = (residentId: string, action: string): LogAppend => ({
    residentId,
    at: t0,
    actorKind: 'service',
    actorId: 'registry-office',
    action,
    documentId: null,
    leaf: new Uint8Array(Buffer.from(`{"entry":"${randomUUID()}"}`)),
  });

  /** A resident, their document, an approved request and its grant (made on node 1). */
  const granted = async (subject = 'anna', expiresAt?: Date) => {
    const { residentId, documentId } = await residentWithDocument(subject);
    const request = await fileRequest(residentId);
    const result = await node1.createGrant(grantFor(request, expiresAt), [key(documentId)], at(60));
    if (!result.ok) throw new Error(`createGrant refused: ${result.reason}`);
    return { residentId, documentId, grant: result.grant };
  };

  it('a jti used on one node is refused on the other, however the uses interleave', async () => {
    await registerService('registry-office');
    const jtis = Array.from({ length: 20 }, () => randomUUID());
    // Each jti is presented three times on each node at once.
    const outcomes = await Promise.all(
      jtis.map(async (jti) => {
        const uses = [node1, node2, node1, node2, node1, node2].map((node) =>
          node.useServiceAssertion('registry-office', jti, at(300), at(0)),
        );
        return (await Promise.all(uses)).filter(Boolean).length;
      }),
    );
    expect(outcomes).toEqual(jtis.map(() => 1));
  });

  it('an expired jti record is taken over by exactly one of two nodes', async () => {
    await registerService('registry-office');
    const jtis = Array.from({ length: 20 }, () => randomUUID());
    for (const jti of jtis) {
      expect(await node1.useServiceAssertion('registry-office', jti, at(60), at(0))).toBe(true);
    }
    const outcomes = await Promise.all(
      jtis.map(async (jti) => {
        const uses = [node1, node2, node1, node2].map((node) =>
          node.useServiceAssertion('registry-office', jti, at(900), at(61)),
        );
        return (await Promise.all(uses)).filter(Boolean).length;
      }),
    );
    expect(outcomes).toEqual(jtis.map(() => 1));
  });

  it('a request is answered once: two approvals, or an approval and a refusal, on two nodes', async () => {
    await registerService('registry-office');
    const { residentId, documentId } = await residentWithDocument('anna');
    for (let round = 0; round < 10; round += 1) {
      const twice = await fileRequest(residentId);
      const approvals = await Promise.all([
        node1.createGrant(grantFor(twice), [key(documentId)], at(60)),
        node2.createGrant(grantFor(twice), [key(documentId)], at(60)),
      ]);
      expect(approvals.filter((r) => r.ok)).toHaveLength(1);
      expect(approvals.find((r) => !r.ok)).toEqual({ ok: false, reason: 'not-pending' });

      const contested = await fileRequest(residentId);
      const [approval, refusal] = await Promise.all([
        node1.createGrant(grantFor(contested), [key(documentId)], at(60)),
        node2.refuseServiceRequest(contested.id, residentId, at(60)),
      ]);
      const stored = await node1.getServiceRequest(contested.id);
      if (approval.ok) {
        expect(refusal).toBe('not-pending');
        expect(stored?.status).toBe('approved');
      } else {
        expect(approval).toEqual({ ok: false, reason: 'not-pending' });
        expect(refusal).toBe('refused');
        expect(stored?.status).toBe('refused');
        expect(await node1.getGrantByRequest(contested.id)).toBeNull();
      }
    }
  });

  it('a revocation on one node stops reads on the other at once; no read commits after it', async () => {
    await registerService('registry-office');
    const { residentId, documentId, grant } = await granted();
    const read = () =>
      node2.releaseGrantedDocument(
        {
          serviceId: 'registry-office',
          grantId: grant.id,
          documentId,
          purposeCode: 'residence-certificate',
          now: at(120),
        },
        (r: ReleaseResult) => (r.ok ? entry(residentId, 'document.read') : null),
      );

    // Node 2 reads without pause (four at a time) while node 1 revokes.
    let revoked = false;
    let okBefore = 0;
    const afterRevocation: ReleaseResult[] = [];
    const reader = async () => {
      while (afterRevocation.length < 40) {
        const startedAfterRevocation = revoked;
        const result = await read();
        if (startedAfterRevocation) afterRevocation.push(result);
        else if (result.ok) okBefore += 1;
      }
    };
    const readers = Array.from({ length: 4 }, reader);
    // Revoke once reads are flowing (a condition, not a sleep).
    const revocation = (async () => {
      while (okBefore < 5) await new Promise((resolve) => setImmediate(resolve));
      const outcome = await node1.revokeGrant(grant.id, residentId, at(120), (o) =>
        o === 'revoked' ? entry(residentId, 'grant.revoked') : null,
      );
      revoked = true;
      return outcome;
    })();
    expect(await revocation).toBe('revoked');
    await Promise.all(readers);

    expect(okBefore).toBeGreaterThanOrEqual(5);
    expect(afterRevocation.length).toBeGreaterThanOrEqual(40);
    expect(afterRevocation.every((r) => !r.ok && r.reason === 'ended')).toBe(true);
    // The log is in commit order: every key released was logged before the revocation.
    const log = await node1.listLogEntries(residentId, {}, 1000);
    const revokedAt = log.find((e) => e.action === 'grant.revoked')!.index;
    const reads = log.filter((e) => e.action === 'document.read');
    expect(reads).toHaveLength(okBefore);
    expect(reads.every((e) => e.index < revokedAt)).toBe(true);
    expect(await node2.listGrantKeys(grant.id)).toEqual([]);
  });

  it('a grant revoked on two nodes at once is revoked once, with one log entry', async () => {
    await registerService('registry-office');
    const { residentId, grant } = await granted();
    const revoke = (node: PostgresStorage) =>
      node.revokeGrant(grant.id, residentId, at(200), (o) =>
        o === 'revoked' ? entry(residentId, 'grant.revoked') : null,
      );
    const outcomes = await Promise.all([revoke(node1), revoke(node2)]);
    expect(outcomes.sort()).toEqual(['not-active', 'revoked']);
    const log = await node1.listLogEntries(residentId, {}, 10);
    expect(log.map((e) => e.action)).toEqual(['grant.revoked']);
  });

  it('two nodes expiring at once end and log each grant once', async () => {
    await registerService('registry-office');
    const grants = [];
    for (let i = 0; i < 8; i += 1) grants.push(await granted(`resident-${i}`, at(500)));
    const sweep = (node: PostgresStorage) =>
      node.expireGrants(at(600), (g) => entry(g.residentId, 'grant.expired'));
    const [first, second] = await Promise.all([sweep(node1), sweep(node2)]);
    const ended = [...first, ...second].map((g) => g.id).sort();
    expect(ended).toEqual(grants.map((g) => g.grant.id).sort());
    for (const { residentId, grant } of grants) {
      const log = await node1.listLogEntries(residentId, {}, 10);
      expect(log.map((e) => e.action)).toEqual(['grant.expired']);
      expect(await node1.getGrant(grant.id)).toMatchObject({ endReason: 'expired' });
      expect(await node2.listGrantKeys(grant.id)).toEqual([]);
    }
  });
});
