import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CityServiceRecord,
  LogAppend,
  ServiceKeys,
  ServiceRequestRecord,
  ServiceTokenRecord,
  VaultStorage,
} from '../../server/src/storage/ports.js';

/**
 * The city-services part of the storage contract (DESIGN §6): the registry, single-use assertion
 * ids and service access tokens. Like storage-contract.ts it talks to the store only through the
 * port, with fixed clocks, so every adapter runs it unchanged.
 */
export function describeCityServicesContract(
  name: string,
  makeStorage: () => Promise<{ storage: VaultStorage; cleanup: () => Promise<void> }>,
): void {
  describe(`storage contract (city services): ${name}`, () => {
    let storage: VaultStorage;
    let cleanup: () => Promise<void>;
    const t0 = new Date('2026-11-28T10:00:00Z');
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

    beforeEach(async () => {
      ({ storage, cleanup } = await makeStorage());
    });
    afterEach(async () => {
      await cleanup();
    });

    const keys = (): ServiceKeys => ({
      authJwk: { kty: 'OKP', crv: 'Ed25519', x: randomBytes(32).toString('base64url') },
      authAlgorithm: 'EdDSA',
      authKeyId: randomBytes(32).toString('base64url'),
      x25519PublicKey: new Uint8Array(randomBytes(32)),
    });
    const service = (
      id: string,
      overrides: Partial<CityServiceRecord> = {},
    ): CityServiceRecord => ({
      id,
      name: { en: `Registry office ${id}`, it: `Ufficio anagrafe ${id}` },
      purposes: [
        {
          code: 'residence-certificate',
          text: { en: 'Issue a residence certificate', it: 'Rilasciare un certificato' },
        },
      ],
      legalBases: ['public-task', 'legal-obligation'],
      ...keys(),
      enabled: true,
      createdAt: t0,
      updatedAt: t0,
      ...overrides,
    });
    const token = (serviceId: string, expiresInS = 300): ServiceTokenRecord => ({
      tokenHash: randomBytes(32).toString('hex'),
      serviceId,
      issuedAt: t0,
      expiresAt: at(expiresInS),
    });

    it('registers a service and reads every field back; a second registration of the id changes nothing', async () => {
      const registry = service('registry-office');
      expect(await storage.registerCityService(registry)).toBe('registered');
      expect(await storage.getCityService('registry-office')).toEqual(registry);
      const impostor = service('registry-office', { name: { en: 'Impostor', it: 'Impostore' } });
      expect(await storage.registerCityService(impostor)).toBe('exists');
      expect(await storage.getCityService('registry-office')).toEqual(registry);
      expect(await storage.getCityService('tax-office')).toBeNull();
    });

    it('lists services by id, enabled or not', async () => {
      await storage.registerCityService(service('tax-office'));
      await storage.registerCityService(service('registry-office', { enabled: false }));
      const listed = await storage.listCityServices();
      expect(listed.map((s) => [s.id, s.enabled])).toEqual([
        ['registry-office', false],
        ['tax-office', true],
      ]);
    });

    it('refuses a malformed client id', async () => {
      for (const id of ['', 'ab', 'Registry', 'has space', '-leading', 'x'.repeat(65), 'a/b']) {
        await expect(storage.registerCityService(service(id))).rejects.toThrow();
      }
      expect(await storage.listCityServices()).toEqual([]);
    });

    it('disabling locks a service out: its tokens are gone at once; enabling does not revive them', async () => {
      await storage.registerCityService(service('tax-office'));
      const issued = token('tax-office');
      await storage.saveServiceToken(issued);
      expect(await storage.findServiceToken(issued.tokenHash, at(1))).toEqual(issued);

      expect(await storage.setCityServiceEnabled('tax-office', false, at(2))).toBe(true);
      expect(await storage.findServiceToken(issued.tokenHash, at(3))).toBeNull();
      const disabled = await storage.getCityService('tax-office');
      expect(disabled?.enabled).toBe(false);
      expect(disabled?.updatedAt).toEqual(at(2));

      expect(await storage.setCityServiceEnabled('tax-office', true, at(4))).toBe(true);
      expect(await storage.findServiceToken(issued.tokenHash, at(5))).toBeNull();
      expect(await storage.setCityServiceEnabled('no-such-service', false, at(6))).toBe(false);
    });

    it('rotating keys replaces both keys and ends the tokens issued under the old one', async () => {
      await storage.registerCityService(service('school-board'));
      const issued = token('school-board');
      await storage.saveServiceToken(issued);
      const fresh = keys();
      expect(await storage.rotateCityServiceKeys('school-board', fresh, at(10))).toBe(true);
      const rotated = await storage.getCityService('school-board');
      expect(rotated).toMatchObject({ ...fresh, updatedAt: at(10), createdAt: t0 });
      expect(await storage.findServiceToken(issued.tokenHash, at(11))).toBeNull();
      expect(await storage.rotateCityServiceKeys('nobody', keys(), at(12))).toBe(false);
    });

    it('a token is found only while unexpired, and only by its own hash', async () => {
      await storage.registerCityService(service('tax-office'));
      const issued = token('tax-office', 300);
      await storage.saveServiceToken(issued);
      expect(await storage.findServiceToken(issued.tokenHash, at(299))).toEqual(issued);
      expect(await storage.findServiceToken(issued.tokenHash, at(300))).toBeNull();
      expect(await storage.findServiceToken('00'.repeat(32), at(1))).toBeNull();
    });

    it('an assertion id is accepted once per service until it expires', async () => {
      await storage.registerCityService(service('tax-office'));
      await storage.registerCityService(service('registry-office'));
      expect(await storage.useServiceAssertion('tax-office', 'jti-1', at(300), at(0))).toBe(true);
      expect(await storage.useServiceAssertion('tax-office', 'jti-1', at(300), at(1))).toBe(false);
      // Another service's jti space is its own.
      expect(await storage.useServiceAssertion('registry-office', 'jti-1', at(300), at(2))).toBe(
        true,
      );
      // After expiry the record no longer blocks (the assertion itself would be refused as expired).
      expect(await storage.useServiceAssertion('tax-office', 'jti-1', at(900), at(301))).toBe(true);
      expect(await storage.useServiceAssertion('tax-office', 'jti-1', at(900), at(302))).toBe(
        false,
      );
    });

    it('of 50 concurrent uses of one assertion id exactly one succeeds', async () => {
      await storage.registerCityService(service('tax-office'));
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, () =>
          storage.useServiceAssertion('tax-office', 'same-jti', at(300), at(0)),
        ),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
    });

    // --- requests -------------------------------------------------------------------------------

    const resident = async (subject: string) =>
      (
        await storage.upsertResidentFromEid(
          {
            issuer: 'https://eid.example',
            subject,
            nationalId: `RSSMRA80A01H501${subject.slice(-1).toUpperCase()}`,
            displayName: subject,
            birthdate: null,
            acr: null,
          },
          t0,
        )
      ).id;
    const request = (
      serviceId: string,
      residentId: string,
      overrides: Partial<ServiceRequestRecord> = {},
    ): ServiceRequestRecord => ({
      id: randomUUID(),
      serviceId,
      residentId,
      categories: ['identity', 'residence'],
      purposeCode: 'residence-certificate',
      legalBasis: 'public-task',
      retentionDays: 365,
      answerBy: at(7 * 86_400),
      status: 'pending',
      createdAt: t0,
      answeredAt: null,
      ...overrides,
    });
    const logEntry = (residentId: string, action: string): LogAppend => ({
      residentId,
      at: t0,
      actorKind: 'service',
      actorId: 'tax-office',
      action,
      documentId: null,
      leaf: new Uint8Array(Buffer.from(`{"entry":"${randomUUID()}"}`)),
    });

    it('files a request with its log entry, reads it back, lists a resident’s newest first', async () => {
      await storage.registerCityService(service('tax-office'));
      const anna = await resident('anna');
      const bruno = await resident('bruno');
      const first = request('tax-office', anna);
      const second = request('tax-office', anna, { createdAt: at(60) });
      const other = request('tax-office', bruno);
      expect(
        await storage.createServiceRequest(first, () => logEntry(anna, 'request.created')),
      ).toEqual(first);
      await storage.createServiceRequest(second);
      await storage.createServiceRequest(other);
      expect(await storage.getServiceRequest(first.id)).toEqual(first);
      expect(await storage.getServiceRequest(randomUUID())).toBeNull();
      expect((await storage.listResidentRequests(anna, 10)).map((r) => r.id)).toEqual([
        second.id,
        first.id,
      ]);
      expect(await storage.listResidentRequests(anna, 1)).toHaveLength(1);
      const logged = await storage.listLogEntries(anna, {}, 10);
      expect(logged.map((e) => e.action)).toEqual(['request.created']);
    });

    it('a request whose log entry cannot be built is not filed', async () => {
      await storage.registerCityService(service('tax-office'));
      const anna = await resident('anna');
      const doomed = request('tax-office', anna);
      await expect(
        storage.createServiceRequest(doomed, () => {
          throw new Error('no entry');
        }),
      ).rejects.toThrow('no entry');
      expect(await storage.getServiceRequest(doomed.id)).toBeNull();
    });

    it('a request names a registered service and an existing resident', async () => {
      await storage.registerCityService(service('tax-office'));
      const anna = await resident('anna');
      await expect(storage.createServiceRequest(request('nobody', anna))).rejects.toThrow();
      await expect(
        storage.createServiceRequest(request('tax-office', randomUUID())),
      ).rejects.toThrow();
      expect(await storage.listResidentRequests(anna, 10)).toEqual([]);
    });

    it('a resident refuses their own pending request once; not another’s, not a late one', async () => {
      await storage.registerCityService(service('tax-office'));
      const anna = await resident('anna');
      const bruno = await resident('bruno');
      const mine = request('tax-office', anna);
      const late = request('tax-office', anna, { answerBy: at(10) });
      await storage.createServiceRequest(mine);
      await storage.createServiceRequest(late);

      expect(await storage.refuseServiceRequest(mine.id, bruno, at(1))).toBe('not-found');
      expect((await storage.getServiceRequest(mine.id))?.status).toBe('pending');

      expect(
        await storage.refuseServiceRequest(mine.id, anna, at(2), (outcome) =>
          outcome === 'refused' ? logEntry(anna, 'request.refused') : null,
        ),
      ).toBe('refused');
      expect(await storage.getServiceRequest(mine.id)).toMatchObject({
        status: 'refused',
        answeredAt: at(2),
      });
      expect(await storage.refuseServiceRequest(mine.id, anna, at(3))).toBe('not-pending');
      expect(await storage.refuseServiceRequest(late.id, anna, at(10))).toBe('not-pending');
      expect((await storage.getServiceRequest(late.id))?.status).toBe('pending');
      expect(await storage.refuseServiceRequest(randomUUID(), anna, at(4))).toBe('not-found');
      const logged = await storage.listLogEntries(anna, {}, 10);
      expect(logged.map((e) => e.action)).toEqual(['request.refused']);
    });

    it('finds a resident by national identifier: the oldest account that carries it', async () => {
      const anna = await resident('anna');
      await storage.upsertResidentFromEid(
        {
          issuer: 'https://other-eid.example',
          subject: 'anna-again',
          nationalId: 'RSSMRA80A01H501A',
          displayName: 'Anna',
          birthdate: null,
          acr: null,
        },
        at(60),
      );
      expect((await storage.findResidentByNationalId('RSSMRA80A01H501A'))?.id).toBe(anna);
      expect(await storage.findResidentByNationalId('RSSMRA80A01H501Z')).toBeNull();
    });

    it('purges expired assertion ids and tokens, and only those', async () => {
      await storage.registerCityService(service('tax-office'));
      await storage.useServiceAssertion('tax-office', 'old', at(60), at(0));
      await storage.useServiceAssertion('tax-office', 'new', at(600), at(0));
      const old = token('tax-office', 60);
      const live = token('tax-office', 600);
      await storage.saveServiceToken(old);
      await storage.saveServiceToken(live);
      expect(await storage.purgeExpiredServiceAuth(at(61))).toBe(2);
      expect(await storage.findServiceToken(live.tokenHash, at(62))).toEqual(live);
      expect(await storage.useServiceAssertion('tax-office', 'new', at(600), at(63))).toBe(false);
      expect(await storage.purgeExpiredServiceAuth(at(62))).toBe(0);
    });
  });
}
