import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  asHash,
  leafHash,
  proveConsistency,
  proveInclusion,
  sodiumReady,
  treeHead,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from '../../crypto/src/index.js';
import {
  CHUNK_FRAMING,
  type AppendChunksResult,
  type ChallengeRecord,
  type CreateUploadInput,
  type DocumentRecord,
  type EidIdentityInput,
  type KeySlotRecord,
  type LogAppend,
  type LogCheckpointRecord,
  type LogEntryFilter,
  type LogEntryRecord,
  type LogNodeKey,
  type OidcTransactionRecord,
  type PasskeyRecord,
  type PutVersionInput,
  type PutVersionResult,
  type ResidentKeysRecord,
  type ResidentRecord,
  type SessionRecord,
  type UploadRecord,
  type VaultStorage,
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

    // --- vault keys (issue 3) ---------------------------------------------------------------------

    const bytes = (n: number): Uint8Array => new Uint8Array(randomBytes(n));
    /** Flips the first byte of a returned buffer, to show the store kept its own copy. */
    const flip = (b: Uint8Array): void => {
      b[0] = (b[0] ?? 0) ^ 0xff;
    };

    const residentKeys = (
      residentId: string,
      overrides: Partial<ResidentKeysRecord> = {},
    ): ResidentKeysRecord => ({
      residentId,
      x25519PublicKey: bytes(32),
      ed25519PublicKey: bytes(32),
      secretKeysEnvelope: bytes(120),
      createdAt: T0,
      ...overrides,
    });

    const slot = (
      residentId: string,
      kind: KeySlotRecord['kind'],
      overrides: Partial<KeySlotRecord> = {},
    ): KeySlotRecord => ({
      id: randomUUID(),
      residentId,
      kind,
      credentialId: null,
      envelope: bytes(150),
      createdAt: T0,
      ...overrides,
    });

    /** A resident with a passkey, enrolled with a passkey slot and a recovery slot. */
    const enrolledResident = async () => {
      const resident = await newResident();
      const p = passkey(resident.id);
      await storage.addPasskey(p);
      const keys = residentKeys(resident.id);
      const passkeySlot = slot(resident.id, 'passkey', { credentialId: p.credentialId });
      const recoverySlot = slot(resident.id, 'recovery', { createdAt: at(1) });
      expect(await storage.enrol(keys, [passkeySlot, recoverySlot])).toBe('enrolled');
      return { resident, passkey: p, keys, passkeySlot, recoverySlot };
    };

    describe('vault keys', () => {
      it('enrols a resident: keys and slots read back byte for byte, slots oldest first', async () => {
        const { resident, keys, passkeySlot, recoverySlot } = await enrolledResident();
        expect(await storage.getVaultState(resident.id, T0)).toEqual({
          keys,
          slots: [passkeySlot, recoverySlot],
          usedBytes: 0,
        });
      });

      it('lists slots enrolled together in the order they were given', async () => {
        const resident = await newResident();
        const p = passkey(resident.id);
        await storage.addPasskey(p);
        const slots = [
          slot(resident.id, 'recovery'),
          slot(resident.id, 'passphrase'),
          slot(resident.id, 'passkey', { credentialId: p.credentialId }),
          slot(resident.id, 'recovery'),
        ];
        expect(await storage.enrol(residentKeys(resident.id), slots)).toBe('enrolled');
        expect((await storage.getVaultState(resident.id, T0)).slots).toEqual(slots);
      });

      it('shows a resident who has not enrolled as no keys, no slots', async () => {
        const resident = await newResident();
        expect(await storage.getVaultState(resident.id, T0)).toEqual({
          keys: null,
          slots: [],
          usedBytes: 0,
        });
      });

      it('refuses a second enrolment and keeps the first', async () => {
        const { resident, passkey: p, keys, passkeySlot, recoverySlot } = await enrolledResident();
        const again = await storage.enrol(residentKeys(resident.id), [
          slot(resident.id, 'passkey', { credentialId: p.credentialId }),
          slot(resident.id, 'recovery'),
        ]);
        expect(again).toBe('already-enrolled');
        expect(await storage.getVaultState(resident.id, T0)).toEqual({
          keys,
          slots: [passkeySlot, recoverySlot],
          usedBytes: 0,
        });
      });

      it('refuses a passkey slot for an unknown credential or another resident’s, storing nothing', async () => {
        const resident = await newResident();
        const stranger = await newResident();
        const theirs = passkey(stranger.id);
        await storage.addPasskey(theirs);
        for (const credentialId of [randomBytes(16).toString('base64url'), theirs.credentialId]) {
          const result = await storage.enrol(residentKeys(resident.id), [
            slot(resident.id, 'passkey', { credentialId }),
            slot(resident.id, 'recovery'),
          ]);
          expect(result).toBe('unknown-credential');
        }
        expect(await storage.getVaultState(resident.id, T0)).toMatchObject({
          keys: null,
          slots: [],
        });
      });

      it('refuses a slot id that is taken, or given twice, storing nothing', async () => {
        const { passkeySlot } = await enrolledResident();
        const other = await newResident();
        const p = passkey(other.id);
        await storage.addPasskey(p);
        const taken = await storage.enrol(residentKeys(other.id), [
          slot(other.id, 'passkey', { credentialId: p.credentialId }),
          slot(other.id, 'recovery', { id: passkeySlot.id }),
        ]);
        expect(taken).toBe('slot-id-taken');
        const twice = slot(other.id, 'recovery');
        expect(await storage.enrol(residentKeys(other.id), [twice, { ...twice }])).toBe(
          'slot-id-taken',
        );
        expect((await storage.getVaultState(other.id, T0)).keys).toBeNull();
      });

      it('adds a slot to an enrolled resident', async () => {
        const { resident, passkeySlot, recoverySlot } = await enrolledResident();
        const phrase = slot(resident.id, 'passphrase', { createdAt: at(2) });
        expect(await storage.addKeySlot(phrase, { maxSlots: 16 })).toBe('added');
        expect((await storage.getVaultState(resident.id, T0)).slots).toEqual([
          passkeySlot,
          recoverySlot,
          phrase,
        ]);
      });

      it('refuses to add a slot before enrolment, for an unknown credential, a taken id, or past the limit', async () => {
        const outsider = await newResident();
        expect(await storage.addKeySlot(slot(outsider.id, 'passphrase'), { maxSlots: 16 })).toBe(
          'not-enrolled',
        );
        expect((await storage.getVaultState(outsider.id, T0)).slots).toEqual([]);

        const { resident, passkeySlot } = await enrolledResident();
        expect(
          await storage.addKeySlot(
            slot(resident.id, 'passkey', { credentialId: randomBytes(16).toString('base64url') }),
            { maxSlots: 16 },
          ),
        ).toBe('unknown-credential');
        expect(
          await storage.addKeySlot(slot(resident.id, 'passphrase', { id: passkeySlot.id }), {
            maxSlots: 16,
          }),
        ).toBe('slot-id-taken');
        expect(await storage.addKeySlot(slot(resident.id, 'passphrase'), { maxSlots: 3 })).toBe(
          'added',
        );
        expect(await storage.addKeySlot(slot(resident.id, 'passphrase'), { maxSlots: 3 })).toBe(
          'too-many-slots',
        );
        expect((await storage.getVaultState(resident.id, T0)).slots).toHaveLength(3);
      });

      it('removes a slot, never the last one, never another resident’s', async () => {
        const { resident, passkeySlot, recoverySlot } = await enrolledResident();
        const stranger = await enrolledResident();
        expect(await storage.removeKeySlot(stranger.resident.id, passkeySlot.id)).toBe('not-found');
        expect(await storage.removeKeySlot(resident.id, randomUUID())).toBe('not-found');
        expect(await storage.removeKeySlot(resident.id, passkeySlot.id)).toBe('removed');
        expect(await storage.removeKeySlot(resident.id, passkeySlot.id)).toBe('not-found');
        expect(await storage.removeKeySlot(resident.id, recoverySlot.id)).toBe('last-slot');
        expect((await storage.getVaultState(resident.id, T0)).slots).toEqual([recoverySlot]);
        expect((await storage.getVaultState(stranger.resident.id, T0)).slots).toHaveLength(2);
      });

      it('replaces every recovery slot with the new one, and nothing else', async () => {
        const { resident, passkeySlot, recoverySlot } = await enrolledResident();
        const secondRecovery = slot(resident.id, 'recovery', { createdAt: at(2) });
        const phrase = slot(resident.id, 'passphrase', { createdAt: at(3) });
        await storage.addKeySlot(secondRecovery, { maxSlots: 16 });
        await storage.addKeySlot(phrase, { maxSlots: 16 });
        const fresh = slot(resident.id, 'recovery', { createdAt: at(4) });
        expect(await storage.replaceRecoverySlots(fresh)).toBe('replaced');
        const { slots } = await storage.getVaultState(resident.id, T0);
        expect(slots).toEqual([passkeySlot, phrase, fresh]);
        expect(slots.map((s) => s.id)).not.toContain(recoverySlot.id);
      });

      it('refuses a recovery replacement before enrolment or with a taken id, keeping the old kit', async () => {
        const outsider = await newResident();
        expect(await storage.replaceRecoverySlots(slot(outsider.id, 'recovery'))).toBe(
          'not-enrolled',
        );
        const { resident, passkeySlot, recoverySlot } = await enrolledResident();
        expect(
          await storage.replaceRecoverySlots(slot(resident.id, 'recovery', { id: passkeySlot.id })),
        ).toBe('slot-id-taken');
        expect((await storage.getVaultState(resident.id, T0)).slots).toEqual([
          passkeySlot,
          recoverySlot,
        ]);
      });

      it('returns fresh key records', async () => {
        const { resident, keys } = await enrolledResident();
        const read = await storage.getVaultState(resident.id, T0);
        flip(present(read.keys).x25519PublicKey);
        flip(present(read.slots[0]).envelope);
        present(read.slots[0]).createdAt.setTime(0);
        const again = await storage.getVaultState(resident.id, T0);
        expect(again.keys).toEqual(keys);
        expect(again.slots[0]?.createdAt).toEqual(T0);
        expect(again.slots[0]?.envelope).not.toEqual(read.slots[0]?.envelope);
      });
    });

    // --- documents and uploads (issue 3) ------------------------------------------------------------

    const FULL = CHUNK_FRAMING.fullChunkBytes;
    const LIMITS = { quotaBytes: 10 * FULL, maxDocumentBytes: 4 * FULL };

    /** Ciphertext chunks with correct framing: `count - 1` full chunks and a last of `lastBytes`. */
    const content = (count: number, lastBytes: number): Uint8Array[] =>
      Array.from({ length: count }, (_, i) => bytes(i === count - 1 ? lastBytes : FULL));
    const sizeOf = (chunks: Uint8Array[]): number => chunks.reduce((n, c) => n + c.length, 0);
    const concat = (chunks: Uint8Array[]): Buffer => Buffer.concat(chunks);

    const upload = (
      residentId: string,
      chunks: Uint8Array[],
      overrides: Partial<CreateUploadInput> = {},
    ): CreateUploadInput => ({
      uploadId: randomUUID(),
      residentId,
      newDocument: true,
      documentId: randomUUID(),
      category: 'tax',
      size: sizeOf(chunks),
      chunkCount: chunks.length,
      now: T0,
      expiresAt: at(60),
      limits: LIMITS,
      ...overrides,
    });

    const sealed = () => ({ header: bytes(24), wrappedKey: bytes(80), metadata: bytes(300) });

    const created = async (input: CreateUploadInput): Promise<UploadRecord> => {
      const result = await storage.createUpload(input);
      if (!result.ok) throw new Error(`createUpload refused: ${result.reason}`);
      return result.upload;
    };

    const append = (
      u: UploadRecord,
      fromIndex: number,
      chunks: Uint8Array[],
      when: Date = at(1),
    ): Promise<AppendChunksResult> =>
      storage.appendChunks({
        uploadId: u.uploadId,
        residentId: u.residentId,
        fromIndex,
        chunks,
        now: when,
        expiresAt: new Date(when.getTime() + 60 * 60_000),
      });

    const complete = (u: UploadRecord, parts = sealed(), when: Date = at(2)) =>
      storage.completeUpload({
        uploadId: u.uploadId,
        residentId: u.residentId,
        ...parts,
        now: when,
      });

    /** Uploads and completes a document (or a version), returning what was stored. */
    const stored = async (
      residentId: string,
      chunks: Uint8Array[],
      overrides: Partial<CreateUploadInput> = {},
      when: Date = at(2),
    ) => {
      const u = await created(upload(residentId, chunks, overrides));
      expect((await append(u, 0, chunks)).ok).toBe(true);
      const parts = sealed();
      const done = await complete(u, parts, when);
      if (!done.ok) throw new Error(`completeUpload refused: ${done.reason}`);
      return { upload: u, parts, document: done.document };
    };

    const readAll = async (ownerId: string, documentId: string, version: number) => {
      const out: Uint8Array[] = [];
      for (;;) {
        const batch = await storage.readChunks(ownerId, documentId, version, out.length, 2);
        out.push(...batch);
        if (batch.length < 2) return out;
      }
    };

    describe('uploads', () => {
      it('stores a document: invisible while uploading, then listed with its version', async () => {
        const { resident } = await enrolledResident();
        const chunks = content(3, 1000);
        const u = await created(upload(resident.id, chunks, { category: 'health' }));
        expect(u).toMatchObject({
          residentId: resident.id,
          version: 1,
          size: 2 * FULL + 1000,
          chunkCount: 3,
          chunksReceived: 0,
          bytesReceived: 0,
          createdAt: T0,
          expiresAt: at(60),
        });
        expect(await storage.listDocuments(resident.id)).toEqual([]);
        expect(await storage.getDocument(resident.id, u.documentId)).toBeNull();

        const first = await append(u, 0, chunks.slice(0, 2), at(1));
        expect(first).toEqual({
          ok: true,
          upload: { ...u, chunksReceived: 2, bytesReceived: 2 * FULL, expiresAt: at(61) },
        });
        expect(await storage.listDocuments(resident.id)).toEqual([]);
        expect((await append(u, 2, chunks.slice(2), at(5))).ok).toBe(true);
        expect(await storage.listDocuments(resident.id)).toEqual([]);

        const parts = sealed();
        const done = await complete(u, parts, at(6));
        const expected: DocumentRecord = {
          id: u.documentId,
          ownerId: resident.id,
          category: 'health',
          issuer: null,
          createdAt: T0,
          updatedAt: at(6),
          current: {
            documentId: u.documentId,
            version: 1,
            size: u.size,
            chunkCount: 3,
            ...parts,
            createdAt: at(6),
          },
          versionCount: 1,
        };
        expect(done).toEqual({ ok: true, document: expected, version: 1 });
        expect(await storage.listDocuments(resident.id)).toEqual([expected]);
        expect(await storage.getDocument(resident.id, u.documentId)).toEqual({
          document: expected,
          versions: [expected.current],
        });
        expect(concat(await readAll(resident.id, u.documentId, 1))).toEqual(concat(chunks));
        expect((await storage.getVaultState(resident.id, at(6))).usedBytes).toBe(u.size);
      });

      it('accepts a one-chunk document of the smallest and of the largest chunk', async () => {
        const { resident } = await enrolledResident();
        for (const n of [CHUNK_FRAMING.minChunkBytes, FULL]) {
          const chunks = content(1, n);
          const { document } = await stored(resident.id, chunks);
          expect(concat(await readAll(resident.id, document.id, 1))).toEqual(concat(chunks));
        }
      });

      it('refuses to start an upload before enrolment', async () => {
        const resident = await newResident();
        expect(await storage.createUpload(upload(resident.id, content(1, 100)))).toEqual({
          ok: false,
          reason: 'not-enrolled',
        });
      });

      it('refuses a size that does not fit the chunk count', async () => {
        const { resident } = await enrolledResident();
        for (const [size, chunkCount] of [
          [2 * FULL + CHUNK_FRAMING.minChunkBytes - 1, 3], // last chunk too short
          [3 * FULL + 1, 3], // last chunk too long
          [FULL, 2], // an empty last chunk
          [100, 0],
          [CHUNK_FRAMING.minChunkBytes - 1, 1],
        ] as const) {
          const result = await storage.createUpload(upload(resident.id, [], { size, chunkCount }));
          expect(result, `${size} bytes in ${chunkCount} chunks`).toEqual({
            ok: false,
            reason: 'bad-framing',
          });
        }
        expect((await storage.getVaultState(resident.id, T0)).usedBytes).toBe(0);
      });

      it('refuses a document above the maximum size', async () => {
        const { resident } = await enrolledResident();
        const limits = { quotaBytes: 100 * FULL, maxDocumentBytes: 2 * FULL - 1 };
        expect(
          await storage.createUpload(upload(resident.id, content(2, FULL), { limits })),
        ).toEqual({ ok: false, reason: 'too-large' });
        expect(
          (await storage.createUpload(upload(resident.id, content(2, FULL - 1), { limits }))).ok,
        ).toBe(true);
      });

      it('counts complete versions and open uploads against the quota, not expired ones', async () => {
        const { resident } = await enrolledResident();
        const limits = { quotaBytes: 5 * FULL, maxDocumentBytes: 5 * FULL };
        await stored(resident.id, content(2, FULL), { limits }); // 2 FULL, complete
        const open = await created(upload(resident.id, content(2, FULL), { limits })); // 2 FULL
        expect((await storage.getVaultState(resident.id, at(1))).usedBytes).toBe(4 * FULL);

        const tooMuch = upload(resident.id, content(2, 1000), { limits, now: at(1) });
        expect(await storage.createUpload(tooMuch)).toEqual({
          ok: false,
          reason: 'quota-exceeded',
        });
        expect(
          (await storage.createUpload(upload(resident.id, content(1, FULL), { limits }))).ok,
        ).toBe(true);
        // Exactly at the quota now; once the open upload has expired, its reservation is free.
        expect((await storage.getVaultState(resident.id, at(1))).usedBytes).toBe(5 * FULL);
        expect(open.expiresAt).toEqual(at(60));
        const later = upload(resident.id, content(2, FULL), { limits, now: at(60) });
        expect((await storage.createUpload(later)).ok).toBe(true);
      });

      it('keeps one resident’s quota apart from another’s', async () => {
        const a = await enrolledResident();
        const b = await enrolledResident();
        const limits = { quotaBytes: 2 * FULL, maxDocumentBytes: 2 * FULL };
        await stored(a.resident.id, content(2, FULL), { limits });
        expect(
          (await storage.createUpload(upload(b.resident.id, content(2, FULL), { limits }))).ok,
        ).toBe(true);
      });

      it('adds versions to the resident’s own visible document only', async () => {
        const { resident } = await enrolledResident();
        const stranger = await enrolledResident();
        const { document } = await stored(resident.id, content(1, 500), { category: 'tax' });
        const version = (overrides: Partial<CreateUploadInput>) =>
          upload(resident.id, content(1, 600), {
            newDocument: false,
            documentId: document.id,
            category: 'tax',
            ...overrides,
          });

        expect(await storage.createUpload(version({ residentId: stranger.resident.id }))).toEqual({
          ok: false,
          reason: 'document-not-found',
        });
        expect(await storage.createUpload(version({ documentId: randomUUID() }))).toEqual({
          ok: false,
          reason: 'document-not-found',
        });
        expect(await storage.createUpload(version({ category: 'health' }))).toEqual({
          ok: false,
          reason: 'category-mismatch',
        });
        // A document whose first upload is still open is not there yet.
        const pending = await created(upload(resident.id, content(1, 100)));
        expect(await storage.createUpload(version({ documentId: pending.documentId }))).toEqual({
          ok: false,
          reason: 'document-not-found',
        });

        const v2 = await created(version({}));
        expect(v2).toMatchObject({ documentId: document.id, version: 2 });
      });

      it('numbers versions in order and keeps the highest complete one current', async () => {
        const { resident } = await enrolledResident();
        const { document } = await stored(resident.id, content(1, 500), {}, at(2));
        const next = (chunks: Uint8Array[]) =>
          created(upload(resident.id, chunks, { newDocument: false, documentId: document.id }));
        const c2 = content(1, 600);
        const c3 = content(2, 700);
        const v2 = await next(c2);
        const v3 = await next(c3);
        expect([v2.version, v3.version]).toEqual([2, 3]);
        await append(v3, 0, c3);
        const done3 = await complete(v3, sealed(), at(4));
        expect(done3.ok && done3.document.current.version).toBe(3);
        await append(v2, 0, c2);
        const done2 = await complete(v2, sealed(), at(5));
        expect(done2.ok && done2.document).toMatchObject({
          current: { version: 3 },
          versionCount: 3,
          updatedAt: at(5),
          createdAt: T0,
        });
        const got = present(await storage.getDocument(resident.id, document.id));
        expect(got.versions.map((v) => v.version)).toEqual([3, 2, 1]);
        expect(concat(await readAll(resident.id, document.id, 2))).toEqual(concat(c2));
        expect(concat(await readAll(resident.id, document.id, 3))).toEqual(concat(c3));
      });
    });

    describe('appending chunks', () => {
      /** An open upload of 3 chunks (the last 1000 bytes) with `received` of them in. */
      const openUpload = async (received = 0) => {
        const { resident } = await enrolledResident();
        const chunks = content(3, 1000);
        const u = await created(upload(resident.id, chunks));
        if (received > 0) expect((await append(u, 0, chunks.slice(0, received))).ok).toBe(true);
        return { resident, chunks, u };
      };

      /** The refused append changed nothing: the right chunks from `received` still complete it. */
      const expectUntouched = async (
        u: UploadRecord,
        chunks: Uint8Array[],
        received: number,
      ): Promise<void> => {
        const rest = await append(u, received, chunks.slice(received));
        expect(rest.ok && rest.upload).toMatchObject({ chunksReceived: 3, bytesReceived: u.size });
        const done = await complete(u);
        expect(done.ok).toBe(true);
        expect(concat(await readAll(u.residentId, u.documentId, 1))).toEqual(concat(chunks));
      };

      it('refuses chunks out of order: ahead, or again from the start', async () => {
        const { chunks, u } = await openUpload(1);
        const ahead = await append(u, 2, chunks.slice(2));
        expect(ahead).toEqual({
          ok: false,
          reason: 'out-of-order',
          upload: expect.objectContaining({ chunksReceived: 1 }),
        });
        const replay = await append(u, 0, chunks.slice(0, 2));
        expect(replay.ok === false && replay.reason).toBe('out-of-order');
        await expectUntouched(u, chunks, 1);
      });

      it('refuses a short middle chunk, stores none of the batch', async () => {
        const { chunks, u } = await openUpload(0);
        const bad = [chunks[0]!, chunks[1]!.subarray(1), chunks[2]!];
        expect((await append(u, 0, bad)).ok === false).toBe(true);
        expect(await append(u, 0, bad)).toMatchObject({ ok: false, reason: 'bad-framing' });
        await expectUntouched(u, chunks, 0);
      });

      it('refuses a last chunk of the wrong length, and a chunk past the declared count', async () => {
        const { chunks, u } = await openUpload(2);
        const longer = Buffer.concat([chunks[2]!, Buffer.from([1])]);
        const shorter = chunks[2]!.subarray(0, 999);
        for (const wrong of [[longer], [shorter], [chunks[2]!, bytes(100)], []]) {
          expect(await append(u, 2, wrong)).toMatchObject({ ok: false, reason: 'bad-framing' });
        }
        await expectUntouched(u, chunks, 2);
      });

      it('answers not-found for an unknown upload, another resident’s, or an expired one', async () => {
        const { chunks, u } = await openUpload(0);
        const stranger = await enrolledResident();
        expect(await append({ ...u, uploadId: randomUUID() }, 0, chunks)).toEqual({
          ok: false,
          reason: 'not-found',
        });
        expect(await append({ ...u, residentId: stranger.resident.id }, 0, chunks)).toEqual({
          ok: false,
          reason: 'not-found',
        });
        expect(await append(u, 0, chunks, at(60))).toEqual({ ok: false, reason: 'not-found' });
        await expectUntouched(u, chunks, 0);
      });

      it('keeps an upload alive while it makes progress', async () => {
        const { chunks, u } = await openUpload(0);
        expect((await append(u, 0, chunks.slice(0, 1), at(50))).ok).toBe(true);
        // 100 minutes after it started, but 50 after its last progress.
        const late = await append(u, 1, chunks.slice(1), at(100));
        expect(late.ok && late.upload.expiresAt).toEqual(at(160));
        expect((await complete(u, sealed(), at(150))).ok).toBe(true);
      });
    });

    describe('completing, cancelling and purging uploads', () => {
      it('refuses to complete before the last chunk, changing nothing', async () => {
        const { resident } = await enrolledResident();
        const chunks = content(3, 1000);
        const u = await created(upload(resident.id, chunks));
        await append(u, 0, chunks.slice(0, 2));
        expect(await complete(u)).toEqual({
          ok: false,
          reason: 'incomplete',
          upload: expect.objectContaining({ chunksReceived: 2 }),
        });
        expect(await storage.listDocuments(resident.id)).toEqual([]);
        expect(await storage.readChunks(resident.id, u.documentId, 1, 0, 10)).toEqual([]);
        await append(u, 2, chunks.slice(2));
        expect((await complete(u)).ok).toBe(true);
      });

      it('refuses to complete another resident’s upload, an unknown one, or an expired one', async () => {
        const { resident } = await enrolledResident();
        const stranger = await enrolledResident();
        const chunks = content(1, 300);
        const u = await created(upload(resident.id, chunks));
        await append(u, 0, chunks);
        for (const attempt of [
          complete({ ...u, residentId: stranger.resident.id }),
          complete({ ...u, uploadId: randomUUID() }),
          complete(u, sealed(), at(61)),
        ]) {
          expect(await attempt).toEqual({ ok: false, reason: 'not-found' });
        }
        expect(await storage.listDocuments(resident.id)).toEqual([]);
        expect(await storage.listDocuments(stranger.resident.id)).toEqual([]);
      });

      it('spends the upload id at completion', async () => {
        const { resident } = await enrolledResident();
        const chunks = content(1, 300);
        const { upload: u } = await stored(resident.id, chunks);
        expect(await append(u, 1, [bytes(10)])).toEqual({ ok: false, reason: 'not-found' });
        expect(await complete(u)).toEqual({ ok: false, reason: 'not-found' });
        expect(await storage.cancelUpload(resident.id, u.uploadId)).toBe(false);
        expect(await storage.listDocuments(resident.id)).toHaveLength(1);
      });

      it('cancels a first upload: the document and its chunks are gone', async () => {
        const { resident } = await enrolledResident();
        const chunks = content(3, 1000);
        const u = await created(upload(resident.id, chunks));
        await append(u, 0, chunks);
        const stranger = await enrolledResident();
        expect(await storage.cancelUpload(stranger.resident.id, u.uploadId)).toBe(false);
        expect(await storage.cancelUpload(resident.id, u.uploadId)).toBe(true);
        expect(await storage.cancelUpload(resident.id, u.uploadId)).toBe(false);
        expect(await complete(u)).toEqual({ ok: false, reason: 'not-found' });
        expect((await storage.getVaultState(resident.id, at(1))).usedBytes).toBe(0);
        // The document id is free again: nothing of it was left behind.
        expect(
          (await storage.createUpload(upload(resident.id, chunks, { documentId: u.documentId })))
            .ok,
        ).toBe(true);
      });

      it('cancels a new version and leaves the document as it was', async () => {
        const { resident } = await enrolledResident();
        const first = content(1, 400);
        const { document } = await stored(resident.id, first);
        const v2 = await created(
          upload(resident.id, content(1, 500), { newDocument: false, documentId: document.id }),
        );
        expect(await storage.cancelUpload(resident.id, v2.uploadId)).toBe(true);
        expect(await storage.getDocument(resident.id, document.id)).toEqual({
          document,
          versions: [document.current],
        });
        expect(concat(await readAll(resident.id, document.id, 1))).toEqual(concat(first));
      });

      it('purges uploads expired by now, and only those', async () => {
        const { resident } = await enrolledResident();
        const chunks = content(2, 700);
        const old = await created(upload(resident.id, chunks, { expiresAt: at(30) }));
        await append(old, 0, chunks.slice(0, 1), at(1));
        // The append moved its expiry to at(61).
        const fresh = await created(upload(resident.id, chunks, { expiresAt: at(90) }));
        const { document } = await stored(resident.id, content(1, 100));
        const version = await created(
          upload(resident.id, content(1, 200), {
            newDocument: false,
            documentId: document.id,
            expiresAt: at(61),
          }),
        );

        expect(await storage.purgeExpiredUploads(at(60))).toBe(0);
        expect(await storage.purgeExpiredUploads(at(61))).toBe(2);
        expect(await storage.purgeExpiredUploads(at(61))).toBe(0);
        expect(await storage.cancelUpload(resident.id, old.uploadId)).toBe(false);
        expect(await storage.cancelUpload(resident.id, version.uploadId)).toBe(false);
        expect(await storage.getDocument(resident.id, document.id)).toMatchObject({
          document: { versionCount: 1 },
        });
        expect(
          (await storage.createUpload(upload(resident.id, chunks, { documentId: old.documentId })))
            .ok,
        ).toBe(true);
        expect((await append(fresh, 0, chunks, at(61))).ok).toBe(true);
      });
    });

    describe('documents', () => {
      it('lists the owner’s visible documents, most recently updated first', async () => {
        const { resident } = await enrolledResident();
        const stranger = await enrolledResident();
        const a = await stored(resident.id, content(1, 100), { category: 'identity' }, at(3));
        const b = await stored(resident.id, content(1, 100), { category: 'family' }, at(5));
        await stored(stranger.resident.id, content(1, 100), {}, at(4));
        await created(upload(resident.id, content(1, 100)));
        expect(await storage.listDocuments(resident.id)).toEqual([b.document, a.document]);
        expect(await storage.listDocuments((await newResident()).id)).toEqual([]);
      });

      it('hides another resident’s document behind null, like an unknown one', async () => {
        const { resident } = await enrolledResident();
        const stranger = await enrolledResident();
        const { document } = await stored(resident.id, content(2, 100));
        expect(await storage.getDocument(stranger.resident.id, document.id)).toBeNull();
        expect(await storage.getDocument(resident.id, randomUUID())).toBeNull();
        expect(await storage.getDocument(resident.id, 'not-a-uuid')).toBeNull();
        expect(await storage.readChunks(stranger.resident.id, document.id, 1, 0, 10)).toEqual([]);
        expect(await storage.deleteDocument(stranger.resident.id, document.id)).toBe(false);
        expect(await storage.getDocument(resident.id, document.id)).not.toBeNull();
      });

      it('reads chunks in batches, and nothing past the end or of a version that is not there', async () => {
        const { resident } = await enrolledResident();
        const chunks = content(3, 1000);
        const { document } = await stored(resident.id, chunks);
        const batch = await storage.readChunks(resident.id, document.id, 1, 1, 5);
        expect(batch.map((c) => Buffer.from(c))).toEqual(
          chunks.slice(1).map((c) => Buffer.from(c)),
        );
        expect(await storage.readChunks(resident.id, document.id, 1, 3, 5)).toEqual([]);
        expect(await storage.readChunks(resident.id, document.id, 2, 0, 5)).toEqual([]);
      });

      it('deletes a document with every version, chunk and open upload', async () => {
        const { resident } = await enrolledResident();
        const { document } = await stored(resident.id, content(2, 100));
        await stored(resident.id, content(1, 100), {
          newDocument: false,
          documentId: document.id,
        });
        const chunks = content(2, 900);
        const open = await created(
          upload(resident.id, chunks, { newDocument: false, documentId: document.id }),
        );
        await append(open, 0, chunks.slice(0, 1));
        const other = await stored(resident.id, content(1, 100));

        expect(await storage.deleteDocument(resident.id, document.id)).toBe(true);
        expect(await storage.getDocument(resident.id, document.id)).toBeNull();
        expect(await storage.listDocuments(resident.id)).toEqual([other.document]);
        for (const version of [1, 2, 3]) {
          expect(await storage.readChunks(resident.id, document.id, version, 0, 10)).toEqual([]);
        }
        expect(await append(open, 1, chunks.slice(1))).toEqual({ ok: false, reason: 'not-found' });
        expect(await storage.cancelUpload(resident.id, open.uploadId)).toBe(false);
        expect(await storage.deleteDocument(resident.id, document.id)).toBe(false);
        expect((await storage.getVaultState(resident.id, at(1))).usedBytes).toBe(
          other.document.current.size,
        );
      });

      it('does not delete a document whose first upload is still open (cancel it instead)', async () => {
        const { resident } = await enrolledResident();
        const u = await created(upload(resident.id, content(1, 100)));
        expect(await storage.deleteDocument(resident.id, u.documentId)).toBe(false);
        expect(await storage.cancelUpload(resident.id, u.uploadId)).toBe(true);
      });

      it('returns fresh document records and chunks', async () => {
        const { resident } = await enrolledResident();
        const chunks = content(1, 100);
        const { document } = await stored(resident.id, chunks);
        const listed = present((await storage.listDocuments(resident.id))[0]);
        flip(listed.current.wrappedKey);
        listed.current.createdAt.setTime(0);
        listed.category = 'other';
        const got = present(await storage.getDocument(resident.id, document.id));
        flip(present(got.versions[0]).metadata);
        const [chunk] = await storage.readChunks(resident.id, document.id, 1, 0, 1);
        flip(present(chunk));
        expect(await storage.getDocument(resident.id, document.id)).toEqual({
          document,
          versions: [document.current],
        });
        expect(concat(await readAll(resident.id, document.id, 1))).toEqual(concat(chunks));
      });
    });

    describe('putVersion', () => {
      /** One write of a whole version: fresh sealed parts, category tax, at(2), the usual limits. */
      const putInput = (
        residentId: string,
        documentId: string,
        version: number,
        chunks: Uint8Array[],
        overrides: Partial<PutVersionInput> = {},
      ): PutVersionInput => ({
        residentId,
        documentId,
        version,
        category: 'tax',
        chunks,
        ...sealed(),
        now: at(2),
        limits: LIMITS,
        ...overrides,
      });

      /** Stores a version that must be created; returns the document as it is after. */
      const put = async (input: PutVersionInput): Promise<DocumentRecord> => {
        const result = await storage.putVersion(input);
        if (!result.ok) throw new Error(`putVersion refused: ${result.reason}`);
        expect(result.created).toBe(true);
        return result.document;
      };

      /** Everything of a resident that a refused write must leave as it was. */
      const snapshot = async (residentId: string, when: Date) => ({
        documents: await storage.listDocuments(residentId),
        usedBytes: (await storage.getVaultState(residentId, when)).usedBytes,
      });

      /**
       * Asserts a refusal and that it changed nothing: the documents and usage of the resident (and
       * of `others`), and the chunks stored, if any, under the document id and version it named.
       */
      const expectRefused = async (
        input: PutVersionInput,
        reason: Extract<PutVersionResult, { ok: false }>['reason'],
        others: string[] = [],
        label: string = reason,
      ): Promise<void> => {
        const residents = [input.residentId, ...others];
        const look = () => Promise.all(residents.map((r) => snapshot(r, input.now)));
        const chunksOf = () =>
          Promise.all(
            residents.map((r) => storage.readChunks(r, input.documentId, input.version, 0, 100)),
          );
        const before = await look();
        const chunksBefore = await chunksOf();
        expect(await storage.putVersion(input), label).toEqual({ ok: false, reason });
        expect(await look(), label).toEqual(before);
        expect(await chunksOf(), label).toEqual(chunksBefore);
      };

      it('stores version 1 in one write: listed and readable at once, its size counted', async () => {
        const { resident } = await enrolledResident();
        const chunks = content(3, 1000);
        const input = putInput(resident.id, randomUUID(), 1, chunks, {
          category: 'health',
          now: at(3),
        });
        const expected: DocumentRecord = {
          id: input.documentId,
          ownerId: resident.id,
          category: 'health',
          issuer: null,
          createdAt: at(3),
          updatedAt: at(3),
          current: {
            documentId: input.documentId,
            version: 1,
            size: 2 * FULL + 1000,
            chunkCount: 3,
            header: input.header,
            wrappedKey: input.wrappedKey,
            metadata: input.metadata,
            createdAt: at(3),
          },
          versionCount: 1,
        };
        expect(await storage.putVersion(input)).toEqual({
          ok: true,
          created: true,
          document: expected,
        });
        expect(await storage.listDocuments(resident.id)).toEqual([expected]);
        expect(await storage.getDocument(resident.id, input.documentId)).toEqual({
          document: expected,
          versions: [expected.current],
        });
        expect(concat(await readAll(resident.id, input.documentId, 1))).toEqual(concat(chunks));
        expect((await storage.getVaultState(resident.id, at(3))).usedBytes).toBe(2 * FULL + 1000);
      });

      it('accepts one chunk of the smallest and of the largest length; usage grows with each', async () => {
        const { resident } = await enrolledResident();
        let used = 0;
        for (const n of [CHUNK_FRAMING.minChunkBytes, FULL]) {
          const chunks = content(1, n);
          const document = await put(putInput(resident.id, randomUUID(), 1, chunks));
          expect(document.current).toMatchObject({ size: n, chunkCount: 1 });
          expect(concat(await readAll(resident.id, document.id, 1))).toEqual(concat(chunks));
          used += n;
          expect((await storage.getVaultState(resident.id, at(2))).usedBytes).toBe(used);
        }
      });

      it('makes version 2 current and keeps version 1', async () => {
        const { resident } = await enrolledResident();
        const id = randomUUID();
        const c1 = content(1, 500);
        const c2 = content(2, 700);
        const v1 = await put(putInput(resident.id, id, 1, c1, { now: at(2) }));
        const in2 = putInput(resident.id, id, 2, c2, { now: at(4) });
        const v2 = await put(in2);
        expect(v2).toEqual({
          ...v1,
          updatedAt: at(4),
          current: {
            documentId: id,
            version: 2,
            size: FULL + 700,
            chunkCount: 2,
            header: in2.header,
            wrappedKey: in2.wrappedKey,
            metadata: in2.metadata,
            createdAt: at(4),
          },
          versionCount: 2,
        });
        expect(await storage.listDocuments(resident.id)).toEqual([v2]);
        expect(await storage.getDocument(resident.id, id)).toEqual({
          document: v2,
          versions: [v2.current, v1.current],
        });
        expect(concat(await readAll(resident.id, id, 1))).toEqual(concat(c1));
        expect(concat(await readAll(resident.id, id, 2))).toEqual(concat(c2));
        expect((await storage.getVaultState(resident.id, at(4))).usedBytes).toBe(
          sizeOf(c1) + sizeOf(c2),
        );
      });

      it('numbers versions together with uploads in several requests, either way round', async () => {
        const { resident } = await enrolledResident();
        const { document } = await stored(resident.id, content(1, 300), {}, at(2));
        const v2 = await put(
          putInput(resident.id, document.id, 2, content(1, 400), { now: at(3) }),
        );
        expect(v2).toMatchObject({
          id: document.id,
          createdAt: document.createdAt,
          updatedAt: at(3),
          current: { version: 2, size: 400 },
          versionCount: 2,
        });
        // The next multi-request upload of the document is version 3.
        const c3 = content(1, 500);
        const v3 = await stored(
          resident.id,
          c3,
          { newDocument: false, documentId: document.id },
          at(4),
        );
        expect(v3.upload.version).toBe(3);
        expect(v3.document).toMatchObject({ current: { version: 3 }, versionCount: 3 });
        const got = present(await storage.getDocument(resident.id, document.id));
        expect(got.versions.map((v) => v.version)).toEqual([3, 2, 1]);
        expect(concat(await readAll(resident.id, document.id, 3))).toEqual(concat(c3));
      });

      it('answers the same write again with the stored document, created: false, writing nothing', async () => {
        const { resident } = await enrolledResident();
        const id = randomUUID();
        const c1 = content(2, 900);
        // A quota that this very version fills: the retry must not count it twice.
        const limits = { quotaBytes: sizeOf(c1) + 600, maxDocumentBytes: LIMITS.maxDocumentBytes };
        const in1 = putInput(resident.id, id, 1, c1, { now: at(2), limits });
        const first = await put(in1);
        const before = await snapshot(resident.id, at(10));

        // The same request once more, later: its answer was lost.
        const again = await storage.putVersion({ ...in1, now: at(10) });
        expect(again).toEqual({ ok: true, created: false, document: first });
        expect(await snapshot(resident.id, at(10))).toEqual(before);
        expect(present(await storage.getDocument(resident.id, id)).versions).toEqual([
          first.current,
        ]);
        expect(concat(await readAll(resident.id, id, 1))).toEqual(concat(c1));

        // After version 2, a replay of version 1 still writes nothing, and shows the document now.
        const second = await put(
          putInput(resident.id, id, 2, content(1, 600), { now: at(11), limits }),
        );
        const afterSecond = await snapshot(resident.id, at(12));
        const late = await storage.putVersion({ ...in1, now: at(12) });
        expect(late).toEqual({ ok: true, created: false, document: second });
        expect(await snapshot(resident.id, at(12))).toEqual(afterSecond);
        expect(second.versionCount).toBe(2);
        expect(concat(await readAll(resident.id, id, 1))).toEqual(concat(c1));
      });

      it('refuses before enrolment', async () => {
        const resident = await newResident();
        const input = putInput(resident.id, randomUUID(), 1, content(1, 100));
        await expectRefused(input, 'not-enrolled');
        expect(await storage.getDocument(resident.id, input.documentId)).toBeNull();
      });

      it('refuses chunks whose lengths do not fit the framing, storing none of them', async () => {
        const { resident } = await enrolledResident();
        const id = randomUUID();
        const min = CHUNK_FRAMING.minChunkBytes;
        for (const [label, chunks] of [
          ['a short middle chunk', [bytes(FULL), bytes(FULL - 1), bytes(100)]],
          ['a short first chunk', [bytes(100), bytes(100)]],
          ['a chunk longer than a full one', [bytes(FULL + 1)]],
          ['a last chunk too short to hold a byte', [bytes(min - 1)]],
          ['an empty last chunk', [bytes(FULL), bytes(0)]],
          ['no chunk at all', []],
        ] as const) {
          const input = putInput(resident.id, id, 1, [...chunks]);
          await expectRefused(input, 'bad-framing', [], label);
        }
        expect(await storage.getDocument(resident.id, id)).toBeNull();
        // Nothing of the refused writes holds the id.
        await put(putInput(resident.id, id, 1, content(2, min)));
      });

      it('refuses a version above the maximum document size; exactly the maximum is fine', async () => {
        const { resident } = await enrolledResident();
        const limits = { quotaBytes: 100 * FULL, maxDocumentBytes: 2 * FULL - 1 };
        const id = randomUUID();
        await expectRefused(
          putInput(resident.id, id, 1, content(2, FULL), { limits }),
          'too-large',
        );
        const document = await put(putInput(resident.id, id, 1, content(2, FULL - 1), { limits }));
        await expectRefused(
          putInput(resident.id, id, 2, content(2, FULL), { limits }),
          'too-large',
        );
        expect(document.current.size).toBe(2 * FULL - 1);
      });

      it('refuses version 1 of an id that exists already, even the resident’s own upload in progress', async () => {
        const { resident } = await enrolledResident();
        const mine = await put(putInput(resident.id, randomUUID(), 1, content(1, 100)));
        await expectRefused(putInput(resident.id, mine.id, 1, content(1, 100)), 'conflict');
        const { document } = await stored(resident.id, content(1, 200));
        await expectRefused(putInput(resident.id, document.id, 1, content(1, 200)), 'conflict');

        const chunks = content(1, 300);
        const pending = await created(upload(resident.id, chunks));
        await expectRefused(putInput(resident.id, pending.documentId, 1, chunks), 'conflict');
        // The upload in progress is untouched and still completes.
        expect((await append(pending, 0, chunks)).ok).toBe(true);
        const done = await complete(pending);
        expect(done.ok && done.document.current).toMatchObject({ version: 1, size: 300 });
        expect(concat(await readAll(resident.id, pending.documentId, 1))).toEqual(concat(chunks));
        expect(present(await storage.getDocument(resident.id, mine.id)).document).toEqual(mine);
      });

      it('refuses a later version of a document the resident cannot see (document-not-found)', async () => {
        const { resident } = await enrolledResident();
        await expectRefused(
          putInput(resident.id, randomUUID(), 2, content(1, 100)),
          'document-not-found',
        );
        await expectRefused(
          putInput(resident.id, randomUUID(), 7, content(1, 100)),
          'document-not-found',
        );
        // A document whose first upload is still open is not there yet.
        const pending = await created(upload(resident.id, content(1, 100)));
        await expectRefused(
          putInput(resident.id, pending.documentId, 2, content(1, 100)),
          'document-not-found',
        );
        expect(await storage.cancelUpload(resident.id, pending.uploadId)).toBe(true);
      });

      it('refuses a new version in another category', async () => {
        const { resident } = await enrolledResident();
        const document = await put(
          putInput(resident.id, randomUUID(), 1, content(1, 100), { category: 'tax' }),
        );
        await expectRefused(
          putInput(resident.id, document.id, 2, content(1, 100), { category: 'health' }),
          'category-mismatch',
        );
        expect(
          (await put(putInput(resident.id, document.id, 2, content(1, 100), { category: 'tax' })))
            .current.version,
        ).toBe(2);
      });

      it('refuses a version that is not one above the highest (conflict)', async () => {
        const { resident } = await enrolledResident();
        const id = randomUUID();
        await put(putInput(resident.id, id, 1, content(1, 100)));
        for (const version of [3, 4, 1_000_000]) {
          await expectRefused(putInput(resident.id, id, version, content(1, 100)), 'conflict');
        }
        const v2 = await put(putInput(resident.id, id, 2, content(1, 200)));
        // Version 2 again, or 1 again, with another stream: a different version, not a replay.
        await expectRefused(putInput(resident.id, id, 2, content(1, 200)), 'conflict');
        await expectRefused(putInput(resident.id, id, 1, content(1, 100)), 'conflict');
        await expectRefused(putInput(resident.id, id, 4, content(1, 100)), 'conflict');
        expect(present(await storage.getDocument(resident.id, id)).document).toEqual(v2);
      });

      it('counts complete versions and open uploads against the quota, not expired ones', async () => {
        const { resident } = await enrolledResident();
        const limits = { quotaBytes: 5 * FULL, maxDocumentBytes: 5 * FULL };
        const { document } = await stored(resident.id, content(2, FULL), { limits }); // 2 FULL
        await created(upload(resident.id, content(2, FULL), { limits })); // 2 FULL until at(60)
        expect((await storage.getVaultState(resident.id, at(1))).usedBytes).toBe(4 * FULL);

        await expectRefused(
          putInput(resident.id, randomUUID(), 1, content(2, 1000), { limits, now: at(1) }),
          'quota-exceeded',
        );
        await expectRefused(
          putInput(resident.id, document.id, 2, content(2, 1000), { limits, now: at(1) }),
          'quota-exceeded',
        );
        // Exactly at the quota is fine.
        await put(putInput(resident.id, document.id, 2, content(1, FULL), { limits, now: at(1) }));
        expect((await storage.getVaultState(resident.id, at(1))).usedBytes).toBe(5 * FULL);
        await expectRefused(
          putInput(resident.id, randomUUID(), 1, content(1, CHUNK_FRAMING.minChunkBytes), {
            limits,
            now: at(1),
          }),
          'quota-exceeded',
        );
        // Once the open upload has expired, its reservation is free again.
        await put(
          putInput(resident.id, randomUUID(), 1, content(2, FULL), { limits, now: at(60) }),
        );
        expect((await storage.getVaultState(resident.id, at(60))).usedBytes).toBe(5 * FULL);
      });

      it('checks in order: enrolment, framing, size, document, category, version, quota', async () => {
        const { resident } = await enrolledResident();
        const stranger = await newResident();
        const badFraming = [bytes(FULL), bytes(100), bytes(100)];
        const nothing = { quotaBytes: 1, maxDocumentBytes: 1 };
        const document = await put(putInput(resident.id, randomUUID(), 1, content(1, 100)));

        await expectRefused(
          putInput(stranger.id, document.id, 2, badFraming, { limits: nothing }),
          'not-enrolled',
        );
        await expectRefused(
          putInput(resident.id, randomUUID(), 2, badFraming, { limits: nothing }),
          'bad-framing',
        );
        await expectRefused(
          putInput(resident.id, randomUUID(), 2, content(1, 100), { limits: nothing }),
          'too-large',
        );
        const noRoom = { quotaBytes: 1, maxDocumentBytes: FULL };
        await expectRefused(
          putInput(resident.id, randomUUID(), 2, content(1, 100), { limits: noRoom }),
          'document-not-found',
        );
        await expectRefused(
          putInput(resident.id, document.id, 5, content(1, 100), {
            category: 'work',
            limits: noRoom,
          }),
          'category-mismatch',
        );
        await expectRefused(
          putInput(resident.id, document.id, 5, content(1, 100), { limits: noRoom }),
          'conflict',
        );
        await expectRefused(
          putInput(resident.id, document.id, 2, content(1, 100), { limits: noRoom }),
          'quota-exceeded',
        );
      });

      it('leaves a version reserved by an upload in progress to that upload', async () => {
        const { resident } = await enrolledResident();
        const id = randomUUID();
        const c1 = content(1, 100);
        await put(putInput(resident.id, id, 1, c1, { now: at(1) }));
        const c2 = content(2, 500);
        const reserved = await created(
          upload(resident.id, c2, { newDocument: false, documentId: id, now: at(1) }),
        );
        expect(reserved.version).toBe(2);
        expect((await append(reserved, 0, c2.slice(0, 1))).ok).toBe(true);

        await expectRefused(
          putInput(resident.id, id, 2, content(1, 200), { now: at(1) }),
          'conflict',
        );
        const c3 = content(1, 300);
        const v3 = await put(putInput(resident.id, id, 3, c3, { now: at(3) }));
        expect(v3).toMatchObject({ current: { version: 3 }, versionCount: 2 });

        // The reservation completes later; the highest version stays current.
        expect((await append(reserved, 1, c2.slice(1), at(4))).ok).toBe(true);
        const done = await complete(reserved, sealed(), at(5));
        expect(done.ok && done.document).toMatchObject({
          current: { version: 3 },
          versionCount: 3,
          updatedAt: at(5),
        });
        const got = present(await storage.getDocument(resident.id, id));
        expect(got.document.current).toEqual(v3.current);
        expect(got.versions.map((v) => v.version)).toEqual([3, 2, 1]);
        for (const [version, chunks] of [
          [1, c1],
          [2, c2],
          [3, c3],
        ] as const) {
          expect(concat(await readAll(resident.id, id, version)), `version ${version}`).toEqual(
            concat(chunks),
          );
        }
        expect((await storage.getVaultState(resident.id, at(5))).usedBytes).toBe(
          sizeOf(c1) + sizeOf(c2) + sizeOf(c3),
        );
        await put(putInput(resident.id, id, 4, content(1, 100), { now: at(6) }));
      });

      it('frees a reserved version number once its upload is cancelled or purged', async () => {
        const { resident } = await enrolledResident();
        const id = randomUUID();
        await put(putInput(resident.id, id, 1, content(1, 100), { now: at(1) }));
        const cancelled = await created(
          upload(resident.id, content(1, 100), { newDocument: false, documentId: id, now: at(1) }),
        );
        expect(await storage.cancelUpload(resident.id, cancelled.uploadId)).toBe(true);
        await put(putInput(resident.id, id, 2, content(1, 100), { now: at(2) }));
        const purged = await created(
          upload(resident.id, content(1, 100), {
            newDocument: false,
            documentId: id,
            now: at(2),
            expiresAt: at(30),
          }),
        );
        expect(purged.version).toBe(3);
        expect(await storage.purgeExpiredUploads(at(30))).toBe(1);
        const v3 = await put(putInput(resident.id, id, 3, content(1, 100), { now: at(31) }));
        expect(v3).toMatchObject({ current: { version: 3 }, versionCount: 3 });
      });

      it('never lets another resident add a version to a document or take its id', async () => {
        const a = await enrolledResident();
        const b = await enrolledResident();
        const aChunks = content(1, 400);
        const aInput = putInput(a.resident.id, randomUUID(), 1, aChunks);
        const document = await put(aInput);
        const others = [a.resident.id];

        await expectRefused(
          putInput(b.resident.id, document.id, 2, content(1, 100)),
          'document-not-found',
          others,
        );
        await expectRefused(
          putInput(b.resident.id, document.id, 1, content(1, 100)),
          'conflict',
          others,
        );
        // Even A's own request, replayed by B, is no replay for B.
        await expectRefused({ ...aInput, residentId: b.resident.id }, 'conflict', others);
        // Nor the id of A's first upload still in progress.
        const pending = await created(upload(a.resident.id, content(1, 100)));
        await expectRefused(
          putInput(b.resident.id, pending.documentId, 1, content(1, 100)),
          'conflict',
          others,
        );
        await expectRefused(
          putInput(b.resident.id, pending.documentId, 2, content(1, 100)),
          'document-not-found',
          others,
        );

        expect(await storage.getDocument(a.resident.id, document.id)).toEqual({
          document,
          versions: [document.current],
        });
        expect(concat(await readAll(a.resident.id, document.id, 1))).toEqual(concat(aChunks));
        expect(await storage.getDocument(b.resident.id, document.id)).toBeNull();
        expect(await storage.listDocuments(b.resident.id)).toEqual([]);
        expect((await storage.getVaultState(b.resident.id, at(2))).usedBytes).toBe(0);
      });

      it('deleteDocument takes every version stored in one write, and gives its bytes back', async () => {
        const { resident } = await enrolledResident();
        const id = randomUUID();
        await put(putInput(resident.id, id, 1, content(2, 100)));
        await put(putInput(resident.id, id, 2, content(1, 100)));
        const chunks = content(2, 900);
        const open = await created(
          upload(resident.id, chunks, { newDocument: false, documentId: id }),
        );
        await append(open, 0, chunks.slice(0, 1));
        const other = await put(putInput(resident.id, randomUUID(), 1, content(1, 300)));

        expect(await storage.deleteDocument(resident.id, id)).toBe(true);
        expect(await storage.getDocument(resident.id, id)).toBeNull();
        expect(await storage.listDocuments(resident.id)).toEqual([other]);
        for (const version of [1, 2, 3]) {
          expect(await storage.readChunks(resident.id, id, version, 0, 10)).toEqual([]);
        }
        expect(await storage.cancelUpload(resident.id, open.uploadId)).toBe(false);
        expect((await storage.getVaultState(resident.id, at(2))).usedBytes).toBe(300);
        expect(await storage.deleteDocument(resident.id, other.id)).toBe(true);
        expect((await storage.getVaultState(resident.id, at(2))).usedBytes).toBe(0);
      });

      it('keeps its own copy of what it was given and returns fresh records', async () => {
        const { resident } = await enrolledResident();
        const chunks = content(1, 100);
        const original = Buffer.from(chunks[0]!);
        const input = putInput(resident.id, randomUUID(), 1, chunks);
        const header = Buffer.from(input.header);
        const document = await put(input);
        flip(chunks[0]!);
        flip(input.header);
        flip(document.current.wrappedKey);
        document.updatedAt.setTime(0);
        const got = present(await storage.getDocument(resident.id, input.documentId));
        expect(Buffer.from(got.document.current.header)).toEqual(header);
        expect(got.document.updatedAt).toEqual(at(2));
        expect(got.document.current.wrappedKey).not.toEqual(document.current.wrappedKey);
        expect(concat(await readAll(resident.id, input.documentId, 1))).toEqual(original);
      });
    });

    // --- access log (issue 4, DESIGN §5) -------------------------------------------------------------

    /** An entry to append. The leaf is opaque to the store: any bytes, kept byte for byte. */
    const logAppend = (residentId: string, overrides: Partial<LogAppend> = {}): LogAppend => ({
      residentId,
      at: T0,
      actorKind: 'resident',
      actorId: residentId,
      action: 'document.read',
      documentId: null,
      leaf: new Uint8Array(Buffer.from(`{"entry":"${randomUUID()}"}`)),
      ...overrides,
    });

    const appendOne = async (entry: LogAppend): Promise<LogEntryRecord> => {
      const [record] = await storage.appendLog([entry]);
      return present(record);
    };

    const byIndex = (records: LogEntryRecord[]): LogEntryRecord[] =>
      [...records].sort((a, b) => a.index - b.index);

    const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

    /** Every complete subtree of the tree of `size` leaves, as (level, index) keys. */
    const completeSubtrees = (size: number): LogNodeKey[] => {
      const keys: LogNodeKey[] = [];
      for (let level = 0; 2 ** level <= size; level += 1) {
        for (let index = 0; (index + 1) * 2 ** level <= size; index += 1) {
          keys.push({ level, index });
        }
      }
      return keys;
    };

    describe('access log: appends and subtree hashes', () => {
      beforeAll(async () => {
        await sodiumReady();
      });

      it('numbers entries consecutively from 0, across calls, and returns them as appended', async () => {
        expect(await storage.logSize()).toBe(0);
        const resident = await newResident();
        const a = logAppend(resident.id, { action: 'sign-in', actorId: null });
        const b = logAppend(resident.id, { actorKind: 'service', actorId: 'registry-office' });
        const c = logAppend(resident.id, { documentId: randomUUID(), at: at(5) });
        expect(await storage.appendLog([a, b])).toEqual([
          { ...a, index: 0 },
          { ...b, index: 1 },
        ]);
        expect(await storage.appendLog([c])).toEqual([{ ...c, index: 2 }]);
        expect(await storage.appendLog([])).toEqual([]);
        expect(await storage.logSize()).toBe(3);
        expect(byIndex(await storage.getLogEntries([2, 0, 7]))).toEqual([
          { ...a, index: 0 },
          { ...c, index: 2 },
        ]);
        expect(await storage.getLogEntries([3])).toEqual([]);
      });

      it('gives concurrent appends distinct, consecutive indexes', async () => {
        const resident = await newResident();
        const entries = Array.from({ length: 20 }, () => logAppend(resident.id));
        const appended = await Promise.all(entries.map((e) => storage.appendLog([e])));
        const indexes = appended.map((records) => present(records[0]).index);
        expect([...indexes].sort((x, y) => x - y)).toEqual(entries.map((_, i) => i));
        const stored = await storage.getLogEntries(indexes);
        for (const [i, entry] of entries.entries()) {
          const record = stored.find((r) => r.index === indexes[i]);
          expect(record).toEqual({ ...entry, index: indexes[i] });
        }
        expect(await storage.logSize()).toBe(20);
      });

      it('keeps every complete subtree hash as crypto/ computes it, for every size from 1 to 70, so proofs and roots built from them verify', async () => {
        const resident = await newResident();
        const leafHashes: Hash[] = [];
        const roots: Hash[] = [];
        for (let size = 1; size <= 70; size += 1) {
          const entry = logAppend(resident.id);
          expect((await appendOne(entry)).index).toBe(size - 1);
          leafHashes.push(leafHash(entry.leaf));
          roots[size] = treeHead(leafHashes);

          const keys = completeSubtrees(size);
          const nodes = await storage.getLogNodes(keys);
          expect(nodes).toHaveLength(keys.length);
          // Compared as one list per size: thousands of expect() calls would be the slow part.
          const references = keys.map(({ level, index }) =>
            hexOf(treeHead(leafHashes.slice(index * 2 ** level, (index + 1) * 2 ** level))),
          );
          expect(nodes.map(hexOf), `subtrees of ${size}`).toEqual(references);
          const stored = new Map(keys.map(({ level, index }, i) => [`${level}/${index}`, i]));
          const nodeAt = (level: number, index: number): Hash => {
            const i = stored.get(`${level}/${index}`);
            if (i === undefined) throw new Error(`asked for ${level}/${index}, not complete`);
            return asHash(nodes[i]!);
          };

          const root = treeRoot(size, nodeAt);
          expect(hexOf(root), `root of ${size}`).toBe(hexOf(present(roots[size])));
          for (let index = 0; index < size; index += 1) {
            const proof = proveInclusion(index, size, nodeAt);
            verifyInclusion(index, size, present(leafHashes[index]), proof, root);
          }
          for (let older = 1; older < size; older += 1) {
            const proof = proveConsistency(older, size, nodeAt);
            verifyConsistency(older, size, proof, present(roots[older]), root);
          }
        }

        const hexes = (nodes: Uint8Array[]) => nodes.map(hexOf);
        expect(hexes(await storage.getLogNodeRange(0, 0, 100))).toEqual(hexes(leafHashes));
        expect(hexes(await storage.getLogNodeRange(0, 64, 10))).toEqual(
          hexes(leafHashes.slice(64)),
        );
        const level1 = await storage.getLogNodes(
          [30, 31, 32, 33, 34].map((index) => ({ level: 1, index })),
        );
        expect(hexes(await storage.getLogNodeRange(1, 30, 10))).toEqual(hexes(level1));
        expect(hexes(await storage.getLogNodeRange(6, 0, 5))).toEqual([
          hexOf(treeHead(leafHashes.slice(0, 64))),
        ]);
        expect(await storage.getLogNodeRange(0, 70, 5)).toEqual([]);
      });

      it('getLogNodes throws for a node it does not hold, rather than guess', async () => {
        await expect(storage.getLogNodes([{ level: 0, index: 0 }])).rejects.toThrow();
        const resident = await newResident();
        await storage.appendLog(Array.from({ length: 5 }, () => logAppend(resident.id)));
        const held: LogNodeKey[] = [
          { level: 0, index: 4 },
          { level: 1, index: 1 },
          { level: 2, index: 0 },
        ];
        expect(await storage.getLogNodes(held)).toHaveLength(3);
        expect(await storage.getLogNodes([])).toEqual([]);
        const missing: LogNodeKey[] = [
          { level: 0, index: 5 }, // beyond the log
          { level: 1, index: 2 }, // leaves 4–5: not complete
          { level: 3, index: 0 }, // leaves 0–7: not complete
          { level: 0, index: -1 },
        ];
        for (const key of missing) {
          await expect(
            storage.getLogNodes([...held, key]),
            `${key.level}/${key.index}`,
          ).rejects.toThrow();
        }
      });

      it('keeps its own copy of entries and hashes and returns fresh records', async () => {
        const resident = await newResident();
        const entry = logAppend(resident.id);
        const original = Buffer.from(entry.leaf);
        const [record] = await storage.appendLog([entry]);
        flip(entry.leaf);
        flip(present(record).leaf);
        present(record).at.setTime(0);
        const [again] = await storage.getLogEntries([0]);
        expect(Buffer.from(present(again).leaf)).toEqual(original);
        expect(present(again).at).toEqual(T0);
        const [node] = await storage.getLogNodes([{ level: 0, index: 0 }]);
        flip(present(node));
        const [fresh] = await storage.getLogNodes([{ level: 0, index: 0 }]);
        expect(hexOf(present(fresh))).toBe(hexOf(leafHash(original)));
      });
    });

    describe('access log: checkpoints', () => {
      const checkpoint = (size: number, minutes = 0): LogCheckpointRecord => ({
        size,
        rootHash: bytes(32),
        note: `vault.example.city/log\n${size}\n${randomBytes(32).toString('base64')}\n\n— sig\n`,
        createdAt: at(minutes),
      });

      it('stores checkpoints that only move forward: a size not above the largest is stale', async () => {
        expect(await storage.latestCheckpoint()).toBeNull();
        expect(await storage.getCheckpoint(3)).toBeNull();
        const three = checkpoint(3, 1);
        expect(await storage.storeCheckpoint(three)).toBe('stored');
        expect(await storage.latestCheckpoint()).toEqual(three);
        expect(await storage.getCheckpoint(3)).toEqual(three);

        expect(await storage.storeCheckpoint(checkpoint(3, 2))).toBe('stale');
        expect(await storage.storeCheckpoint(checkpoint(2, 2))).toBe('stale');
        expect(await storage.getCheckpoint(2)).toBeNull();
        expect(await storage.getCheckpoint(3)).toEqual(three);

        const five = checkpoint(5, 3);
        expect(await storage.storeCheckpoint(five)).toBe('stored');
        expect(await storage.storeCheckpoint(checkpoint(4, 4))).toBe('stale');
        expect(await storage.latestCheckpoint()).toEqual(five);
        expect(await storage.getCheckpoint(3)).toEqual(three);
        expect(await storage.getCheckpoint(4)).toBeNull();

        const returned = present(await storage.latestCheckpoint());
        flip(returned.rootHash);
        expect(await storage.latestCheckpoint()).toEqual(five);
      });
    });

    describe('access log: entries that commit with a change (Audit)', () => {
      const versionInput = (residentId: string, documentId = randomUUID()): PutVersionInput => ({
        residentId,
        documentId,
        version: 1,
        category: 'tax',
        chunks: content(1, 100),
        ...sealed(),
        now: at(2),
        limits: LIMITS,
      });

      const injected = new Error('injected audit failure');
      const failing = (): never => {
        throw injected;
      };

      it('appends the entry the Audit builds from the result, in the same write', async () => {
        const { resident } = await enrolledResident();
        const size = await storage.logSize();
        const seen: PutVersionResult[] = [];
        const entry = logAppend(resident.id, { action: 'document.uploaded' });
        const input = versionInput(resident.id);
        const result = await storage.putVersion(input, (r) => {
          seen.push(r);
          return { ...entry, documentId: r.ok ? r.document.id : null };
        });
        expect(result.ok).toBe(true);
        expect(seen).toEqual([result]);
        expect(await storage.logSize()).toBe(size + 1);
        expect(await storage.getLogEntries([size])).toEqual([
          { ...entry, documentId: input.documentId, index: size },
        ]);
      });

      it('an Audit that throws rolls the change back and appends nothing', async () => {
        const { resident, recoverySlot } = await enrolledResident();
        const size = await storage.logSize();

        const input = versionInput(resident.id);
        await expect(storage.putVersion(input, failing)).rejects.toBe(injected);
        expect(await storage.getDocument(resident.id, input.documentId)).toBeNull();
        expect(await storage.readChunks(resident.id, input.documentId, 1, 0, 10)).toEqual([]);
        expect((await storage.getVaultState(resident.id, at(2))).usedBytes).toBe(0);

        const kept = versionInput(resident.id);
        const stored = await storage.putVersion(kept);
        if (!stored.ok) throw new Error(`putVersion refused: ${stored.reason}`);
        await expect(storage.deleteDocument(resident.id, kept.documentId, failing)).rejects.toBe(
          injected,
        );
        expect(await storage.getDocument(resident.id, kept.documentId)).toEqual({
          document: stored.document,
          versions: [stored.document.current],
        });
        expect(concat(await storage.readChunks(resident.id, kept.documentId, 1, 0, 10))).toEqual(
          concat(kept.chunks),
        );

        await expect(storage.removeKeySlot(resident.id, recoverySlot.id, failing)).rejects.toBe(
          injected,
        );
        expect((await storage.getVaultState(resident.id, at(2))).slots).toHaveLength(2);

        const s = session(resident.id);
        await expect(storage.createSession(s, undefined, failing)).rejects.toBe(injected);
        expect(await storage.findSession(s.idHash)).toBeNull();

        expect(await storage.logSize()).toBe(size);
      });

      it('an Audit that returns null appends nothing and lets the change commit', async () => {
        const { resident } = await enrolledResident();
        const size = await storage.logSize();
        const input = versionInput(resident.id);
        const result = await storage.putVersion(input, () => null);
        expect(result).toMatchObject({ ok: true, created: true });
        expect(await storage.getDocument(resident.id, input.documentId)).not.toBeNull();
        expect(await storage.deleteDocument(resident.id, input.documentId, () => null)).toBe(true);
        expect(await storage.getDocument(resident.id, input.documentId)).toBeNull();
        expect(await storage.logSize()).toBe(size);
      });

      it('a refusal reaches the Audit as it is, and its null logs nothing', async () => {
        const resident = await newResident(); // not enrolled
        const size = await storage.logSize();
        const seen: PutVersionResult[] = [];
        const result = await storage.putVersion(versionInput(resident.id), (r) => {
          seen.push(r);
          return r.ok ? logAppend(resident.id) : null;
        });
        expect(result).toEqual({ ok: false, reason: 'not-enrolled' });
        expect(seen).toEqual([result]);
        const refusals: boolean[] = [];
        expect(
          await storage.deleteDocument(resident.id, randomUUID(), (done) => {
            refusals.push(done);
            return done ? logAppend(resident.id) : null;
          }),
        ).toBe(false);
        expect(refusals).toEqual([false]);
        expect(await storage.logSize()).toBe(size);
      });
    });

    describe('access log: a resident’s entries', () => {
      it('lists them newest first, filtered by actor, action, document and time, paged with beforeIndex and limit', async () => {
        const [r1, r2] = [await newResident(), await newResident()];
        const [docA, docB] = [randomUUID(), randomUUID()];
        const appended = await storage.appendLog([
          logAppend(r1.id, { action: 'sign-in', at: at(0) }),
          logAppend(r2.id, { action: 'sign-in', at: at(0) }),
          logAppend(r1.id, { action: 'document.uploaded', documentId: docA, at: at(1) }),
          logAppend(r1.id, {
            actorKind: 'service',
            actorId: 'registry-office',
            action: 'document.read',
            documentId: docA,
            at: at(2),
          }),
          logAppend(r2.id, { action: 'document.read', documentId: docB, at: at(2) }),
          logAppend(r1.id, { action: 'document.read', documentId: docB, at: at(3) }),
          logAppend(r1.id, { action: 'sign-in.failed', actorId: null, at: at(4) }),
          logAppend(r1.id, {
            actorKind: 'operator',
            actorId: 'op-7',
            action: 'document.read',
            documentId: docA,
            at: at(5),
          }),
        ]);
        const mine = appended.filter((e) => e.residentId === r1.id).reverse();
        const where = (predicate: (e: LogEntryRecord) => boolean) => mine.filter(predicate);
        const list = (filter: LogEntryFilter, limit = 100) =>
          storage.listLogEntries(r1.id, filter, limit);

        expect(await list({})).toEqual(mine);
        expect(await storage.listLogEntries(r2.id, {}, 100)).toEqual(
          appended.filter((e) => e.residentId === r2.id).reverse(),
        );
        expect(await storage.listLogEntries(randomUUID(), {}, 100)).toEqual([]);

        const cases: [string, LogEntryFilter, LogEntryRecord[]][] = [
          ['actor kind', { actorKind: 'service' }, where((e) => e.actorKind === 'service')],
          ['resident actor', { actorKind: 'resident' }, where((e) => e.actorKind === 'resident')],
          ['actor id', { actorId: 'op-7' }, where((e) => e.actorId === 'op-7')],
          ['action', { action: 'document.read' }, where((e) => e.action === 'document.read')],
          ['document', { documentId: docA }, where((e) => e.documentId === docA)],
          [
            'action and document',
            { action: 'document.read', documentId: docB },
            where((e) => e.action === 'document.read' && e.documentId === docB),
          ],
          ['from (inclusive)', { from: at(2) }, where((e) => e.at >= at(2))],
          ['to (exclusive)', { to: at(2) }, where((e) => e.at < at(2))],
          ['from and to', { from: at(1), to: at(4) }, where((e) => e.at >= at(1) && e.at < at(4))],
          ['an empty window', { from: at(3), to: at(3) }, []],
          ['before an index', { beforeIndex: 5 }, where((e) => e.index < 5)],
          ['before 0', { beforeIndex: 0 }, []],
          ['no such action', { action: 'log.exported' }, []],
        ];
        for (const [label, filter, expected] of cases) {
          expect(await list(filter), label).toEqual(expected);
        }

        // Paging backwards: each page continues before the last index of the one before.
        const pages: LogEntryRecord[][] = [];
        let beforeIndex: number | undefined;
        for (;;) {
          const page = await list(beforeIndex === undefined ? {} : { beforeIndex }, 2);
          if (page.length === 0) break;
          pages.push(page);
          beforeIndex = present(page.at(-1)).index;
        }
        expect(pages.map((p) => p.length)).toEqual([2, 2, 2]);
        expect(pages.flat()).toEqual(mine);
        expect(await list({ action: 'document.read' }, 1)).toEqual(
          where((e) => e.action === 'document.read').slice(0, 1),
        );
      });
    });
  });
}
