import type {
  AddGrantKeysResult,
  CreateGrantResult,
  GrantEndReason,
  GrantKeyRecord,
  GrantRecord,
  ReleaseRequest,
  ReleaseResult,
  RevokeGrantResult,
} from '../ports.js';
import { getDocument } from './documents.js';
import { bytea, fromBytea, type Sql } from './pg-database.js';
import { type GrantRow, GRANT_COLUMNS, toGrant } from '../rows.js';

/**
 * Consent in PostgreSQL (DESIGN §1 promises 2 and 4, §6, §8): grants, the keys sealed to services,
 * revocation, expiry and the key release of a service's read. The same checks, in the same order,
 * with the same results as the SQLite adapter (sqlite/consent.ts). SQLite serialises every writer;
 * here two nodes run at once, so each check-then-act first locks the row its check reads: the
 * request a grant answers, the grant a revocation, expiry, key addition or read concerns.
 */

/**
 * A grant by id; `forUpdate` locks its row until the transaction ends. Having waited for another
 * transaction's lock, PostgreSQL returns the row as that transaction committed it, so the caller
 * checks the latest state.
 *
 * Every operation that acts on a grant being live (a read, a revocation, an expiry, new keys)
 * takes this one lock, never `FOR SHARE`: PostgreSQL grants a share lock at once to a newcomer
 * while the row is only share-locked, even when a `FOR UPDATE` is already waiting, so a service
 * reading without pause (from any node) could hold off a resident's revocation for as long as it
 * kept reading. Exclusive lockers that must wait queue in arrival order, so a revocation waits
 * only for the read already running. Reads of one grant thus run one at a time; their commits are
 * serialised by the access log's head row anyway (access-log.ts).
 */
async function readGrant(sql: Sql, id: string, forUpdate = false): Promise<GrantRecord | null> {
  const [row] = await sql.rows<GrantRow>(
    `SELECT ${GRANT_COLUMNS} FROM grants WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row ? toGrant(row) : null;
}

/** Active at `now`: not ended, not past its expiry. */
const isActive = (g: GrantRecord, now: Date) =>
  g.endedAt === null && g.expiresAt.getTime() > now.getTime();

/**
 * Checks that every key names a complete version of a document of `residentId`'s in one of
 * `categories`; null when all do. (A document deleted by another node after this check cannot
 * keep a key: grant_keys' foreign key on the version makes the insert fail instead.)
 */
async function checkKeys(
  sql: Sql,
  residentId: string,
  categories: readonly string[],
  keys: readonly GrantKeyRecord[],
): Promise<'document-not-found' | 'category-not-granted' | null> {
  for (const key of keys) {
    const found = await getDocument(sql, residentId, key.documentId);
    if (!found || !found.versions.some((v) => v.version === key.version)) {
      return 'document-not-found';
    }
    if (!categories.includes(found.document.category)) return 'category-not-granted';
  }
  return null;
}

/** Stores keys; a key for a document the grant has already replaces it unless it is older. */
async function upsertKeys(
  sql: Sql,
  grantId: string,
  keys: readonly GrantKeyRecord[],
  now: Date,
): Promise<void> {
  for (const k of keys) {
    await sql.run(
      `INSERT INTO grant_keys (grant_id, document_id, version, wrapped_key, created_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (grant_id, document_id) DO UPDATE SET
         version = excluded.version, wrapped_key = excluded.wrapped_key,
         created_at = excluded.created_at
       WHERE excluded.version >= grant_keys.version`,
      [grantId, k.documentId, k.version, bytea(k.wrappedKey), now.getTime()],
    );
  }
}

/**
 * Approves the resident's own pending request. The request's row is locked (`FOR UPDATE`) before
 * its status is checked, so of two approvals (or an approval and a refusal) on two nodes, the
 * second waits and then finds the request answered: a request is answered once.
 */
export async function createGrant(
  sql: Sql,
  grant: GrantRecord,
  keys: readonly GrantKeyRecord[],
  now: Date,
): Promise<CreateGrantResult> {
  const [request] = await sql.rows<{ status: string; answer_by: number }>(
    `SELECT status, answer_by FROM service_requests WHERE id = $1 AND resident_id = $2
       FOR UPDATE`,
    [grant.requestId, grant.residentId],
  );
  if (!request) return { ok: false, reason: 'not-found' };
  if (request.status !== 'pending' || request.answer_by <= now.getTime()) {
    return { ok: false, reason: 'not-pending' };
  }
  const refused = await checkKeys(sql, grant.residentId, grant.categories, keys);
  if (refused) return { ok: false, reason: refused };
  // The id is chosen by the browser: ON CONFLICT rather than a read first, so that the same id
  // approving two requests on two nodes at once inserts once (the other waits, then conflicts).
  const inserted = await sql.run(
    `INSERT INTO grants (${GRANT_COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, NULL)
     ON CONFLICT (id) DO NOTHING`,
    [
      grant.id,
      grant.requestId,
      grant.serviceId,
      grant.residentId,
      grant.purposeCode,
      grant.legalBasis,
      JSON.stringify(grant.categories),
      grant.standing ? 1 : 0,
      grant.expiresAt.getTime(),
      grant.createdAt.getTime(),
      grant.receipt,
      grant.countersignature,
    ],
  );
  if (inserted === 0) return { ok: false, reason: 'id-taken' };
  await upsertKeys(sql, grant.id, keys, now);
  await sql.run("UPDATE service_requests SET status = 'approved', answered_at = $1 WHERE id = $2", [
    now.getTime(),
    grant.requestId,
  ]);
  return { ok: true, grant: (await readGrant(sql, grant.id))! };
}

export async function getGrant(sql: Sql, id: string): Promise<GrantRecord | null> {
  return readGrant(sql, id);
}

export async function getGrantByRequest(sql: Sql, requestId: string): Promise<GrantRecord | null> {
  const [row] = await sql.rows<GrantRow>(
    `SELECT ${GRANT_COLUMNS} FROM grants WHERE request_id = $1`,
    [requestId],
  );
  return row ? toGrant(row) : null;
}

/** A resident's grants, newest first (ended ones too). */
export async function listResidentGrants(
  sql: Sql,
  residentId: string,
  limit: number,
): Promise<GrantRecord[]> {
  const rows = await sql.rows<GrantRow>(
    `SELECT ${GRANT_COLUMNS} FROM grants WHERE resident_id = $1
      ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT $2`,
    [residentId, limit],
  );
  return rows.map(toGrant);
}

/** A service's grants, newest first (ended ones too). */
export async function listServiceGrants(
  sql: Sql,
  serviceId: string,
  limit: number,
): Promise<GrantRecord[]> {
  const rows = await sql.rows<GrantRow>(
    `SELECT ${GRANT_COLUMNS} FROM grants WHERE service_id = $1
      ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT $2`,
    [serviceId, limit],
  );
  return rows.map(toGrant);
}

export async function listGrantKeys(sql: Sql, grantId: string): Promise<GrantKeyRecord[]> {
  const rows = await sql.rows<{ document_id: string; version: number; wrapped_key: Buffer }>(
    `SELECT document_id, version, wrapped_key FROM grant_keys WHERE grant_id = $1
      ORDER BY document_id COLLATE "C"`,
    [grantId],
  );
  return rows.map((r) => ({
    documentId: r.document_id,
    version: r.version,
    wrappedKey: fromBytea(r.wrapped_key),
  }));
}

/**
 * Seals more documents to the resident's active standing grant. The grant's row is locked first:
 * a revocation or expiry on another node waits for this to commit and then deletes the keys it
 * added, or this waits for it and finds the grant ended; keys are never left on an ended grant.
 */
export async function addGrantKeys(
  sql: Sql,
  grantId: string,
  residentId: string,
  keys: readonly GrantKeyRecord[],
  now: Date,
): Promise<AddGrantKeysResult> {
  const grant = await readGrant(sql, grantId, true);
  if (!grant || grant.residentId !== residentId) return 'not-found';
  if (!isActive(grant, now)) return 'not-active';
  if (!grant.standing) return 'not-standing';
  const refused = await checkKeys(sql, residentId, grant.categories, keys);
  if (refused) return refused;
  await upsertKeys(sql, grantId, keys, now);
  return 'added';
}

async function endGrant(sql: Sql, id: string, reason: GrantEndReason, now: Date): Promise<void> {
  await sql.run('UPDATE grants SET ended_at = $1, end_reason = $2 WHERE id = $3', [
    now.getTime(),
    reason,
    id,
  ]);
  await sql.run('DELETE FROM grant_keys WHERE grant_id = $1', [id]);
}

/**
 * Ends the resident's own active grant and deletes its keys. The grant's row is locked before the
 * check: the revocation waits for the read holding it (releaseGrantedDocument) to commit, and
 * every read after it waits for the revocation and then finds the grant ended. Of two
 * revocations, the second finds the grant 'not-active'.
 */
export async function revokeGrant(
  sql: Sql,
  id: string,
  residentId: string,
  now: Date,
): Promise<RevokeGrantResult> {
  const grant = await readGrant(sql, id, true);
  if (!grant || grant.residentId !== residentId) return 'not-found';
  if (!isActive(grant, now)) return 'not-active';
  await endGrant(sql, id, 'revoked', now);
  return 'revoked';
}

/**
 * Ends the grants past their expiry, deleting their keys; `onExpired` runs per grant inside the
 * same transaction (its log entry). The grants are locked `FOR UPDATE` (in one order, so two
 * sweeps cannot deadlock). When two nodes expire at once, the second waits for the first's rows
 * and PostgreSQL re-checks `ended_at IS NULL` on the committed rows: a grant is ended and logged
 * once. Not SKIP LOCKED: a grant a service keeps reading (each read holds its lock) would be
 * skipped sweep after sweep, its keys kept; waiting ends it now, and the reads queued behind the
 * sweep then find it ended.
 */
export async function expireGrants(
  sql: Sql,
  now: Date,
  onExpired: (grant: GrantRecord) => Promise<void>,
): Promise<GrantRecord[]> {
  const rows = await sql.rows<{ id: string }>(
    `SELECT id FROM grants WHERE ended_at IS NULL AND expires_at <= $1
      ORDER BY expires_at, id COLLATE "C" FOR UPDATE`,
    [now.getTime()],
  );
  const ended: GrantRecord[] = [];
  for (const row of rows) {
    await endGrant(sql, row.id, 'expired', now);
    const grant = (await readGrant(sql, row.id))!;
    await onExpired(grant);
    ended.push(grant);
  }
  return ended;
}

/**
 * A service's read: the checks, then the sealed key (the caller appends the log entry in the same
 * transaction). The grant's row is locked (`FOR UPDATE`, see readGrant) before it is checked to
 * be live, and the lock is held until this transaction commits. A revocation or expiry on any
 * node takes the same lock, so:
 *  - a revocation that committed first is seen here (this waits for it, then reads the committed
 *    row): a revocation committed on another node stops reads at once;
 *  - a read that passed the check commits (key released, log entry appended) before the revocation
 *    can take the lock: no key is released after a revocation has committed.
 *
 * The service's `enabled` flag is read without a lock: every read of every grant of a service
 * would otherwise lock that one row. A disable committed before this statement is seen; a read
 * already past the check when a disable commits still completes.
 */
export async function releaseGrantedDocument(sql: Sql, r: ReleaseRequest): Promise<ReleaseResult> {
  const grant = await readGrant(sql, r.grantId, true);
  if (!grant || grant.serviceId !== r.serviceId) {
    return { ok: false, reason: 'not-found', grant: null };
  }
  const [service] = await sql.rows<{ enabled: number }>(
    'SELECT enabled FROM city_services WHERE id = $1',
    [r.serviceId],
  );
  if (service?.enabled !== 1) return { ok: false, reason: 'service-disabled', grant };
  if (!isActive(grant, r.now)) return { ok: false, reason: 'ended', grant };
  if (grant.purposeCode !== r.purposeCode) return { ok: false, reason: 'purpose', grant };
  const [key] = await sql.rows<{ version: number; wrapped_key: Buffer }>(
    'SELECT version, wrapped_key FROM grant_keys WHERE grant_id = $1 AND document_id = $2',
    [grant.id, r.documentId],
  );
  const found = key ? await getDocument(sql, grant.residentId, r.documentId) : null;
  const version = found?.versions.find((v) => v.version === key!.version);
  if (!key || !found || !version) return { ok: false, reason: 'not-covered', grant };
  return {
    ok: true,
    grant,
    document: found.document,
    version,
    wrappedKey: fromBytea(key.wrapped_key),
  };
}
