import type {
  AddKeySlotResult,
  EnrolResult,
  KeySlotRecord,
  RemoveKeySlotResult,
  ReplaceRecoverySlotsResult,
  ResidentKeysRecord,
  VaultStateRecord,
} from '../ports.js';
import { isEnrolled, lockResident, USED_BYTES_SQL } from './pg-helpers.js';
import { bytea, fromBytea, type Sql } from './pg-database.js';
import { toSlot } from '../rows.js';

/**
 * A resident's vault keys and the key slots that open them (DESIGN §4), on PostgreSQL: SQLite's
 * logic (sqlite/key-slots.ts). Every change locks the resident's row first ({@link lockResident}):
 * SQLite's single writer made "already enrolled?", "room for another slot?", "the last slot?" and
 * "replace every recovery slot" safe; between nodes the lock does, as the changes to one resident
 * take turns. Slot ids are random UUIDs: the primary key is the backstop if two nodes ever chose
 * the same one (the second transaction fails and changes nothing).
 */

/** Programmer misuse (STYLE §5): a passkey slot names its credential, other kinds do not. */
function assertWellFormed(slot: KeySlotRecord, residentId: string): void {
  if (slot.residentId !== residentId) {
    throw new TypeError('every slot must belong to the resident being changed');
  }
  if ((slot.kind === 'passkey') !== (slot.credentialId !== null)) {
    throw new TypeError('a passkey slot has a credentialId; other slots have none');
  }
}

const slotIdTaken = async (sql: Sql, id: string): Promise<boolean> =>
  (await sql.rows('SELECT 1 FROM key_slots WHERE id = $1', [id])).length > 0;

/** Whether the passkey slot (if it is one) names one of the resident's own passkeys. */
const credentialKnown = async (sql: Sql, slot: KeySlotRecord): Promise<boolean> =>
  slot.kind !== 'passkey' ||
  (
    await sql.rows('SELECT 1 FROM passkeys WHERE credential_id = $1 AND resident_id = $2', [
      slot.credentialId,
      slot.residentId,
    ])
  ).length > 0;

const countSlots = async (sql: Sql, residentId: string): Promise<number> => {
  const [row] = await sql.rows<{ n: number }>(
    'SELECT COUNT(*) AS n FROM key_slots WHERE resident_id = $1',
    [residentId],
  );
  return row?.n ?? 0;
};

/** Slots are inserted one by one, in the order given: `seq` keeps that order for listing. */
async function insertSlot(sql: Sql, slot: KeySlotRecord): Promise<void> {
  await sql.run(
    `INSERT INTO key_slots (id, resident_id, kind, credential_id, envelope, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      slot.id,
      slot.residentId,
      slot.kind,
      slot.credentialId,
      bytea(slot.envelope),
      slot.createdAt.getTime(),
    ],
  );
}

export async function enrol(
  sql: Sql,
  keys: ResidentKeysRecord,
  slots: KeySlotRecord[],
): Promise<EnrolResult> {
  for (const slot of slots) assertWellFormed(slot, keys.residentId);
  // Locked: two enrolments of one resident on two nodes take turns, and the second is told
  // 'already-enrolled' rather than failing on resident_keys' primary key.
  await lockResident(sql, keys.residentId);
  if (await isEnrolled(sql, keys.residentId)) return 'already-enrolled';
  if (new Set(slots.map((s) => s.id)).size !== slots.length) return 'slot-id-taken';
  for (const slot of slots) if (await slotIdTaken(sql, slot.id)) return 'slot-id-taken';
  for (const slot of slots) if (!(await credentialKnown(sql, slot))) return 'unknown-credential';
  await sql.run(
    `INSERT INTO resident_keys (resident_id, x25519_public, ed25519_public,
       secret_keys_envelope, created_at) VALUES ($1, $2, $3, $4, $5)`,
    [
      keys.residentId,
      bytea(keys.x25519PublicKey),
      bytea(keys.ed25519PublicKey),
      bytea(keys.secretKeysEnvelope),
      keys.createdAt.getTime(),
    ],
  );
  for (const slot of slots) await insertSlot(sql, slot);
  return 'enrolled';
}

interface VaultStateRow {
  used_bytes: number;
  x25519_public: Buffer | null;
  ed25519_public: Buffer | null;
  secret_keys_envelope: Buffer | null;
  keys_created_at: number | null;
  slot_id: string | null;
  kind: string | null;
  credential_id: string | null;
  envelope: Buffer | null;
  slot_created_at: number | null;
}

/**
 * Keys, slots (oldest first; those stored together in the order given) and quota usage. One
 * statement, so one snapshot: SQLite reads them in one read transaction, and a change committed
 * on another node between separate queries could otherwise show slots that do not match the keys.
 */
export async function getVaultState(
  sql: Sql,
  residentId: string,
  now: Date,
): Promise<VaultStateRecord> {
  const rows = await sql.rows<VaultStateRow>(
    `SELECT u.used_bytes, k.x25519_public, k.ed25519_public, k.secret_keys_envelope,
            k.created_at AS keys_created_at, s.id AS slot_id, s.kind, s.credential_id,
            s.envelope, s.created_at AS slot_created_at
       FROM (SELECT ${USED_BYTES_SQL} AS used_bytes) u
       LEFT JOIN resident_keys k ON k.resident_id = $1
       LEFT JOIN key_slots s ON s.resident_id = k.resident_id
      ORDER BY s.created_at, s.seq`,
    [residentId, now.getTime()],
  );
  const first = rows[0];
  const keys =
    first?.x25519_public && first.ed25519_public && first.secret_keys_envelope
      ? {
          residentId,
          x25519PublicKey: fromBytea(first.x25519_public),
          ed25519PublicKey: fromBytea(first.ed25519_public),
          secretKeysEnvelope: fromBytea(first.secret_keys_envelope),
          createdAt: new Date(first.keys_created_at ?? 0),
        }
      : null;
  const slots = rows
    .filter((r) => r.slot_id !== null)
    .map((r) =>
      toSlot({
        id: r.slot_id as string,
        resident_id: residentId,
        kind: r.kind as string,
        credential_id: r.credential_id,
        envelope: r.envelope as Buffer,
        created_at: r.slot_created_at as number,
      }),
    );
  return { keys, slots, usedBytes: first?.used_bytes ?? 0 };
}

export async function addKeySlot(
  sql: Sql,
  slot: KeySlotRecord,
  limits: { maxSlots: number },
): Promise<AddKeySlotResult> {
  assertWellFormed(slot, slot.residentId);
  // Locked: two additions on two nodes cannot both see room for one more slot, and a passkey
  // removed meanwhile (removePasskey locks the same row) cannot leave a slot for a gone credential.
  await lockResident(sql, slot.residentId);
  if (!(await isEnrolled(sql, slot.residentId))) return 'not-enrolled';
  if (await slotIdTaken(sql, slot.id)) return 'slot-id-taken';
  if (!(await credentialKnown(sql, slot))) return 'unknown-credential';
  if ((await countSlots(sql, slot.residentId)) >= limits.maxSlots) return 'too-many-slots';
  await insertSlot(sql, slot);
  return 'added';
}

export async function removeKeySlot(
  sql: Sql,
  residentId: string,
  slotId: string,
): Promise<RemoveKeySlotResult> {
  // Locked: two removals on two nodes cannot each leave the other's slot as "the one that remains".
  await lockResident(sql, residentId);
  const mine = await sql.rows('SELECT 1 FROM key_slots WHERE id = $1 AND resident_id = $2', [
    slotId,
    residentId,
  ]);
  if (mine.length === 0) return 'not-found';
  if ((await countSlots(sql, residentId)) <= 1) return 'last-slot';
  await sql.run('DELETE FROM key_slots WHERE id = $1 AND resident_id = $2', [slotId, residentId]);
  return 'removed';
}

export async function replaceRecoverySlots(
  sql: Sql,
  slot: KeySlotRecord,
): Promise<ReplaceRecoverySlotsResult> {
  if (slot.kind !== 'recovery') throw new TypeError('replaceRecoverySlots takes a recovery slot');
  assertWellFormed(slot, slot.residentId);
  // Locked: two replacements on two nodes would otherwise each delete only the recovery slots
  // committed before they started, and leave both new kits behind.
  await lockResident(sql, slot.residentId);
  if (!(await isEnrolled(sql, slot.residentId))) return 'not-enrolled';
  if (await slotIdTaken(sql, slot.id)) return 'slot-id-taken';
  await sql.run("DELETE FROM key_slots WHERE resident_id = $1 AND kind = 'recovery'", [
    slot.residentId,
  ]);
  await insertSlot(sql, slot);
  return 'replaced';
}
