import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  EidIdentityInput,
  KeySlotKind,
  KeySlotRecord,
  PasskeyRecord,
} from '../../server/src/storage/ports.js';
import { PostgresStorage } from '../../server/src/storage/postgres/postgres-storage.js';
import { makePostgresStorage } from '../helpers/postgres.js';

/**
 * Two vault nodes on one PostgreSQL (issue 7): what SQLite's single writer made safe must hold when
 * two PostgresStorage instances, each with its own pool, race on the same rows. Each race is run
 * several rounds, since one round may happen not to interleave.
 */
describe('postgres storage: races between two nodes', () => {
  let node1: PostgresStorage;
  let node2: PostgresStorage;
  let cleanup: () => Promise<void>;

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

  const T0 = new Date('2031-03-14T09:26:53.589Z');
  const ROUNDS = 5;
  const nodes = () => [node1, node2];
  /** Node 1 for even i, node 2 for odd: requests spread round-robin. */
  const node = (i: number) => (i % 2 === 0 ? node1 : node2);

  const eid = (subject = randomUUID()): EidIdentityInput => ({
    issuer: 'https://eid.example.city',
    subject,
    nationalId: '19800101-1234',
    displayName: 'Ada Lovelace',
    birthdate: '1980-01-01',
    acr: 'urn:eid:loa:substantial',
  });

  const passkey = (residentId: string): PasskeyRecord => ({
    id: randomUUID(),
    residentId,
    credentialId: randomBytes(16).toString('base64url'),
    publicKey: new Uint8Array(randomBytes(77)),
    counter: 0,
    transports: ['internal'],
    name: 'Phone',
    backedUp: true,
    createdAt: T0,
    lastUsedAt: null,
  });

  const slot = (residentId: string, kind: KeySlotKind): KeySlotRecord => ({
    id: randomUUID(),
    residentId,
    kind,
    credentialId: null,
    envelope: new Uint8Array(randomBytes(120)),
    createdAt: T0,
  });

  const enrolled = async (slotKinds: KeySlotKind[]) => {
    const resident = await node1.upsertResidentFromEid(eid(), T0);
    const slots = slotKinds.map((kind) => slot(resident.id, kind));
    const enrolment = await node1.enrol(
      {
        residentId: resident.id,
        x25519PublicKey: new Uint8Array(randomBytes(32)),
        ed25519PublicKey: new Uint8Array(randomBytes(32)),
        secretKeysEnvelope: new Uint8Array(randomBytes(100)),
        createdAt: T0,
      },
      slots,
    );
    expect(enrolment).toBe('enrolled');
    return { resident, slots };
  };

  it('gives a challenge to exactly one of 20 takers spread over both nodes', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const c = {
        challenge: randomBytes(32).toString('base64url'),
        purpose: 'passkey.sign-in' as const,
        residentId: null,
        createdAt: T0,
        expiresAt: new Date(T0.getTime() + 5 * 60_000),
      };
      await node1.saveChallenge(c);
      const taken = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          node(i).takeChallenge(c.challenge, c.purpose, new Date(T0.getTime() + 1_000)),
        ),
      );
      expect(taken.filter((t) => t !== null)).toEqual([c]);
    }
  });

  it('makes one resident of two first sign-ins of the same identity on both nodes', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const subject = randomUUID();
      const residents = await Promise.all(
        Array.from({ length: 6 }, (_, i) => node(i).upsertResidentFromEid(eid(subject), T0)),
      );
      expect(new Set(residents.map((r) => r.id)).size).toBe(1);
      const { rows } = await node1.pool.query<{ n: number }>(
        `SELECT COUNT(*)::int AS n FROM residents r
          WHERE NOT EXISTS (SELECT 1 FROM eid_identities e WHERE e.resident_id = r.id)`,
      );
      expect(rows[0]?.n).toBe(0); // the losers' residents were not left behind
    }
  });

  it('lets only one of two concurrent removals take a passkey when the other is the last way in', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const resident = await node1.upsertResidentFromEid(eid(), T0);
      // Passkeys only: no eID identity left to fall back on.
      await node1.pool.query('DELETE FROM eid_identities WHERE resident_id = $1', [resident.id]);
      const keys = [passkey(resident.id), passkey(resident.id)];
      for (const p of keys) expect(await node1.addPasskey(p)).toBe(true);
      const results = await Promise.all(
        keys.map((p, i) => node(i).removePasskey(resident.id, p.id)),
      );
      expect([...results].sort()).toEqual(['last-sign-in-method', 'removed']);
      expect(await node2.listPasskeys(resident.id)).toHaveLength(1);
    }
  });

  it('lets only one of two concurrent removals take a key slot when the other is the last', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { resident, slots } = await enrolled(['passphrase', 'recovery']);
      const results = await Promise.all(
        slots.map((s, i) => node(i).removeKeySlot(resident.id, s.id)),
      );
      expect([...results].sort()).toEqual(['last-slot', 'removed']);
      expect((await node2.getVaultState(resident.id, T0)).slots).toHaveLength(1);
    }
  });

  it('adds exactly the one slot there is room for when both nodes add at once', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { resident } = await enrolled(['passphrase', 'recovery']);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          node(i).addKeySlot(slot(resident.id, 'passphrase'), { maxSlots: 3 }),
        ),
      );
      expect(results.filter((r) => r === 'added')).toHaveLength(1);
      expect(results.filter((r) => r === 'too-many-slots')).toHaveLength(7);
      expect((await node1.getVaultState(resident.id, T0)).slots).toHaveLength(3);
    }
  });

  it('leaves one recovery slot when two nodes replace the recovery kit at once', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { resident } = await enrolled(['passphrase', 'recovery']);
      const fresh = nodes().map(() => slot(resident.id, 'recovery'));
      const results = await Promise.all(fresh.map((s, i) => node(i).replaceRecoverySlots(s)));
      expect(results).toEqual(['replaced', 'replaced']);
      const { slots } = await node1.getVaultState(resident.id, T0);
      expect(slots.filter((s) => s.kind === 'recovery')).toHaveLength(1);
    }
  });
});
