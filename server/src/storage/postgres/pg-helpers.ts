import type { Sql } from './pg-database.js';

/**
 * Takes the resident's row lock until the transaction ends. Every change whose check asks "is
 * this their last way in?" (last sign-in method, last key slot), "is there room?" (slot limit,
 * quota) or "which version comes next?" takes it first, so two nodes changing one resident take
 * turns and each check sees the other's committed change (READ COMMITTED reads afresh after the
 * wait). NO KEY UPDATE, not UPDATE: it conflicts with itself and with the resident's deletion, but
 * not with the key-share locks that inserting a session or a passkey for the resident takes.
 */
export async function lockResident(sql: Sql, residentId: string): Promise<void> {
  await sql.rows('SELECT 1 FROM residents WHERE id = $1 FOR NO KEY UPDATE', [residentId]);
}

/** Whether the resident has enrolled (their vault keys are stored). */
export async function isEnrolled(sql: Sql, residentId: string): Promise<boolean> {
  return (
    (await sql.rows('SELECT 1 FROM resident_keys WHERE resident_id = $1', [residentId])).length > 0
  );
}

/**
 * Bytes counted against a resident's quota, as SQLite counts them (sqlite-helpers.ts), as an SQL
 * expression of `$1` (the resident) and `$2` (now, ms): every complete version plus the declared
 * size of every upload not expired by `$2` — the running total the triggers keep in
 * `resident_usage`, less the expired uploads not purged yet (found through the partial index on
 * uploads' expiry). SUM gives numeric: cast back to BIGINT so the driver returns a number.
 */
export const USED_BYTES_SQL = `(COALESCE((SELECT bytes FROM resident_usage WHERE resident_id = $1), 0)
  - COALESCE((SELECT SUM(v.size) FROM document_versions v
              JOIN documents d ON d.id = v.document_id
              WHERE v.status = 'uploading' AND v.expires_at <= $2 AND d.owner_id = $1), 0))::BIGINT`;

/** {@link USED_BYTES_SQL} at `now`. */
export async function usedBytes(sql: Sql, residentId: string, now: Date): Promise<number> {
  const [row] = await sql.rows<{ used: number }>(`SELECT ${USED_BYTES_SQL} AS used`, [
    residentId,
    now.getTime(),
  ]);
  return row?.used ?? 0;
}
