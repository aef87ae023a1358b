import type Database from 'better-sqlite3';

/** Binds a `Uint8Array` as a BLOB without copying it (better-sqlite3 binds Buffers). */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * Bytes counted against a resident's quota: every complete version, plus the declared size of
 * every upload that has not expired by `now` (a reservation, so that parallel uploads cannot
 * overshoot the quota together).
 */
export function usedBytes(db: Database.Database, residentId: string, now: Date): number {
  return db
    .prepare(
      `SELECT COALESCE(SUM(v.size), 0) FROM document_versions v
       JOIN documents d ON d.id = v.document_id
       WHERE d.owner_id = ? AND (v.status = 'complete' OR v.expires_at > ?)`,
    )
    .pluck()
    .get(residentId, now.getTime()) as number;
}
