import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ChallengeRecord,
  EidIdentityInput,
  OidcTransactionRecord,
  PasskeyRecord,
  ResidentRecord,
  SessionRecord,
  VaultStorage,
} from '../../server/src/storage/ports.js';

/**
 * The storage contract suite (STYLE §10): every {@link VaultStorage} adapter must pass it unchanged.
 * It talks to the store only through the port, never through SQL, so a PostgreSQL adapter reuses it
 * as is. Times are fixed `Date`s: the port takes the clock as an argument, so nothing here sleeps.
 *
 * `makeStorage` is called once per test and must return an empty store; `cleanup` releases it.
 */
export function describeStorageContract(
  name: string,
  makeStorage: () => Promise<{ storage: VaultStorage; cleanup: () => Promise<void> }>,
): void {
  describe(`storage contract: ${name}`, () => {
    let storage: VaultStorage;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ storage, cleanup } = await makeStorage());
    });

    afterEach(async () => {
      await cleanup();
    });

    const T0 = new Date('2031-03-14T09:26:53.589Z');
    /** A fixed instant `minutes` after T0 (negative for before). */
    const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

    const eid = (overrides: Partial<EidIdentityInput> = {}): EidIdentityInput => ({
      issuer: 'https://eid.example.city',
      subject: randomUUID(),
      nationalId: '19800101-1234',
      displayName: 'Ada Lovelace',
      birthdate: '1980-01-01',
      acr: 'urn:eid:loa:substantial',
      ...overrides,
    });

    const newResident = async (): Promise<ResidentRecord> =>
      storage.upsertResidentFromEid(eid(), T0);

    const session = (
      residentId: string,
      overrides: Partial<SessionRecord> = {},
    ): SessionRecord => ({
      idHash: randomUUID(),
      publicId: randomUUID(),
      residentId,
      method: 'eid',
      userAgent: 'Mozilla/5.0 (contract test)',
      createdAt: T0,
      lastSeenAt: T0,
      absoluteExpiresAt: at(12 * 60),
      ...overrides,
    });

    const transaction = (
      overrides: Partial<OidcTransactionRecord> = {},
    ): OidcTransactionRecord => ({
      id: randomUUID(),
      state: randomUUID(),
      nonce: randomUUID(),
      codeVerifier: randomBytes(32).toString('base64url'),
      createdAt: T0,
      expiresAt: at(10),
      ...overrides,
    });

    const challenge = (overrides: Partial<ChallengeRecord> = {}): ChallengeRecord => ({
      challenge: randomBytes(32).toString('base64url'),
      purpose: 'passkey.sign-in',
      residentId: null,
      createdAt: T0,
      expiresAt: at(5),
      ...overrides,
    });

    const passkey = (
      residentId: string,
      overrides: Partial<PasskeyRecord> = {},
    ): PasskeyRecord => ({
      id: randomUUID(),
      residentId,
      credentialId: randomBytes(16).toString('base64url'),
      publicKey: new Uint8Array(randomBytes(77)),
      counter: 0,
      transports: ['internal', 'hybrid'],
      name: 'Phone',
      backedUp: true,
      createdAt: T0,
      lastUsedAt: null,
      ...overrides,
    });

    /** Narrows a read that the test expects to find something; fails the test otherwise. */
    const present = <T>(value: T | null | undefined): T => {
      expect(value).toBeDefined();
      expect(value).not.toBeNull();
      return value as T;
    };

    const byId = <T extends { id: string }>(items: T[]): T[] =>
      [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    describe('lifecycle', () => {
      it('names its adapter', () => {
        expect(typeof storage.adapter).toBe('string');
        expect(storage.adapter.length).toBeGreaterThan(0);
      });

      it('answers ping', async () => {
        await expect(storage.ping()).resolves.toBeUndefined();
      });

      it('closes idempotently', async () => {
        await storage.close();
        await expect(storage.close()).resolves.toBeUndefined();
      });
    });

    describe('residents', () => {
      it('creates a resident from an eID sign-in', async () => {
        const input = eid();
        const resident = await storage.upsertResidentFromEid(input, T0);
        expect(resident).toEqual({
          id: expect.any(String),
          displayName: input.displayName,
          birthdate: input.birthdate,
          nationalId: input.nationalId,
          acr: input.acr,
          createdAt: T0,
        });
        expect(resident.id.length).toBeGreaterThan(0);
        expect(await storage.getResident(resident.id)).toEqual(resident);
      });

      it('keeps nullable fields null', async () => {
        const resident = await storage.upsertResidentFromEid(
          eid({ nationalId: null, birthdate: null, acr: null }),
          T0,
        );
        expect(resident.nationalId).toBeNull();
        expect(resident.birthdate).toBeNull();
        expect(resident.acr).toBeNull();
        expect(await storage.getResident(resident.id)).toEqual(resident);
      });

      it('returns the same resident for the same (issuer, subject) and records the latest details', async () => {
        const first = eid();
        const created = await storage.upsertResidentFromEid(first, T0);
        const again = await storage.upsertResidentFromEid(
          {
            ...first,
            displayName: 'Ada King',
            nationalId: '19800101-9999',
            birthdate: '1980-01-02',
            acr: 'urn:eid:loa:high',
          },
          at(60),
        );
        expect(again.id).toBe(created.id);
        expect(again.displayName).toBe('Ada King');
        expect(again.nationalId).toBe('19800101-9999');
        expect(again.birthdate).toBe('1980-01-02');
        expect(again.acr).toBe('urn:eid:loa:high');
        expect(again.createdAt).toEqual(T0);
        expect(await storage.getResident(created.id)).toEqual(again);
      });

      it('creates a different resident for a different subject or a different issuer', async () => {
        const input = eid();
        const a = await storage.upsertResidentFromEid(input, T0);
        const b = await storage.upsertResidentFromEid({ ...input, subject: randomUUID() }, T0);
        const c = await storage.upsertResidentFromEid(
          { ...input, issuer: 'https://other-eid.example.org' },
          T0,
        );
        expect(new Set([a.id, b.id, c.id]).size).toBe(3);
      });

      it('returns null for an unknown resident', async () => {
        expect(await storage.getResident(randomUUID())).toBeNull();
      });

      it('returns fresh objects', async () => {
        const resident = await newResident();
        const read = present(await storage.getResident(resident.id));
        read.displayName = 'Mallory';
        read.createdAt.setTime(0);
        resident.displayName = 'Mallory';
        expect(await storage.getResident(resident.id)).toMatchObject({
          displayName: 'Ada Lovelace',
          createdAt: T0,
        });
      });
    });

    describe('sessions', () => {
      it('creates and finds a session, field for field', async () => {
        const resident = await newResident();
        const s = session(resident.id, { method: 'passkey', lastSeenAt: at(1) });
        await storage.createSession(s);
        expect(await storage.findSession(s.idHash)).toEqual(s);
      });

      it('returns null for an unknown session', async () => {
        expect(await storage.findSession(randomUUID())).toBeNull();
      });

      it('touches a session forward', async () => {
        const resident = await newResident();
        const s = session(resident.id);
        await storage.createSession(s);
        await storage.touchSession(s.idHash, at(5));
        expect((await storage.findSession(s.idHash))?.lastSeenAt).toEqual(at(5));
      });

      it('never moves lastSeenAt backwards', async () => {
        const resident = await newResident();
        const s = session(resident.id, { lastSeenAt: at(30) });
        await storage.createSession(s);
        await storage.touchSession(s.idHash, at(10));
        expect((await storage.findSession(s.idHash))?.lastSeenAt).toEqual(at(30));
      });

      it('ignores a touch of an unknown session', async () => {
        await expect(storage.touchSession(randomUUID(), at(1))).resolves.toBeUndefined();
      });

      it('deletes a session once', async () => {
        const resident = await newResident();
        const s = session(resident.id);
        await storage.createSession(s);
        expect(await storage.deleteSession(s.idHash)).toBe(true);
        expect(await storage.findSession(s.idHash)).toBeNull();
        expect(await storage.deleteSession(s.idHash)).toBe(false);
      });

      it('deletes the replaced session when creating its successor', async () => {
        const resident = await newResident();
        const old = session(resident.id);
        await storage.createSession(old);
        const fresh = session(resident.id, { createdAt: at(1), lastSeenAt: at(1) });
        await storage.createSession(fresh, old.idHash);
        expect(await storage.findSession(old.idHash)).toBeNull();
        expect(await storage.findSession(fresh.idHash)).toEqual(fresh);
        expect(await storage.listSessions(resident.id)).toEqual([fresh]);
      });

      it('creates a session whose replaced session does not exist', async () => {
        const resident = await newResident();
        const s = session(resident.id);
        await storage.createSession(s, randomUUID());
        expect(await storage.findSession(s.idHash)).toEqual(s);
      });

      it('keeps the replaced session when its successor cannot be stored (atomic)', async () => {
        const resident = await newResident();
        const old = session(resident.id);
        const other = session(resident.id);
        await storage.createSession(old);
        await storage.createSession(other);
        // Same idHash as an existing session: the insert fails, so the delete must roll back too.
        const clash = session(resident.id, { idHash: other.idHash });
        await expect(storage.createSession(clash, old.idHash)).rejects.toThrow();
        expect(await storage.findSession(old.idHash)).toEqual(old);
        expect(await storage.findSession(other.idHash)).toEqual(other);
      });

      it('ends a session by public id only for its owner', async () => {
        const owner = await newResident();
        const stranger = await newResident();
        const s = session(owner.id);
        await storage.createSession(s);

        expect(await storage.deleteSessionByPublicId(stranger.id, s.publicId)).toBe(false);
        expect(await storage.findSession(s.idHash)).toEqual(s);

        expect(await storage.deleteSessionByPublicId(owner.id, s.publicId)).toBe(true);
        expect(await storage.findSession(s.idHash)).toBeNull();
        expect(await storage.deleteSessionByPublicId(owner.id, s.publicId)).toBe(false);
      });

      it('does not accept the secret idHash as a public id', async () => {
        const resident = await newResident();
        const s = session(resident.id);
        await storage.createSession(s);
        expect(await storage.deleteSessionByPublicId(resident.id, s.idHash)).toBe(false);
        expect(await storage.findSession(s.idHash)).not.toBeNull();
      });

      it('ends every other session of the resident and counts them', async () => {
        const a = await newResident();
        const b = await newResident();
        const keep = session(a.id);
        const a2 = session(a.id);
        const a3 = session(a.id);
        const b1 = session(b.id);
        for (const s of [keep, a2, a3, b1]) await storage.createSession(s);

        expect(await storage.deleteOtherSessions(a.id, keep.idHash)).toBe(2);
        expect(await storage.listSessions(a.id)).toEqual([keep]);
        expect(await storage.findSession(b1.idHash)).toEqual(b1);
        expect(await storage.deleteOtherSessions(a.id, keep.idHash)).toBe(0);
      });

      it("never ends another resident's session, even when it is the one named to keep", async () => {
        const a = await newResident();
        const b = await newResident();
        const a1 = session(a.id);
        const b1 = session(b.id);
        await storage.createSession(a1);
        await storage.createSession(b1);
        expect(await storage.deleteOtherSessions(a.id, b1.idHash)).toBe(1);
        expect(await storage.findSession(a1.idHash)).toBeNull();
        expect(await storage.findSession(b1.idHash)).toEqual(b1);
      });

      it('lists sessions most recently seen first', async () => {
        const resident = await newResident();
        const s1 = session(resident.id, { lastSeenAt: at(1) });
        const s2 = session(resident.id, { lastSeenAt: at(3) });
        const s3 = session(resident.id, { lastSeenAt: at(2) });
        for (const s of [s1, s2, s3]) await storage.createSession(s);
        expect((await storage.listSessions(resident.id)).map((s) => s.idHash)).toEqual([
          s2.idHash,
          s3.idHash,
          s1.idHash,
        ]);

        await storage.touchSession(s1.idHash, at(4));
        expect((await storage.listSessions(resident.id)).map((s) => s.idHash)).toEqual([
          s1.idHash,
          s2.idHash,
          s3.idHash,
        ]);
      });

      it('lists only the resident’s own sessions', async () => {
        const a = await newResident();
        const b = await newResident();
        const c = await newResident();
        const a1 = session(a.id);
        const b1 = session(b.id);
        await storage.createSession(a1);
        await storage.createSession(b1);
        expect(await storage.listSessions(a.id)).toEqual([a1]);
        expect(await storage.listSessions(b.id)).toEqual([b1]);
        expect(await storage.listSessions(c.id)).toEqual([]);
      });

      it('purges sessions idle since before idleBefore', async () => {
        const resident = await newResident();
        const idleBefore = at(60);
        const idle = session(resident.id, { lastSeenAt: at(59) });
        const onTheEdge = session(resident.id, { lastSeenAt: idleBefore });
        const active = session(resident.id, { lastSeenAt: at(90) });
        for (const s of [idle, onTheEdge, active]) await storage.createSession(s);

        expect(await storage.purgeExpiredSessions(at(100), idleBefore)).toBe(1);
        expect(await storage.findSession(idle.idHash)).toBeNull();
        expect(await storage.findSession(onTheEdge.idHash)).toEqual(onTheEdge);
        expect(await storage.findSession(active.idHash)).toEqual(active);
      });

      it('purges sessions past their absolute expiry, however recently seen', async () => {
        const resident = await newResident();
        const now = at(100);
        const expired = session(resident.id, { lastSeenAt: at(99), absoluteExpiresAt: at(99) });
        const expiringNow = session(resident.id, { lastSeenAt: at(99), absoluteExpiresAt: now });
        const alive = session(resident.id, { lastSeenAt: at(99), absoluteExpiresAt: at(101) });
        for (const s of [expired, expiringNow, alive]) await storage.createSession(s);

        expect(await storage.purgeExpiredSessions(now, at(0))).toBe(2);
        expect(await storage.findSession(expired.idHash)).toBeNull();
        expect(await storage.findSession(expiringNow.idHash)).toBeNull();
        expect(await storage.findSession(alive.idHash)).toEqual(alive);
        expect(await storage.purgeExpiredSessions(now, at(0))).toBe(0);
      });

      it('returns fresh objects', async () => {
        const resident = await newResident();
        const s = session(resident.id);
        await storage.createSession(s);
        const found = present(await storage.findSession(s.idHash));
        found.lastSeenAt.setTime(0);
        found.userAgent = 'tampered';
        const listed = present((await storage.listSessions(resident.id))[0]);
        listed.absoluteExpiresAt.setTime(0);
        s.userAgent = 'tampered too';
        expect(await storage.findSession(s.idHash)).toMatchObject({
          userAgent: 'Mozilla/5.0 (contract test)',
          lastSeenAt: T0,
          absoluteExpiresAt: at(12 * 60),
        });
      });
    });

    describe('OIDC transactions', () => {
      it('takes a transaction once', async () => {
        const tx = transaction();
        await storage.saveOidcTransaction(tx);
        expect(await storage.takeOidcTransaction(tx.id, at(1))).toEqual(tx);
        expect(await storage.takeOidcTransaction(tx.id, at(1))).toBeNull();
      });

      it('returns null for an unknown transaction', async () => {
        expect(await storage.takeOidcTransaction(randomUUID(), at(1))).toBeNull();
      });

      it('never returns an expired transaction, and it is gone afterwards', async () => {
        const tx = transaction({ expiresAt: at(10) });
        await storage.saveOidcTransaction(tx);
        expect(await storage.takeOidcTransaction(tx.id, at(11))).toBeNull();
        // Even with a clock before expiry, it no longer exists.
        expect(await storage.takeOidcTransaction(tx.id, at(1))).toBeNull();
      });

      it('treats a transaction as expired at its expiry instant', async () => {
        const tx = transaction({ expiresAt: at(10) });
        await storage.saveOidcTransaction(tx);
        expect(await storage.takeOidcTransaction(tx.id, at(10))).toBeNull();
      });

      it('takes only the transaction asked for', async () => {
        const a = transaction();
        const b = transaction();
        await storage.saveOidcTransaction(a);
        await storage.saveOidcTransaction(b);
        expect(await storage.takeOidcTransaction(a.id, at(1))).toEqual(a);
        expect(await storage.takeOidcTransaction(b.id, at(1))).toEqual(b);
      });

      it('gives a transaction to exactly one of 20 concurrent takers', async () => {
        const tx = transaction();
        await storage.saveOidcTransaction(tx);
        const results = await Promise.all(
          Array.from({ length: 20 }, () => storage.takeOidcTransaction(tx.id, at(1))),
        );
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect(winners[0]).toEqual(tx);
      });
    });

    describe('WebAuthn challenges', () => {
      it('takes a challenge once', async () => {
        const c = challenge();
        await storage.saveChallenge(c);
        expect(await storage.takeChallenge(c.challenge, c.purpose, at(1))).toEqual(c);
        expect(await storage.takeChallenge(c.challenge, c.purpose, at(1))).toBeNull();
      });

      it('returns null for an unknown challenge', async () => {
        expect(
          await storage.takeChallenge(randomBytes(32).toString('base64url'), 'passkey.sign-in', T0),
        ).toBeNull();
      });

      it('round-trips the resident of a registration challenge', async () => {
        const resident = await newResident();
        const c = challenge({ purpose: 'passkey.register', residentId: resident.id });
        await storage.saveChallenge(c);
        const taken = await storage.takeChallenge(c.challenge, 'passkey.register', at(1));
        expect(taken).toEqual(c);
        expect(taken?.residentId).toBe(resident.id);
      });

      it('round-trips a null resident', async () => {
        const c = challenge({ residentId: null });
        await storage.saveChallenge(c);
        expect((await storage.takeChallenge(c.challenge, c.purpose, at(1)))?.residentId).toBeNull();
      });

      it('returns null for a challenge of another purpose', async () => {
        const resident = await newResident();
        const register = challenge({ purpose: 'passkey.register', residentId: resident.id });
        const signIn = challenge({ purpose: 'passkey.sign-in' });
        await storage.saveChallenge(register);
        await storage.saveChallenge(signIn);
        expect(
          await storage.takeChallenge(register.challenge, 'passkey.sign-in', at(1)),
        ).toBeNull();
        expect(await storage.takeChallenge(signIn.challenge, 'passkey.register', at(1))).toBeNull();
      });

      it('never returns an expired challenge, and it is gone afterwards', async () => {
        const c = challenge({ expiresAt: at(5) });
        await storage.saveChallenge(c);
        expect(await storage.takeChallenge(c.challenge, c.purpose, at(6))).toBeNull();
        expect(await storage.takeChallenge(c.challenge, c.purpose, at(1))).toBeNull();
      });

      it('treats a challenge as expired at its expiry instant', async () => {
        const c = challenge({ expiresAt: at(5) });
        await storage.saveChallenge(c);
        expect(await storage.takeChallenge(c.challenge, c.purpose, at(5))).toBeNull();
      });

      it('gives a challenge to exactly one of 50 concurrent takers', async () => {
        const c = challenge();
        await storage.saveChallenge(c);
        const results = await Promise.all(
          Array.from({ length: 50 }, () => storage.takeChallenge(c.challenge, c.purpose, at(1))),
        );
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect(winners[0]).toEqual(c);
      });
    });

    describe('passkeys', () => {
      it('adds a passkey and finds it by credential id, field for field', async () => {
        const resident = await newResident();
        const p = passkey(resident.id, {
          counter: 7,
          backedUp: false,
          lastUsedAt: at(3),
        });
        expect(await storage.addPasskey(p)).toBe(true);
        expect(await storage.findPasskeyByCredentialId(p.credentialId)).toEqual(p);
      });

      it('returns null for an unknown credential id', async () => {
        expect(
          await storage.findPasskeyByCredentialId(randomBytes(16).toString('base64url')),
        ).toBeNull();
      });

      it('refuses a duplicate credential id, even for another resident', async () => {
        const a = await newResident();
        const b = await newResident();
        const original = passkey(a.id, { name: 'Original' });
        expect(await storage.addPasskey(original)).toBe(true);
        expect(
          await storage.addPasskey(passkey(a.id, { credentialId: original.credentialId })),
        ).toBe(false);
        expect(
          await storage.addPasskey(
            passkey(b.id, { credentialId: original.credentialId, name: 'Hijack' }),
          ),
        ).toBe(false);
        expect(await storage.findPasskeyByCredentialId(original.credentialId)).toEqual(original);
        expect(await storage.listPasskeys(b.id)).toEqual([]);
      });

      it('round-trips public key bytes exactly', async () => {
        const resident = await newResident();
        // Every byte value, including 0x00 and 0xff, and an odd length.
        const bytes = Uint8Array.from({ length: 257 }, (_, i) => (i * 151) % 256);
        const p = passkey(resident.id, { publicKey: bytes });
        await storage.addPasskey(p);
        const found = present(await storage.findPasskeyByCredentialId(p.credentialId));
        expect(found.publicKey).toBeInstanceOf(Uint8Array);
        expect(found.publicKey.byteLength).toBe(257);
        expect(Array.from(found.publicKey)).toEqual(Array.from(bytes));
        const listed = present((await storage.listPasskeys(resident.id))[0]);
        expect(Array.from(listed.publicKey)).toEqual(Array.from(bytes));
      });

      it('round-trips transports, including none', async () => {
        const resident = await newResident();
        const many = passkey(resident.id, {
          transports: ['usb', 'nfc', 'ble', 'hybrid', 'internal'],
        });
        const none = passkey(resident.id, { transports: [] });
        await storage.addPasskey(many);
        await storage.addPasskey(none);
        expect((await storage.findPasskeyByCredentialId(many.credentialId))?.transports).toEqual([
          'usb',
          'nfc',
          'ble',
          'hybrid',
          'internal',
        ]);
        expect((await storage.findPasskeyByCredentialId(none.credentialId))?.transports).toEqual(
          [],
        );
      });

      it('lists only the resident’s own passkeys', async () => {
        const a = await newResident();
        const b = await newResident();
        const c = await newResident();
        const a1 = passkey(a.id, { name: 'Laptop' });
        const a2 = passkey(a.id, { name: 'Phone', createdAt: at(1) });
        const b1 = passkey(b.id);
        for (const p of [a1, a2, b1]) await storage.addPasskey(p);
        expect(byId(await storage.listPasskeys(a.id))).toEqual(byId([a1, a2]));
        expect(await storage.listPasskeys(b.id)).toEqual([b1]);
        expect(await storage.listPasskeys(c.id)).toEqual([]);
      });

      it('records a use when the counter still matches', async () => {
        const resident = await newResident();
        const p = passkey(resident.id, { counter: 5 });
        await storage.addPasskey(p);
        expect(await storage.recordPasskeyUse(p.id, 5, 6, at(2))).toBe(true);
        expect(await storage.findPasskeyByCredentialId(p.credentialId)).toEqual({
          ...p,
          counter: 6,
          lastUsedAt: at(2),
        });
      });

      it('refuses a use when the counter has changed (compare-and-set)', async () => {
        const resident = await newResident();
        const p = passkey(resident.id, { counter: 5, lastUsedAt: at(1) });
        await storage.addPasskey(p);
        expect(await storage.recordPasskeyUse(p.id, 4, 9, at(2))).toBe(false);
        expect(await storage.findPasskeyByCredentialId(p.credentialId)).toEqual(p);
      });

      it('refuses a use of an unknown passkey', async () => {
        expect(await storage.recordPasskeyUse(randomUUID(), 0, 1, at(1))).toBe(false);
      });

      it('records exactly one of 20 concurrent uses with the same expected counter', async () => {
        const resident = await newResident();
        const p = passkey(resident.id, { counter: 10 });
        await storage.addPasskey(p);
        const newCounters = Array.from({ length: 20 }, (_, i) => 11 + i);
        const results = await Promise.all(
          newCounters.map((n, i) => storage.recordPasskeyUse(p.id, 10, n, at(i + 1))),
        );
        expect(results.filter((r) => r)).toHaveLength(1);
        const winner = results.indexOf(true);
        const stored = await storage.findPasskeyByCredentialId(p.credentialId);
        expect(stored?.counter).toBe(newCounters[winner]);
        expect(stored?.lastUsedAt).toEqual(at(winner + 1));
      });

      it('renames a passkey for its owner only', async () => {
        const owner = await newResident();
        const stranger = await newResident();
        const p = passkey(owner.id, { name: 'Phone' });
        await storage.addPasskey(p);

        expect(await storage.renamePasskey(stranger.id, p.id, 'Mine now')).toBeNull();
        expect((await storage.findPasskeyByCredentialId(p.credentialId))?.name).toBe('Phone');

        const renamed = await storage.renamePasskey(owner.id, p.id, 'Work phone');
        expect(renamed).toEqual({ ...p, name: 'Work phone' });
        expect(await storage.findPasskeyByCredentialId(p.credentialId)).toEqual(renamed);
      });

      it('returns null when renaming an unknown passkey', async () => {
        const resident = await newResident();
        expect(await storage.renamePasskey(resident.id, randomUUID(), 'Ghost')).toBeNull();
      });

      it('removes a passkey when another passkey remains', async () => {
        const resident = await newResident();
        const p1 = passkey(resident.id);
        const p2 = passkey(resident.id);
        await storage.addPasskey(p1);
        await storage.addPasskey(p2);
        expect(await storage.removePasskey(resident.id, p1.id)).toBe('removed');
        expect(await storage.findPasskeyByCredentialId(p1.credentialId)).toBeNull();
        expect(await storage.listPasskeys(resident.id)).toEqual([p2]);
        expect(await storage.removePasskey(resident.id, p1.id)).toBe('not-found');
      });

      it('removes the last passkey of a resident with an eID identity (eID is still a way in)', async () => {
        const resident = await newResident();
        const p = passkey(resident.id);
        await storage.addPasskey(p);
        expect(await storage.removePasskey(resident.id, p.id)).toBe('removed');
        expect(await storage.listPasskeys(resident.id)).toEqual([]);
        expect(await storage.findPasskeyByCredentialId(p.credentialId)).toBeNull();
      });

      it("does not remove another resident's passkey", async () => {
        const owner = await newResident();
        const stranger = await newResident();
        const p = passkey(owner.id);
        await storage.addPasskey(p);
        expect(await storage.removePasskey(stranger.id, p.id)).toBe('not-found');
        expect(await storage.findPasskeyByCredentialId(p.credentialId)).toEqual(p);
      });

      it('reports an unknown passkey as not found', async () => {
        const resident = await newResident();
        expect(await storage.removePasskey(resident.id, randomUUID())).toBe('not-found');
      });

      it('frees the credential id once its passkey is removed', async () => {
        const resident = await newResident();
        const p = passkey(resident.id);
        await storage.addPasskey(p);
        await storage.removePasskey(resident.id, p.id);
        expect(
          await storage.addPasskey(passkey(resident.id, { credentialId: p.credentialId })),
        ).toBe(true);
      });

      it('returns fresh objects and keeps no reference to its input', async () => {
        const resident = await newResident();
        const p = passkey(resident.id, { publicKey: Uint8Array.from([1, 2, 3, 4]) });
        await storage.addPasskey(p);
        // Mutating what was stored from...
        p.publicKey[0] = 99;
        p.transports.push('usb');
        p.name = 'tampered';

        // ...and what was read back.
        const found = present(await storage.findPasskeyByCredentialId(p.credentialId));
        found.publicKey[1] = 99;
        found.transports.length = 0;
        found.createdAt.setTime(0);
        found.counter = 1000;
        const listed = present((await storage.listPasskeys(resident.id))[0]);
        listed.publicKey[2] = 99;
        listed.transports.push('nfc');
        const renamed = present(await storage.renamePasskey(resident.id, p.id, 'Phone'));
        renamed.publicKey[3] = 99;
        renamed.transports.push('ble');

        const again = present(await storage.findPasskeyByCredentialId(p.credentialId));
        expect(Array.from(again.publicKey)).toEqual([1, 2, 3, 4]);
        expect(again).toMatchObject({
          transports: ['internal', 'hybrid'],
          name: 'Phone',
          counter: 0,
          createdAt: T0,
        });
      });
    });
  });
}
