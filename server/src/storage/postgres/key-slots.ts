import type {
  AddKeySlotResult,
  EnrolResult,
  KeySlotRecord,
  RemoveKeySlotResult,
  ReplaceRecoverySlotsResult,
  ResidentKeysRecord,
  VaultStateRecord,
} from '../ports.js';
import type { Sql } from './pg-database.js';

export async function enrol(
  sql: Sql,
  keys: ResidentKeysRecord,
  slots: KeySlotRecord[],
): Promise<EnrolResult> {
  void [sql, keys, slots];
  throw new Error('postgres adapter: enrol is not built yet');
}

export async function getVaultState(
  sql: Sql,
  residentId: string,
  now: Date,
): Promise<VaultStateRecord> {
  void [sql, residentId, now];
  throw new Error('postgres adapter: getVaultState is not built yet');
}

export async function addKeySlot(
  sql: Sql,
  slot: KeySlotRecord,
  limits: { maxSlots: number },
): Promise<AddKeySlotResult> {
  void [sql, slot, limits];
  throw new Error('postgres adapter: addKeySlot is not built yet');
}

export async function removeKeySlot(
  sql: Sql,
  residentId: string,
  slotId: string,
): Promise<RemoveKeySlotResult> {
  void [sql, residentId, slotId];
  throw new Error('postgres adapter: removeKeySlot is not built yet');
}

export async function replaceRecoverySlots(
  sql: Sql,
  slot: KeySlotRecord,
): Promise<ReplaceRecoverySlotsResult> {
  void [sql, slot];
  throw new Error('postgres adapter: replaceRecoverySlots is not built yet');
}
