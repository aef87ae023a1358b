import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CHUNK_FRAMING,
  type CityServiceRecord,
  type DocumentCategory,
  type GrantKeyRecord,
  type GrantRecord,
  type LogAppend,
  type ReleaseResult,
  type ServiceRequestRecord,
  type VaultStorage,
} from '../../server/src/storage/ports.js';

/**
 * The consent part of the storage contract (DESIGN §1 promises 2 and 4, §6): grants, the keys
 * sealed to services, revocation, expiry and the key release of a service's read. Through the port
 * only, with fixed clocks, so every adapter runs it unchanged.
 */
export function describeConsentContract(
  name: string,
  makeStorage: () => Promise<{ storage: VaultStorage; cleanup: () => Promise<void> }>,
): void {
  describe(`storage contract (consent): ${name}`, () => {
    let storage: VaultStorage;
    let cleanup: () => Promise<void>;
    const t0 = new Date('2026-11-28T10:00:00Z');
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    const DAY = 86_400;
    const bytes = (n: number) => new Uint8Array(randomBytes(n));

    beforeEach(async () => {
      ({ storage, cleanup } = await makeStorage());
    });
    afterEach(async () => {
      await cleanup();
    });

    const registerService = async (id: string): Promise<CityServiceRecord> => {
      const service: CityServiceRecord = {
        id,
        name: { en: id, it: id },
        purposes: [
          { code: 'residence-certificate', text: { en: 'Certificate', it: 'Certificato' } },
          { code: 'marketing', text: { en: 'Newsletter', it: 'Notiziario' } },
        ],
        legalBases: ['public-task'],
        authJwk: { kty: 'OKP', crv: 'Ed25519', x: randomBytes(32).toString('base64url') },
        authAlgorithm: 'EdDSA',
        authKeyId: randomUUID(),
        x25519PublicKey: bytes(32),
        enabled: true,
        createdAt: t0,
        updatedAt: t0,
      };
      await storage.registerCityService(service);
      return service;
    };

    /** A resident enrolled in the vault (so that documents can be stored for them). */
    const enrolledResident = async (subject: string): Promise<string> => {
      const { id } = await storage.upsertResidentFromEid(
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
      const slot = (kind: 'recovery' | 'passphrase') => ({
        id: randomUUID(),
        residentId: id,
        kind,
        credentialId: null,
        envelope: bytes(150),
        createdAt: t0,
      });
      const enrolled = await storage.enrol(
        {
          residentId: id,
          x25519PublicKey: bytes(32),
          ed25519PublicKey: bytes(32),
          secretKeysEnvelope: bytes(120),
          createdAt: t0,
        },
        [slot('recovery'), slot('passphrase')],
      );
      expect(enrolled).toBe('enrolled');
      return id;
    };

    /** Stores a one-chunk document (version `version`) and returns its id. */
    const storeDocument = async (
      residentId: string,
      category: DocumentCategory,
      documentId: string = randomUUID(),
      version = 1,
    ): Promise<string> => {
      const result = await storage.putVersion({
        residentId,
        documentId,
        version,
        category,
        chunks: [bytes(CHUNK_FRAMING.minChunkBytes + 100)],
        header: bytes(24),
        wrappedKey: bytes(80),
        metadata: bytes(300),
        now: t0,
        limits: { quotaBytes: 10 * 2 ** 20, maxDocumentBytes: 2 ** 20 },
      });
      if (!result.ok) throw new Error(`putVersion refused: ${result.reason}`);
      return documentId;
    };

    const fileRequest = async (
      serviceId: string,
      residentId: string,
      overrides: Partial<ServiceRequestRecord> = {},
    ): Promise<ServiceRequestRecord> =>
      storage.createServiceRequest({
        id: randomUUID(),
        serviceId,
        residentId,
        categories: ['identity', 'residence'],
        purposeCode: 'residence-certificate',
        legalBasis: 'public-task',
        retentionDays: 30,
        answerBy: at(7 * DAY),
        status: 'pending',
        createdAt: t0,
        answeredAt: null,
        ...overrides,
      });

    const grantFor = (
      request: ServiceRequestRecord,
      overrides: Partial<GrantRecord> = {},
    ): GrantRecord => ({
      id: randomUUID(),
      requestId: request.id,
      serviceId: request.serviceId,
      residentId: request.residentId,
      purposeCode: request.purposeCode,
      legalBasis: request.legalBasis,
      categories: request.categories,
      standing: false,
      expiresAt: at(30 * DAY),
      createdAt: at(60),
      receipt: 'eyJhbGciOiJFZERTQSJ9.receipt.sig',
      countersignature: 'eyJhbGciOiJFZERTQSJ9.counter.sig',
      endedAt: null,
      endReason: null,
      ...overrides,
    });
    const key = (documentId: string, version = 1): GrantKeyRecord => ({
      documentId,
      version,
      wrappedKey: bytes(80),
    });
    const entry = (residentId: string, action: string): LogAppend => ({
      residentId,
      at: t0,
      actorKind: 'service',
      actorId: 'registry-office',
      action,
      documentId: null,
      leaf: new Uint8Array(Buffer.from(`{"entry":"${randomUUID()}"}`)),
    });
    const actions = async (residentId: string) =>
      (await storage.listLogEntries(residentId, {}, 100)).map((e) => e.action).reverse();

    /** A resident with an identity document, a request from registry-office and its grant. */
    const granted = async (overrides: Partial<GrantRecord> = {}) => {
      await registerService('registry-office');
      const resident = await enrolledResident('anna');
      const documentId = await storeDocument(resident, 'identity');
      const request = await fileRequest('registry-office', resident);
      const sealed = key(documentId);
      const result = await storage.createGrant(grantFor(request, overrides), [sealed], at(60));
      if (!result.ok) throw new Error(`createGrant refused: ${result.reason}`);
      return { resident, documentId, request, grant: result.grant, sealed };
    };
    const release = (
      grantId: string,
      documentId: string,
      now = at(120),
      overrides: { serviceId?: string; purposeCode?: string } = {},
      audit?: (r: ReleaseResult) => LogAppend | null,
    ) =>
      storage.releaseGrantedDocument(
        {
          serviceId: overrides.serviceId ?? 'registry-office',
          grantId,
          documentId,
          purposeCode: overrides.purposeCode ?? 'residence-certificate',
          now,
        },
        audit,
      );

    it('approving stores the grant and its keys, marks the request approved, logs it — together', async () => {
      await registerService('registry-office');
      const anna = await enrolledResident('anna');
      const id = await storeDocument(anna, 'identity');
      const request = await fileRequest('registry-office', anna);
      const grant = grantFor(request);
      const sealed = key(id);
      const result = await storage.createGrant(grant, [sealed], at(60), (r) =>
        r.ok ? entry(anna, 'grant.created') : null,
      );
      expect(result).toEqual({ ok: true, grant });
      expect(await storage.getGrant(grant.id)).toEqual(grant);
      expect(await storage.listGrantKeys(grant.id)).toEqual([sealed]);
      expect(await storage.getServiceRequest(request.id)).toMatchObject({
        status: 'approved',
        answeredAt: at(60),
      });
      expect(await storage.listResidentGrants(anna, 10)).toEqual([grant]);
      expect(await storage.getGrantByRequest(request.id)).toEqual(grant);
      expect(await storage.getGrantByRequest(randomUUID())).toBeNull();
      expect(await storage.listServiceGrants('registry-office', 10)).toEqual([grant]);
      expect(await actions(anna)).toEqual(['grant.created']);
    });

    it('refuses to approve what is not the resident’s or not pending, and changes nothing', async () => {
      await registerService('registry-office');
      const anna = await enrolledResident('anna');
      const bruno = await enrolledResident('bruno');
      const annaId = await storeDocument(anna, 'identity');
      const annaTax = await storeDocument(anna, 'tax');
      const brunoId = await storeDocument(bruno, 'identity');
      const pending = await fileRequest('registry-office', anna);
      const late = await fileRequest('registry-office', anna, { answerBy: at(30) });
      const cases: [GrantRecord, GrantKeyRecord[], string][] = [
        [grantFor(pending, { residentId: bruno }), [key(brunoId)], 'not-found'],
        [grantFor(late), [key(annaId)], 'not-pending'],
        [grantFor(pending), [key(brunoId)], 'document-not-found'],
        [grantFor(pending), [key(annaId, 2)], 'document-not-found'],
        [grantFor(pending), [key(randomUUID())], 'document-not-found'],
        [grantFor(pending), [key(annaTax)], 'category-not-granted'],
      ];
      for (const [grant, keys, reason] of cases) {
        expect(await storage.createGrant(grant, keys, at(60))).toEqual({ ok: false, reason });
        expect(await storage.getGrant(grant.id)).toBeNull();
      }
      expect((await storage.getServiceRequest(pending.id))?.status).toBe('pending');
      expect(await storage.listResidentGrants(anna, 10)).toEqual([]);
      // A grant id is used once, even for another request (the browser chooses it).
      const other = await fileRequest('registry-office', anna);
      const first = grantFor(pending);
      expect((await storage.createGrant(first, [key(annaId)], at(60))).ok).toBe(true);
      expect(await storage.createGrant({ ...grantFor(other), id: first.id }, [], at(60))).toEqual({
        ok: false,
        reason: 'id-taken',
      });
      expect((await storage.getServiceRequest(other.id))?.status).toBe('pending');
      // An answered request cannot be approved twice.
      expect(await storage.createGrant(grantFor(pending), [key(annaId)], at(61))).toEqual({
        ok: false,
        reason: 'not-pending',
      });
    });

    it('a read releases the sealed key with its log entry, in one transaction', async () => {
      const { resident, documentId, grant, sealed } = await granted();
      const result = await release(grant.id, documentId, at(120), {}, (r) =>
        r.ok ? entry(resident, 'document.read') : null,
      );
      if (!result.ok) throw new Error(result.reason);
      expect(result.wrappedKey).toEqual(sealed.wrappedKey);
      expect(result.version.version).toBe(1);
      expect(result.document.id).toBe(documentId);
      expect(result.grant).toEqual(grant);
      expect(await actions(resident)).toEqual(['document.read']);

      // If the entry cannot be built, no key leaves.
      await expect(
        release(grant.id, documentId, at(121), {}, () => {
          throw new Error('log unavailable');
        }),
      ).rejects.toThrow('log unavailable');
      expect(await actions(resident)).toEqual(['document.read']);
    });

    it('refuses reads outside the grant, and logs the denial when asked to', async () => {
      const { resident, documentId, grant } = await granted();
      const other = await storeDocument(resident, 'identity');
      await registerService('tax-office');
      const denial = (r: ReleaseResult) =>
        !r.ok && r.grant ? entry(r.grant.residentId, `access.denied:${r.reason}`) : null;
      const cases: [Promise<ReleaseResult>, string][] = [
        [release(grant.id, documentId, at(120), { purposeCode: 'marketing' }, denial), 'purpose'],
        [release(grant.id, other, at(120), {}, denial), 'not-covered'],
        [release(grant.id, documentId, at(120), { serviceId: 'tax-office' }, denial), 'not-found'],
        [release(randomUUID(), documentId, at(120), {}, denial), 'not-found'],
        [release(grant.id, documentId, grant.expiresAt, {}, denial), 'ended'],
      ];
      for (const [pending, reason] of cases) {
        const result = await pending;
        expect(result.ok).toBe(false);
        expect(!result.ok && result.reason).toBe(reason);
      }
      // Denials that concern the resident's grant are in their log; another service's is not
      // attributed to anyone.
      expect(await actions(resident)).toEqual([
        'access.denied:purpose',
        'access.denied:not-covered',
        'access.denied:ended',
      ]);
      expect(await storage.listGrantKeys(grant.id)).toHaveLength(1);
    });

    it('a disabled service gets no key', async () => {
      const { documentId, grant } = await granted();
      await storage.setCityServiceEnabled('registry-office', false, at(100));
      const result = await release(grant.id, documentId);
      expect(!result.ok && result.reason).toBe('service-disabled');
    });

    it('revocation ends the grant and deletes its keys at once; only the resident can revoke', async () => {
      const { resident, documentId, grant } = await granted();
      const bruno = await enrolledResident('bruno');
      expect(await storage.revokeGrant(grant.id, bruno, at(200))).toBe('not-found');
      expect(
        await storage.revokeGrant(grant.id, resident, at(200), (outcome) =>
          outcome === 'revoked' ? entry(resident, 'grant.revoked') : null,
        ),
      ).toBe('revoked');
      expect(await storage.getGrant(grant.id)).toMatchObject({
        endedAt: at(200),
        endReason: 'revoked',
      });
      expect(await storage.listGrantKeys(grant.id)).toEqual([]);
      const after = await release(grant.id, documentId, at(201));
      expect(!after.ok && after.reason).toBe('ended');
      expect(await storage.revokeGrant(grant.id, resident, at(202))).toBe('not-active');
      expect(await actions(resident)).toEqual(['grant.revoked']);
    });

    it('no read submitted after a revocation gets a key, whatever batch it shares', async () => {
      const { resident, documentId, grant } = await granted();
      const before = Array.from({ length: 20 }, () => release(grant.id, documentId, at(300)));
      const revoked = storage.revokeGrant(grant.id, resident, at(300));
      const after = Array.from({ length: 20 }, () => release(grant.id, documentId, at(300)));
      expect(await revoked).toBe('revoked');
      const early = await Promise.all(before);
      const late = await Promise.all(after);
      expect(early.every((r) => r.ok)).toBe(true);
      expect(late.filter((r) => r.ok)).toHaveLength(0);
    });

    it('expiry ends grants past their date, deletes their keys, logs each once', async () => {
      const { resident, documentId, grant } = await granted({ expiresAt: at(500) });
      expect(await storage.expireGrants(at(499))).toEqual([]);
      const ended = await storage.expireGrants(at(500), (g) =>
        entry(g.residentId, 'grant.expired'),
      );
      expect(ended.map((g) => [g.id, g.endReason, g.endedAt])).toEqual([
        [grant.id, 'expired', at(500)],
      ]);
      expect(await storage.listGrantKeys(grant.id)).toEqual([]);
      expect(
        await storage.expireGrants(at(600), (g) => entry(g.residentId, 'grant.expired')),
      ).toEqual([]);
      expect(await actions(resident)).toEqual(['grant.expired']);
      const read = await release(grant.id, documentId, at(601));
      expect(!read.ok && read.reason).toBe('ended');
    });

    it('a standing grant takes keys for new documents in its categories, newer versions replace older', async () => {
      const { resident, grant } = await granted({ standing: true });
      const later = await storeDocument(resident, 'residence');
      const tax = await storeDocument(resident, 'tax');
      expect(await storage.addGrantKeys(grant.id, resident, [key(later)], at(200))).toBe('added');
      expect(await storage.addGrantKeys(grant.id, resident, [key(tax)], at(200))).toBe(
        'category-not-granted',
      );
      await storeDocument(resident, 'residence', later, 2);
      const v2 = key(later, 2);
      expect(await storage.addGrantKeys(grant.id, resident, [v2], at(210))).toBe('added');
      // An older version does not replace a newer one.
      expect(await storage.addGrantKeys(grant.id, resident, [key(later, 1)], at(220))).toBe(
        'added',
      );
      const keys = await storage.listGrantKeys(grant.id);
      expect(keys.find((k) => k.documentId === later)).toEqual(v2);
      const read = await release(grant.id, later, at(230));
      expect(read.ok && read.version.version).toBe(2);

      const bruno = await enrolledResident('bruno');
      expect(await storage.addGrantKeys(grant.id, bruno, [key(later)], at(240))).toBe('not-found');
      await storage.revokeGrant(grant.id, resident, at(250));
      expect(await storage.addGrantKeys(grant.id, resident, [v2], at(260))).toBe('not-active');
    });

    it('a one-time grant takes no later keys', async () => {
      const { resident, grant } = await granted();
      const later = await storeDocument(resident, 'residence');
      expect(await storage.addGrantKeys(grant.id, resident, [key(later)], at(200))).toBe(
        'not-standing',
      );
    });

    it('a deposited document names the service that issued it', async () => {
      await registerService('registry-office');
      const anna = await enrolledResident('anna');
      const documentId = randomUUID();
      const result = await storage.putVersion({
        residentId: anna,
        documentId,
        version: 1,
        category: 'residence',
        chunks: [bytes(CHUNK_FRAMING.minChunkBytes + 10)],
        header: bytes(24),
        wrappedKey: bytes(80),
        metadata: bytes(300),
        now: t0,
        limits: { quotaBytes: 2 ** 20, maxDocumentBytes: 2 ** 20 },
        issuer: 'registry-office',
      });
      expect(result.ok && result.document.issuer).toBe('registry-office');
      const own = await storeDocument(anna, 'identity');
      const listed = await storage.listDocuments(anna);
      expect(listed.find((d) => d.id === documentId)?.issuer).toBe('registry-office');
      expect(listed.find((d) => d.id === own)?.issuer).toBeNull();
    });

    it('deleting a document deletes the keys sealed for it (crypto-shredding)', async () => {
      const { resident, documentId, grant } = await granted();
      expect(await storage.deleteDocument(resident, documentId)).toBe(true);
      expect(await storage.listGrantKeys(grant.id)).toEqual([]);
      const read = await release(grant.id, documentId);
      expect(!read.ok && read.reason).toBe('not-covered');
    });
  });
}
