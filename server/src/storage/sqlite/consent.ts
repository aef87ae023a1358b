import type Database from 'better-sqlite3';
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
import { toBuffer } from './sqlite-helpers.js';
import { type GrantRow, GRANT_COLUMNS, toGrant } from '../rows.js';

const readGrant = (db: Database.Database, id: string): GrantRecord | null => {
  const row = db.prepare(`SELECT ${GRANT_COLUMNS} FROM grants WHERE id = ?`).get(id) as
    GrantRow | undefined;
  return row ? toGrant(row) : null;
};

/** Active at `now`: not ended, not past its expiry. */
const isActive = (g: GrantRecord, now: Date) =>
  g.endedAt === null && g.expiresAt.getTime() > now.getTime();

/**
 * Checks that every key names a complete version of a document of `residentId`'s in one of
 * `categories`; null when all do.
 */
function checkKeys(
  db: Database.Database,
  residentId: string,
  categories: readonly string[],
  keys: readonly GrantKeyRecord[],
): 'document-not-found' | 'category-not-granted' | null {
  for (const key of keys) {
    const found = getDocument(db, residentId, key.documentId);
    if (!found || !found.versions.some((v) => v.version === key.version)) {
      return 'document-not-found';
    }
    if (!categories.includes(found.document.category)) return 'category-not-granted';
  }
  return null;
}

function upsertKeys(
  db: Database.Database,
  grantId: string,
  keys: readonly GrantKeyRecord[],
  now: Date,
): void {
  const put = db.prepare(
    `INSERT INTO grant_keys (grant_id, document_id, version, wrapped_key, created_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (grant_id, document_id) DO UPDATE SET
       version = excluded.version, wrapped_key = excluded.wrapped_key,
       created_at = excluded.created_at
     WHERE excluded.version >= grant_keys.version`,
  );
  for (const k of keys) {
    put.run(grantId, k.documentId, k.version, toBuffer(k.wrappedKey), now.getTime());
  }
}

export function createGrant(
  db: Database.Database,
  grant: GrantRecord,
  keys: readonly GrantKeyRecord[],
  now: Date,
): CreateGrantResult {
  const request = db
    .prepare('SELECT status, answer_by FROM service_requests WHERE id = ? AND resident_id = ?')
    .get(grant.requestId, grant.residentId) as { status: string; answer_by: number } | undefined;
  if (!request) return { ok: false, reason: 'not-found' };
  if (request.status !== 'pending' || request.answer_by <= now.getTime()) {
    return { ok: false, reason: 'not-pending' };
  }
  const refused = checkKeys(db, grant.residentId, grant.categories, keys);
  if (refused) return { ok: false, reason: refused };
  if (readGrant(db, grant.id)) return { ok: false, reason: 'id-taken' };
  db.prepare(
    `INSERT INTO grants (${GRANT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
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
    null,
    null,
  );
  upsertKeys(db, grant.id, keys, now);
  db.prepare("UPDATE service_requests SET status = 'approved', answered_at = ? WHERE id = ?").run(
    now.getTime(),
    grant.requestId,
  );
  return { ok: true, grant: readGrant(db, grant.id)! };
}

export { readGrant as getGrant };

export function getGrantByRequest(db: Database.Database, requestId: string): GrantRecord | null {
  const row = db
    .prepare(`SELECT ${GRANT_COLUMNS} FROM grants WHERE request_id = ?`)
    .get(requestId) as GrantRow | undefined;
  return row ? toGrant(row) : null;
}

export function listResidentGrants(
  db: Database.Database,
  residentId: string,
  limit: number,
): GrantRecord[] {
  const rows = db
    .prepare(
      `SELECT ${GRANT_COLUMNS} FROM grants WHERE resident_id = ?
        ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    .all(residentId, limit) as GrantRow[];
  return rows.map(toGrant);
}

export function listServiceGrants(
  db: Database.Database,
  serviceId: string,
  limit: number,
): GrantRecord[] {
  const rows = db
    .prepare(
      `SELECT ${GRANT_COLUMNS} FROM grants WHERE service_id = ?
        ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    .all(serviceId, limit) as GrantRow[];
  return rows.map(toGrant);
}

export function listGrantKeys(db: Database.Database, grantId: string): GrantKeyRecord[] {
  const rows = db
    .prepare(
      `SELECT document_id, version, wrapped_key FROM grant_keys WHERE grant_id = ?
        ORDER BY document_id`,
    )
    .all(grantId) as { document_id: string; version: number; wrapped_key: Buffer }[];
  return rows.map((r) => ({
    documentId: r.document_id,
    version: r.version,
    wrappedKey: new Uint8Array(r.wrapped_key),
  }));
}

export function addGrantKeys(
  db: Database.Database,
  grantId: string,
  residentId: string,
  keys: readonly GrantKeyRecord[],
  now: Date,
): AddGrantKeysResult {
  const grant = readGrant(db, grantId);
  if (!grant || grant.residentId !== residentId) return 'not-found';
  if (!isActive(grant, now)) return 'not-active';
  if (!grant.standing) return 'not-standing';
  const refused = checkKeys(db, residentId, grant.categories, keys);
  if (refused) return refused;
  upsertKeys(db, grantId, keys, now);
  return 'added';
}

function endGrant(db: Database.Database, id: string, reason: GrantEndReason, now: Date): void {
  db.prepare('UPDATE grants SET ended_at = ?, end_reason = ? WHERE id = ?').run(
    now.getTime(),
    reason,
    id,
  );
  db.prepare('DELETE FROM grant_keys WHERE grant_id = ?').run(id);
}

export function revokeGrant(
  db: Database.Database,
  id: string,
  residentId: string,
  now: Date,
): RevokeGrantResult {
  const grant = readGrant(db, id);
  if (!grant || grant.residentId !== residentId) return 'not-found';
  if (!isActive(grant, now)) return 'not-active';
  endGrant(db, id, 'revoked', now);
  return 'revoked';
}

/** Ends the expired grants; `each` runs per grant inside the same transaction. */
export function expireGrants(
  db: Database.Database,
  now: Date,
  each: (grant: GrantRecord) => void,
): GrantRecord[] {
  const rows = db
    .prepare(
      `SELECT ${GRANT_COLUMNS} FROM grants WHERE ended_at IS NULL AND expires_at <= ?
        ORDER BY expires_at, id`,
    )
    .all(now.getTime()) as GrantRow[];
  const ended: GrantRecord[] = [];
  for (const row of rows) {
    endGrant(db, row.id, 'expired', now);
    const grant = readGrant(db, row.id)!;
    each(grant);
    ended.push(grant);
  }
  return ended;
}

export function releaseGrantedDocument(db: Database.Database, r: ReleaseRequest): ReleaseResult {
  const grant = readGrant(db, r.grantId);
  if (!grant || grant.serviceId !== r.serviceId)
    return { ok: false, reason: 'not-found', grant: null };
  const enabled = db
    .prepare('SELECT enabled FROM city_services WHERE id = ?')
    .pluck()
    .get(r.serviceId) as number | undefined;
  if (enabled !== 1) return { ok: false, reason: 'service-disabled', grant };
  if (!isActive(grant, r.now)) return { ok: false, reason: 'ended', grant };
  if (grant.purposeCode !== r.purposeCode) return { ok: false, reason: 'purpose', grant };
  const key = db
    .prepare('SELECT version, wrapped_key FROM grant_keys WHERE grant_id = ? AND document_id = ?')
    .get(grant.id, r.documentId) as { version: number; wrapped_key: Buffer } | undefined;
  const found = key ? getDocument(db, grant.residentId, r.documentId) : null;
  const version = found?.versions.find((v) => v.version === key!.version);
  if (!key || !found || !version) return { ok: false, reason: 'not-covered', grant };
  return {
    ok: true,
    grant,
    document: found.document,
    version,
    wrappedKey: new Uint8Array(key.wrapped_key),
  };
}
