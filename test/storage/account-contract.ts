import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CHUNK_FRAMING,
  type AccountDeletionCounts,
  type GrantRecord,
  type LogAppend,
  type ServiceRequestRecord,
  type VaultStorage,
} from '../../server/src/storage/ports.js';

/**
 * The account-deletion part of the storage contract (GDPR Art. 17, issue 6): `deleteAccount`
 * removes everything of one resident, ends their grants, keeps the access log and appends its own
 * entry — all or nothing — and touches nobody else. Through the port only, with fixed clocks, so
 * every adapter runs it unchanged.
 */
export function describeAccountContract(
  name: string,
  makeStorage: () => Promise<{ storage: VaultStorage; cleanup: () => Promise<void> }>,
): void {
  describe(`storage contract (account deletion): ${name}`, () => {
    let storage: VaultStorage;
    let cleanup: () => Promise<void>;
    const t0 = new Date('2026-11-28T10:00:00Z');
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    const DAY = 86_400;
    const bytes = (n: number) => new Uint8Array(randomBytes(n));
    const LIMITS = { quotaBytes: 10 * 2 ** 20, maxDocumentBytes: 2 ** 20 };

    beforeEach(async () => {
      ({ storage, cleanup } = await makeStorage());
      await storage.registerCityService({
        id: 'registry-office',
        name: { en: 'Registry office', it: 'Anagrafe' },
        purposes: [
          { code: 'residence-certificate', text: { en: 'Certificate', it: 'Certificato' } },
        ],
        legalBases: ['public-task'],
        authJwk: { kty: 'OKP', crv: 'Ed25519', x: randomBytes(32).toString('base64url') },
        authAlgorithm: 'EdDSA',
        authKeyId: randomUUID(),
        x25519PublicKey: bytes(32),
        enabled: true,
        createdAt: t0,
        updatedAt: t0,
      });
    });
    afterEach(async () => {
      await cleanup();
    });

    const request = (
      residentId: string,
      overrides: Partial<ServiceRequestRecord> = {},
    ): Promise<ServiceRequestRecord> =>
      storage.createServiceRequest({
        id: randomUUID(),
        serviceId: 'registry-office',
        residentId,
        categories: ['identity'],
        purposeCode: 'residence-certificate',
        legalBasis: 'public-task',
        retentionDays: 30,
        answerBy: at(7 * DAY),
        status: 'pending',
        createdAt: t0,
        answeredAt: null,
        ...overrides,
      });

    const grantFor = (r: ServiceRequestRecord, expiresAt = at(30 * DAY)): GrantRecord => ({
      id: randomUUID(),
      requestId: r.id,
      serviceId: r.serviceId,
      residentId: r.residentId,
      purposeCode: r.purposeCode,
      legalBasis: r.legalBasis,
      categories: r.categories,
      standing: false,
      expiresAt,
      createdAt: at(60),
      receipt: 'eyJhbGciOiJFZERTQSJ9.receipt.sig',
      countersignature: 'eyJhbGciOiJFZERTQSJ9.counter.sig',
      endedAt: null,
      endReason: null,
    });

    /**
     * A resident with everything the vault can hold for one: an eID link with a national id, two
     * passkeys (one opening a key slot), two sessions, a registration challenge, keys and three
     * slots, two documents (one with two versions of two chunks), an upload in progress, and from
     * a service: a pending request, a refused one, an active grant with a sealed key and one that
     * is past its expiry but not yet marked expired.
     */
    const fullResident = async (subject: string) => {
      const nationalId = `TINIT-${subject.toUpperCase()}`;
      const resident = await storage.upsertResidentFromEid(
        {
          issuer: 'https://eid.example',
          subject,
          nationalId,
          displayName: `${subject} Rossi`,
          birthdate: '1985-08-01',
          acr: 'https://www.spid.gov.it/SpidL2',
        },
        t0,
      );
      const id = resident.id;
      const passkeys = [0, 1].map((i) => ({
        id: randomUUID(),
        residentId: id,
        credentialId: randomBytes(16).toString('base64url'),
        publicKey: bytes(77),
        counter: 0,
        transports: ['internal'],
        name: `Key ${i}`,
        backedUp: false,
        createdAt: t0,
        lastUsedAt: null,
      }));
      for (const p of passkeys) expect(await storage.addPasskey(p)).toBe(true);
      const sessions = [0, 1].map(() => ({
        idHash: randomUUID(),
        publicId: randomUUID(),
        residentId: id,
        method: 'eid' as const,
        userAgent: 'test',
        createdAt: t0,
        lastSeenAt: t0,
        absoluteExpiresAt: at(DAY),
      }));
      for (const s of sessions) await storage.createSession(s);
      const challenge = randomBytes(32).toString('base64url');
      await storage.saveChallenge({
        challenge,
        purpose: 'passkey.register',
        residentId: id,
        createdAt: t0,
        expiresAt: at(300),
      });
      const slot = (kind: 'recovery' | 'passphrase' | 'passkey', credentialId: string | null) => ({
        id: randomUUID(),
        residentId: id,
        kind,
        credentialId,
        envelope: bytes(150),
        createdAt: t0,
      });
      expect(
        await storage.enrol(
          {
            residentId: id,
            x25519PublicKey: bytes(32),
            ed25519PublicKey: bytes(32),
            secretKeysEnvelope: bytes(120),
            createdAt: t0,
          },
          [
            slot('recovery', null),
            slot('passphrase', null),
            slot('passkey', passkeys[0]!.credentialId),
          ],
        ),
      ).toBe('enrolled');
      const put = async (documentId: string, version: number, chunks: Uint8Array[]) => {
        const r = await storage.putVersion({
          residentId: id,
          documentId,
          version,
          category: 'identity',
          chunks,
          header: bytes(24),
          wrappedKey: bytes(80),
          metadata: bytes(300),
          now: t0,
          limits: LIMITS,
        });
        if (!r.ok) throw new Error(`putVersion refused: ${r.reason}`);
      };
      const twoChunks = () => [
        bytes(CHUNK_FRAMING.fullChunkBytes),
        bytes(CHUNK_FRAMING.minChunkBytes + 10),
      ];
      const passport = randomUUID();
      const certificate = randomUUID();
      await put(passport, 1, twoChunks());
      await put(passport, 2, twoChunks());
      await put(certificate, 1, [bytes(CHUNK_FRAMING.minChunkBytes + 100)]);
      const upload = await storage.createUpload({
        uploadId: randomUUID(),
        residentId: id,
        newDocument: true,
        documentId: randomUUID(),
        category: 'tax',
        size: CHUNK_FRAMING.minChunkBytes,
        chunkCount: 1,
        now: t0,
        expiresAt: at(3600),
        limits: LIMITS,
      });
      expect(upload.ok).toBe(true);

      const pending = await request(id);
      const refused = await request(id);
      expect(await storage.refuseServiceRequest(refused.id, id, at(10))).toBe('refused');
      const approved = await request(id);
      const grant = await storage.createGrant(
        grantFor(approved),
        [{ documentId: passport, version: 2, wrappedKey: bytes(80) }],
        at(60),
      );
      if (!grant.ok) throw new Error(`createGrant refused: ${grant.reason}`);
      const lapsedRequest = await request(id);
      const lapsed = await storage.createGrant(
        grantFor(lapsedRequest, at(2 * DAY)),
        [{ documentId: certificate, version: 1, wrappedKey: bytes(80) }],
        at(60),
      );
      if (!lapsed.ok) throw new Error(`createGrant refused: ${lapsed.reason}`);
      return {
        id,
        subject,
        nationalId,
        passkeys,
        sessions,
        challenge,
        documents: [passport, certificate],
        pending,
        refused,
        approved,
        grant: grant.grant,
        lapsedGrant: lapsed.grant,
      };
    };
    type Full = Awaited<ReturnType<typeof fullResident>>;

    /** Everything the port shows of a resident, to compare before and after. */
    const snapshot = async (r: Full, now: Date) => ({
      resident: await storage.getResident(r.id),
      byNationalId: (await storage.findResidentByNationalId(r.nationalId))?.id ?? null,
      vault: await storage.getVaultState(r.id, now),
      documents: await storage.listDocuments(r.id),
      details: await Promise.all(r.documents.map((d) => storage.getDocument(r.id, d))),
      chunks: await Promise.all(r.documents.map((d) => storage.readChunks(r.id, d, 1, 0, 10))),
      passkeys: await storage.listPasskeys(r.id),
      sessions: await storage.listSessions(r.id),
      requests: await storage.listResidentRequests(r.id, 100),
      grants: await storage.listResidentGrants(r.id, 100),
      grantKeys: await storage.listGrantKeys(r.grant.id),
      log: await storage.listLogEntries(r.id, {}, 1000),
    });

    const deletedEntry = (residentId: string, counts: AccountDeletionCounts): LogAppend => ({
      residentId,
      at: at(DAY * 3),
      actorKind: 'resident',
      actorId: residentId,
      action: 'account.deleted',
      documentId: null,
      leaf: new Uint8Array(Buffer.from(JSON.stringify({ deleted: counts }))),
    });

    it('deletes everything of the resident, ends their grants, and counts what went', async () => {
      const anna = await fullResident('anna');
      const now = at(3 * DAY); // the lapsed grant is past its expiry, not yet marked
      const logBefore = await storage.listLogEntries(anna.id, {}, 1000);
      const size = await storage.logSize();
      const audited: AccountDeletionCounts[] = [];

      const result = await storage.deleteAccount(anna.id, now, (counts) => {
        audited.push(counts);
        return deletedEntry(anna.id, counts);
      });

      const counts: AccountDeletionCounts = {
        documents: 3,
        versions: 4,
        chunks: 5,
        wrappedKeys: 3,
        keySlots: 3,
        publicKeys: 2,
        passkeys: 2,
        sessions: 2,
        requests: 2,
        grantsEnded: 1,
        serviceKeys: 2,
        eidLinks: 1,
      };
      expect(result).toEqual({
        ok: true,
        deletedAt: now,
        counts,
        logEntry: { ...deletedEntry(anna.id, counts), index: size },
        residueCleared: true,
      });
      expect(audited).toEqual([counts]);

      // Gone: the person, their keys, documents, ways in, and the requests nobody answered.
      expect(await storage.getResident(anna.id)).toBeNull();
      expect(await storage.findResidentByNationalId(anna.nationalId)).toBeNull();
      expect(await storage.getVaultState(anna.id, now)).toEqual({
        keys: null,
        slots: [],
        usedBytes: 0,
      });
      expect(await storage.listDocuments(anna.id)).toEqual([]);
      for (const d of anna.documents) {
        expect(await storage.getDocument(anna.id, d)).toBeNull();
        expect(await storage.readChunks(anna.id, d, 1, 0, 10)).toEqual([]);
      }
      expect(await storage.listPasskeys(anna.id)).toEqual([]);
      for (const p of anna.passkeys) {
        expect(await storage.findPasskeyByCredentialId(p.credentialId)).toBeNull();
      }
      expect(await storage.listSessions(anna.id)).toEqual([]);
      for (const s of anna.sessions) expect(await storage.findSession(s.idHash)).toBeNull();
      expect(await storage.takeChallenge(anna.challenge, 'passkey.register', t0)).toBeNull();
      expect(await storage.getServiceRequest(anna.pending.id)).toBeNull();
      expect(await storage.getServiceRequest(anna.refused.id)).toBeNull();

      // Kept, pseudonymous: the grants (ended, keyless) and the requests they answered.
      expect((await storage.getServiceRequest(anna.approved.id))?.status).toBe('approved');
      expect(await storage.getGrant(anna.grant.id)).toEqual({
        ...anna.grant,
        endedAt: now,
        endReason: 'revoked',
      });
      expect(await storage.getGrant(anna.lapsedGrant.id)).toEqual({
        ...anna.lapsedGrant,
        endedAt: now,
        endReason: 'expired',
      });
      expect(await storage.listGrantKeys(anna.grant.id)).toEqual([]);
      expect(await storage.listGrantKeys(anna.lapsedGrant.id)).toEqual([]);
      const read = await storage.releaseGrantedDocument({
        serviceId: 'registry-office',
        grantId: anna.grant.id,
        documentId: anna.documents[0]!,
        purposeCode: 'residence-certificate',
        now,
      });
      expect(read).toMatchObject({ ok: false, reason: 'ended' });

      // The log keeps every entry and ends with the deletion's own.
      expect(await storage.logSize()).toBe(size + 1);
      expect(await storage.listLogEntries(anna.id, {}, 1000)).toEqual([
        result.ok ? result.logEntry : null,
        ...logBefore,
      ]);

      // Once deleted, always deleted; the same eID identity makes a new, empty resident.
      expect(await storage.deleteAccount(anna.id, now)).toEqual({ ok: false, reason: 'not-found' });
      const again = await storage.upsertResidentFromEid(
        {
          issuer: 'https://eid.example',
          subject: anna.subject,
          nationalId: anna.nationalId,
          displayName: 'anna Rossi',
          birthdate: null,
          acr: null,
        },
        now,
      );
      expect(again.id).not.toBe(anna.id);
      expect(await storage.listDocuments(again.id)).toEqual([]);
      expect((await storage.getVaultState(again.id, now)).keys).toBeNull();
    });

    it('leaves every other resident exactly as they were', async () => {
      const anna = await fullResident('anna');
      const bruno = await fullResident('bruno');
      const now = at(DAY);
      const before = await snapshot(bruno, now);
      expect(before.documents).toHaveLength(2);

      const result = await storage.deleteAccount(anna.id, now);
      expect(result.ok).toBe(true);

      expect(await snapshot(bruno, now)).toEqual(before);
      const read = await storage.releaseGrantedDocument({
        serviceId: 'registry-office',
        grantId: bruno.grant.id,
        documentId: bruno.documents[0]!,
        purposeCode: 'residence-certificate',
        now,
      });
      expect(read.ok).toBe(true);
    });

    it('is all or nothing: an Audit that throws deletes nothing and appends nothing', async () => {
      const anna = await fullResident('anna');
      const now = at(DAY);
      const before = await snapshot(anna, now);
      const size = await storage.logSize();
      const injected = new Error('injected audit failure');

      await expect(
        storage.deleteAccount(anna.id, now, () => {
          throw injected;
        }),
      ).rejects.toBe(injected);

      expect(await snapshot(anna, now)).toEqual(before);
      expect(await storage.logSize()).toBe(size);
    });

    it('answers not-found for an unknown resident, without calling the Audit', async () => {
      const size = await storage.logSize();
      let called = false;
      expect(
        await storage.deleteAccount(randomUUID(), t0, () => {
          called = true;
          return null;
        }),
      ).toEqual({ ok: false, reason: 'not-found' });
      expect(called).toBe(false);
      expect(await storage.logSize()).toBe(size);
    });

    it('deletes a resident who never enrolled (nothing but a sign-in)', async () => {
      const { id } = await storage.upsertResidentFromEid(
        {
          issuer: 'https://eid.example',
          subject: 'carla',
          nationalId: 'TINIT-CARLA',
          displayName: 'Carla',
          birthdate: null,
          acr: null,
        },
        t0,
      );
      const result = await storage.deleteAccount(id, t0);
      expect(result).toMatchObject({
        ok: true,
        counts: {
          documents: 0,
          keySlots: 0,
          publicKeys: 0,
          passkeys: 0,
          sessions: 0,
          eidLinks: 1,
        },
        logEntry: null,
      });
      expect(await storage.getResident(id)).toBeNull();
    });
  });
}
