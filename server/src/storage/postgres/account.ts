import type { AccountDeletionCounts } from '../ports.js';
import type { Sql } from './pg-database.js';

/**
 * Deleting a resident's account in PostgreSQL (GDPR Art. 17; ports: AccountStore.deleteAccount),
 * the same deletions as SQLite's (sqlite/account.ts), inside the caller's transaction. Old row
 * versions are PostgreSQL's to reclaim (VACUUM); there is no file for the vault to truncate.
 */

/** Counts what {@link deleteAccount} will remove, in one query, before it goes. */
async function countAccount(
  sql: Sql,
  residentId: string,
  now: Date,
): Promise<AccountDeletionCounts> {
  const [counts] = await sql.rows<AccountDeletionCounts>(
    `SELECT
       (SELECT COUNT(*) FROM documents WHERE owner_id = $1) AS "documents",
       (SELECT COUNT(*) FROM document_versions v JOIN documents d ON d.id = v.document_id
         WHERE d.owner_id = $1) AS "versions",
       (SELECT COUNT(*) FROM document_chunks c JOIN documents d ON d.id = c.document_id
         WHERE d.owner_id = $1) AS "chunks",
       (SELECT COUNT(*) FROM document_versions v JOIN documents d ON d.id = v.document_id
         WHERE d.owner_id = $1 AND v.wrapped_key IS NOT NULL) AS "wrappedKeys",
       (SELECT COUNT(*) FROM key_slots WHERE resident_id = $1) AS "keySlots",
       (SELECT 2 * COUNT(*) FROM resident_keys WHERE resident_id = $1) AS "publicKeys",
       (SELECT COUNT(*) FROM passkeys WHERE resident_id = $1) AS "passkeys",
       (SELECT COUNT(*) FROM sessions WHERE resident_id = $1) AS "sessions",
       (SELECT COUNT(*) FROM service_requests r WHERE r.resident_id = $1
         AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.request_id = r.id)) AS "requests",
       (SELECT COUNT(*) FROM grants WHERE resident_id = $1 AND ended_at IS NULL
         AND expires_at > $2) AS "grantsEnded",
       (SELECT COUNT(*) FROM grant_keys k JOIN grants g ON g.id = k.grant_id
         WHERE g.resident_id = $1) AS "serviceKeys",
       (SELECT COUNT(*) FROM eid_identities WHERE resident_id = $1) AS "eidLinks"`,
    [residentId, now.getTime()],
  );
  return { ...counts! };
}

/**
 * Deletes everything of the resident (see the port) and returns the counts; null if there is no
 * such resident or they were deleted already.
 */
export async function deleteAccount(
  sql: Sql,
  residentId: string,
  now: Date,
): Promise<AccountDeletionCounts | null> {
  // FOR UPDATE (not the weaker FOR NO KEY UPDATE an UPDATE takes) also conflicts with the
  // FOR KEY SHARE lock every foreign-key check on the resident takes: a session, passkey, document
  // or grant being inserted for them on another node waits until this deletion commits, so
  // nothing is added between the counting and the deleting. A second deletion racing this one
  // waits too, then finds deleted_at set and answers null.
  const live = await sql.rows(
    'SELECT 1 FROM residents WHERE id = $1 AND deleted_at IS NULL FOR UPDATE',
    [residentId],
  );
  if (live.length === 0) return null;
  const counts = await countAccount(sql, residentId, now);
  const t = now.getTime();

  // Grants end first, as a revocation would (consent is withdrawn), and every key sealed to a
  // service goes with them; the grant rows stay as the record of what was consented to.
  await sql.run(
    `UPDATE grants SET ended_at = $1,
       end_reason = CASE WHEN expires_at <= $1 THEN 'expired' ELSE 'revoked' END
     WHERE resident_id = $2 AND ended_at IS NULL`,
    [t, residentId],
  );
  await sql.run(
    'DELETE FROM grant_keys WHERE grant_id IN (SELECT id FROM grants WHERE resident_id = $1)',
    [residentId],
  );
  // A request that no grant answers holds nothing the vault still needs.
  await sql.run(
    `DELETE FROM service_requests r WHERE r.resident_id = $1
       AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.request_id = r.id)`,
    [residentId],
  );
  // Versions, chunks, wrapped keys and metadata cascade from the documents; key slots from the
  // resident's keys.
  for (const statement of [
    'DELETE FROM documents WHERE owner_id = $1',
    'DELETE FROM resident_keys WHERE resident_id = $1',
    'DELETE FROM passkeys WHERE resident_id = $1',
    'DELETE FROM sessions WHERE resident_id = $1',
    'DELETE FROM webauthn_challenges WHERE resident_id = $1',
    'DELETE FROM eid_identities WHERE resident_id = $1',
    'DELETE FROM resident_usage WHERE resident_id = $1',
  ]) {
    await sql.run(statement, [residentId]);
  }
  // What is left is the pseudonymous id: nothing that names the person.
  await sql.run(
    `UPDATE residents SET display_name = '', birthdate = NULL, national_id = NULL, acr = NULL,
       deleted_at = $1 WHERE id = $2`,
    [t, residentId],
  );
  return counts;
}
