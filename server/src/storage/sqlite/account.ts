import type Database from 'better-sqlite3';
import type { AccountDeletionCounts } from '../ports.js';

/**
 * Deleting a resident's account in SQLite (GDPR Art. 17; ports: AccountStore.deleteAccount).
 * Runs inside the caller's transaction. With `secure_delete=ON` SQLite zeroes every freed cell and
 * page as it goes, so the deleted keys and ciphertext do not linger in the database file; their old
 * images in the write-ahead log are the caller's to clear (a TRUNCATE checkpoint after commit).
 */

/** Counts what {@link deleteAccount} will remove: read first, in the same transaction. */
function countAccount(db: Database.Database, residentId: string, now: Date): AccountDeletionCounts {
  const one = (sql: string, ...params: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...params) as number;
  return {
    documents: one('SELECT COUNT(*) FROM documents WHERE owner_id = ?', residentId),
    versions: one(
      `SELECT COUNT(*) FROM document_versions v JOIN documents d ON d.id = v.document_id
        WHERE d.owner_id = ?`,
      residentId,
    ),
    chunks: one(
      `SELECT COUNT(*) FROM document_chunks c JOIN documents d ON d.id = c.document_id
        WHERE d.owner_id = ?`,
      residentId,
    ),
    wrappedKeys: one(
      `SELECT COUNT(*) FROM document_versions v JOIN documents d ON d.id = v.document_id
        WHERE d.owner_id = ? AND v.wrapped_key IS NOT NULL`,
      residentId,
    ),
    keySlots: one('SELECT COUNT(*) FROM key_slots WHERE resident_id = ?', residentId),
    publicKeys: one('SELECT 2 * COUNT(*) FROM resident_keys WHERE resident_id = ?', residentId),
    passkeys: one('SELECT COUNT(*) FROM passkeys WHERE resident_id = ?', residentId),
    sessions: one('SELECT COUNT(*) FROM sessions WHERE resident_id = ?', residentId),
    requests: one(
      `SELECT COUNT(*) FROM service_requests r WHERE r.resident_id = ?
        AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.request_id = r.id)`,
      residentId,
    ),
    grantsEnded: one(
      'SELECT COUNT(*) FROM grants WHERE resident_id = ? AND ended_at IS NULL AND expires_at > ?',
      residentId,
      now.getTime(),
    ),
    serviceKeys: one(
      `SELECT COUNT(*) FROM grant_keys k JOIN grants g ON g.id = k.grant_id
        WHERE g.resident_id = ?`,
      residentId,
    ),
    eidLinks: one('SELECT COUNT(*) FROM eid_identities WHERE resident_id = ?', residentId),
  };
}

/**
 * Deletes everything of the resident (see the port) and returns the counts; null if there is no
 * such resident or they were deleted already.
 */
export function deleteAccount(
  db: Database.Database,
  residentId: string,
  now: Date,
): AccountDeletionCounts | null {
  const live = db
    .prepare('SELECT 1 FROM residents WHERE id = ? AND deleted_at IS NULL')
    .get(residentId);
  if (live === undefined) return null;
  const counts = countAccount(db, residentId, now);
  const t = now.getTime();
  const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params);

  // Grants end first, as a revocation would (consent is withdrawn), and every key sealed to a
  // service goes with them; the grant rows stay as the record of what was consented to.
  run(
    `UPDATE grants SET ended_at = ?,
       end_reason = CASE WHEN expires_at <= ? THEN 'expired' ELSE 'revoked' END
     WHERE resident_id = ? AND ended_at IS NULL`,
    t,
    t,
    residentId,
  );
  run(
    'DELETE FROM grant_keys WHERE grant_id IN (SELECT id FROM grants WHERE resident_id = ?)',
    residentId,
  );
  // A request that no grant answers holds nothing the vault still needs.
  run(
    `DELETE FROM service_requests WHERE resident_id = ?
       AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.request_id = service_requests.id)`,
    residentId,
  );
  // Versions, chunks, wrapped keys and metadata cascade from the documents; key slots from the
  // resident's keys.
  run('DELETE FROM documents WHERE owner_id = ?', residentId);
  run('DELETE FROM resident_keys WHERE resident_id = ?', residentId);
  run('DELETE FROM passkeys WHERE resident_id = ?', residentId);
  run('DELETE FROM sessions WHERE resident_id = ?', residentId);
  run('DELETE FROM webauthn_challenges WHERE resident_id = ?', residentId);
  run('DELETE FROM eid_identities WHERE resident_id = ?', residentId);
  run('DELETE FROM resident_usage WHERE resident_id = ?', residentId);
  // What is left is the pseudonymous id: nothing that names the person.
  run(
    `UPDATE residents SET display_name = '', birthdate = NULL, national_id = NULL, acr = NULL,
       deleted_at = ? WHERE id = ?`,
    t,
    residentId,
  );
  return counts;
}
