import type Database from 'better-sqlite3';

/** Whether the resident has enrolled (their vault keys are stored). */
export const isEnrolled = (db: Database.Database, residentId: string): boolean =>
  db.prepare('SELECT 1 FROM resident_keys WHERE resident_id = ?').get(residentId) !== undefined;

/** Binds a `Uint8Array` as a BLOB without copying it (better-sqlite3 binds Buffers). */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

export const USED_BYTES_SQL = `SELECT COALESCE((SELECT bytes FROM resident_usage WHERE resident_id = ?), 0)
  - COALESCE((SELECT SUM(v.size) FROM document_versions v
              JOIN documents d ON d.id = v.document_id
              WHERE v.status = 'uploading' AND v.expires_at <= ? AND +d.owner_id = ?), 0)`;

/**
 * Bytes counted against a resident's quota: every complete version, plus the declared size of
 * every upload that has not expired by `now` (a reservation, so that parallel uploads cannot
 * overshoot the quota together). O(1) in the resident's documents: the running total kept by
 * triggers (migration 3), less the uploads that expired but were not purged yet (few; found
 * through the partial index on uploads' expiry; the `+` on `owner_id` keeps SQLite from walking the
 * resident's documents instead — see USED_BYTES_SQL's plan test).
 */
export function usedBytes(db: Database.Database, residentId: string, now: Date): number {
  return db.prepare(USED_BYTES_SQL).pluck().get(residentId, now.getTime(), residentId) as number;
}
