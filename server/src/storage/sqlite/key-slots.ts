import type Database from 'better-sqlite3';
import type {
  AddKeySlotResult,
  EnrolResult,
  KeySlotRecord,
  RemoveKeySlotResult,
  ReplaceRecoverySlotsResult,
  ResidentKeysRecord,
  VaultStateRecord,
} from '../ports.js';
import { isEnrolled, toBuffer, usedBytes } from './sqlite-helpers.js';
import { type KeySlotRow, toSlot } from '../rows.js';

interface ResidentKeysRow {
  resident_id: string;
  x25519_public: Buffer;
  ed25519_public: Buffer;
  secret_keys_envelope: Buffer;
  created_at: number;
}

const toKeys = (r: ResidentKeysRow): ResidentKeysRecord => ({
  residentId: r.resident_id,
  x25519PublicKey: new Uint8Array(r.x25519_public),
  ed25519PublicKey: new Uint8Array(r.ed25519_public),
  secretKeysEnvelope: new Uint8Array(r.secret_keys_envelope),
  createdAt: new Date(r.created_at),
});

/** Programmer misuse (STYLE §5): a passkey slot names its credential, other kinds do not. */
function assertWellFormed(slot: KeySlotRecord, residentId: string): void {
  if (slot.residentId !== residentId) {
    throw new TypeError('every slot must belong to the resident being changed');
  }
  if ((slot.kind === 'passkey') !== (slot.credentialId !== null)) {
    throw new TypeError('a passkey slot has a credentialId; other slots have none');
  }
}

const slotIdTaken = (db: Database.Database, id: string): boolean =>
  db.prepare('SELECT 1 FROM key_slots WHERE id = ?').get(id) !== undefined;

/** Whether the passkey slot (if it is one) names one of the resident's own passkeys. */
const credentialKnown = (db: Database.Database, slot: KeySlotRecord): boolean =>
  slot.kind !== 'passkey' ||
  db
    .prepare('SELECT 1 FROM passkeys WHERE credential_id = ? AND resident_id = ?')
    .get(slot.credentialId, slot.residentId) !== undefined;

function insertSlot(db: Database.Database, slot: KeySlotRecord): void {
  db.prepare(
    `INSERT INTO key_slots (id, resident_id, kind, credential_id, envelope, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    slot.id,
    slot.residentId,
    slot.kind,
    slot.credentialId,
    toBuffer(slot.envelope),
    slot.createdAt.getTime(),
  );
}

export function enrol(
  db: Database.Database,
  keys: ResidentKeysRecord,
  slots: KeySlotRecord[],
): EnrolResult {
  for (const slot of slots) assertWellFormed(slot, keys.residentId);
  return db
    .transaction((): EnrolResult => {
      if (isEnrolled(db, keys.residentId)) return 'already-enrolled';
      if (new Set(slots.map((s) => s.id)).size !== slots.length) return 'slot-id-taken';
      if (slots.some((s) => slotIdTaken(db, s.id))) return 'slot-id-taken';
      if (!slots.every((s) => credentialKnown(db, s))) return 'unknown-credential';
      db.prepare(
        `INSERT INTO resident_keys (resident_id, x25519_public, ed25519_public,
           secret_keys_envelope, created_at) VALUES (?, ?, ?, ?, ?)`,
      ).run(
        keys.residentId,
        toBuffer(keys.x25519PublicKey),
        toBuffer(keys.ed25519PublicKey),
        toBuffer(keys.secretKeysEnvelope),
        keys.createdAt.getTime(),
      );
      for (const slot of slots) insertSlot(db, slot);
      return 'enrolled';
    })
    .immediate();
}

export function getVaultState(
  db: Database.Database,
  residentId: string,
  now: Date,
): VaultStateRecord {
  // One read transaction: keys, slots and usage from the same snapshot.
  return db.transaction((): VaultStateRecord => {
    const keys = db.prepare('SELECT * FROM resident_keys WHERE resident_id = ?').get(residentId) as
      ResidentKeysRow | undefined;
    const slots = db
      .prepare('SELECT * FROM key_slots WHERE resident_id = ? ORDER BY created_at, rowid')
      .all(residentId) as KeySlotRow[];
    return {
      keys: keys ? toKeys(keys) : null,
      slots: slots.map(toSlot),
      usedBytes: usedBytes(db, residentId, now),
    };
  })();
}

export function addKeySlot(
  db: Database.Database,
  slot: KeySlotRecord,
  limits: { maxSlots: number },
): AddKeySlotResult {
  assertWellFormed(slot, slot.residentId);
  return db
    .transaction((): AddKeySlotResult => {
      if (!isEnrolled(db, slot.residentId)) return 'not-enrolled';
      if (slotIdTaken(db, slot.id)) return 'slot-id-taken';
      if (!credentialKnown(db, slot)) return 'unknown-credential';
      const count = db
        .prepare('SELECT COUNT(*) FROM key_slots WHERE resident_id = ?')
        .pluck()
        .get(slot.residentId) as number;
      if (count >= limits.maxSlots) return 'too-many-slots';
      insertSlot(db, slot);
      return 'added';
    })
    .immediate();
}

export function removeKeySlot(
  db: Database.Database,
  residentId: string,
  slotId: string,
): RemoveKeySlotResult {
  return db
    .transaction((): RemoveKeySlotResult => {
      const mine = db
        .prepare('SELECT 1 FROM key_slots WHERE id = ? AND resident_id = ?')
        .get(slotId, residentId);
      if (!mine) return 'not-found';
      const count = db
        .prepare('SELECT COUNT(*) FROM key_slots WHERE resident_id = ?')
        .pluck()
        .get(residentId) as number;
      if (count <= 1) return 'last-slot';
      db.prepare('DELETE FROM key_slots WHERE id = ? AND resident_id = ?').run(slotId, residentId);
      return 'removed';
    })
    .immediate();
}

export function replaceRecoverySlots(
  db: Database.Database,
  slot: KeySlotRecord,
): ReplaceRecoverySlotsResult {
  if (slot.kind !== 'recovery') throw new TypeError('replaceRecoverySlots takes a recovery slot');
  assertWellFormed(slot, slot.residentId);
  return db
    .transaction((): ReplaceRecoverySlotsResult => {
      if (!isEnrolled(db, slot.residentId)) return 'not-enrolled';
      if (slotIdTaken(db, slot.id)) return 'slot-id-taken';
      db.prepare("DELETE FROM key_slots WHERE resident_id = ? AND kind = 'recovery'").run(
        slot.residentId,
      );
      insertSlot(db, slot);
      return 'replaced';
    })
    .immediate();
}
