import type Database from 'better-sqlite3';
import type {
  CityServiceRecord,
  ServiceKeys,
  ServiceRequestRecord,
  ServiceTokenRecord,
} from '../ports.js';
import {
  type ServiceRow,
  SERVICE_COLUMNS,
  toService,
  type RequestRow,
  REQUEST_COLUMNS,
  toRequest,
} from '../rows.js';

export function registerCityService(
  db: Database.Database,
  s: CityServiceRecord,
): 'registered' | 'exists' {
  const { changes } = db
    .prepare(
      `INSERT INTO city_services (${SERVICE_COLUMNS})
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    )
    .run(
      s.id,
      s.name.en,
      s.name.it,
      JSON.stringify(s.purposes),
      JSON.stringify(s.legalBases),
      JSON.stringify(s.authJwk),
      s.authAlgorithm,
      s.authKeyId,
      Buffer.from(s.x25519PublicKey),
      s.enabled ? 1 : 0,
      s.createdAt.getTime(),
      s.updatedAt.getTime(),
    );
  return changes === 1 ? 'registered' : 'exists';
}

export function getCityService(db: Database.Database, id: string): CityServiceRecord | null {
  const row = db.prepare(`SELECT ${SERVICE_COLUMNS} FROM city_services WHERE id = ?`).get(id) as
    ServiceRow | undefined;
  return row ? toService(row) : null;
}

export function listCityServices(db: Database.Database): CityServiceRecord[] {
  const rows = db.prepare(`SELECT ${SERVICE_COLUMNS} FROM city_services ORDER BY id`).all();
  return (rows as ServiceRow[]).map(toService);
}

export function setCityServiceEnabled(
  db: Database.Database,
  id: string,
  enabled: boolean,
  now: Date,
): boolean {
  const { changes } = db
    .prepare('UPDATE city_services SET enabled = ?, updated_at = ? WHERE id = ?')
    .run(enabled ? 1 : 0, now.getTime(), id);
  if (changes === 1 && !enabled) {
    db.prepare('DELETE FROM service_tokens WHERE service_id = ?').run(id);
  }
  return changes === 1;
}

export function rotateCityServiceKeys(
  db: Database.Database,
  id: string,
  keys: ServiceKeys,
  now: Date,
): boolean {
  const { changes } = db
    .prepare(
      `UPDATE city_services SET auth_jwk = ?, auth_algorithm = ?, auth_key_id = ?,
         x25519_public_key = ?, updated_at = ? WHERE id = ?`,
    )
    .run(
      JSON.stringify(keys.authJwk),
      keys.authAlgorithm,
      keys.authKeyId,
      Buffer.from(keys.x25519PublicKey),
      now.getTime(),
      id,
    );
  if (changes === 1) db.prepare('DELETE FROM service_tokens WHERE service_id = ?').run(id);
  return changes === 1;
}

export function useServiceAssertion(
  db: Database.Database,
  serviceId: string,
  jti: string,
  expiresAt: Date,
  now: Date,
): boolean {
  // An expired record of the same jti no longer blocks (its assertion could not be accepted anyway:
  // `exp` is checked first), so it is replaced rather than refused.
  db.prepare(
    'DELETE FROM service_assertions WHERE service_id = ? AND jti = ? AND expires_at <= ?',
  ).run(serviceId, jti, now.getTime());
  const { changes } = db
    .prepare(
      `INSERT INTO service_assertions (service_id, jti, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (service_id, jti) DO NOTHING`,
    )
    .run(serviceId, jti, expiresAt.getTime());
  return changes === 1;
}

export function saveServiceToken(db: Database.Database, t: ServiceTokenRecord): void {
  db.prepare(
    'INSERT INTO service_tokens (token_hash, service_id, issued_at, expires_at) VALUES (?, ?, ?, ?)',
  ).run(t.tokenHash, t.serviceId, t.issuedAt.getTime(), t.expiresAt.getTime());
}

export function findServiceToken(
  db: Database.Database,
  tokenHash: string,
  now: Date,
): ServiceTokenRecord | null {
  const row = db
    .prepare(
      `SELECT t.token_hash, t.service_id, t.issued_at, t.expires_at
         FROM service_tokens t JOIN city_services s ON s.id = t.service_id
        WHERE t.token_hash = ? AND t.expires_at > ? AND s.enabled = 1`,
    )
    .get(tokenHash, now.getTime()) as
    { token_hash: string; service_id: string; issued_at: number; expires_at: number } | undefined;
  return row
    ? {
        tokenHash: row.token_hash,
        serviceId: row.service_id,
        issuedAt: new Date(row.issued_at),
        expiresAt: new Date(row.expires_at),
      }
    : null;
}

export function purgeExpiredServiceAuth(db: Database.Database, now: Date): number {
  const at = now.getTime();
  return (
    db.prepare('DELETE FROM service_assertions WHERE expires_at <= ?').run(at).changes +
    db.prepare('DELETE FROM service_tokens WHERE expires_at <= ?').run(at).changes
  );
}

export function createServiceRequest(
  db: Database.Database,
  r: ServiceRequestRecord,
): ServiceRequestRecord {
  db.prepare(
    `INSERT INTO service_requests (${REQUEST_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.serviceId,
    r.residentId,
    JSON.stringify(r.categories),
    r.purposeCode,
    r.legalBasis,
    r.retentionDays,
    r.answerBy.getTime(),
    r.status,
    r.createdAt.getTime(),
    r.answeredAt === null ? null : r.answeredAt.getTime(),
  );
  return r;
}

export function getServiceRequest(db: Database.Database, id: string): ServiceRequestRecord | null {
  const row = db.prepare(`SELECT ${REQUEST_COLUMNS} FROM service_requests WHERE id = ?`).get(id) as
    RequestRow | undefined;
  return row ? toRequest(row) : null;
}

export function listResidentRequests(
  db: Database.Database,
  residentId: string,
  limit: number,
): ServiceRequestRecord[] {
  const rows = db
    .prepare(
      `SELECT ${REQUEST_COLUMNS} FROM service_requests WHERE resident_id = ?
        ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    .all(residentId, limit) as RequestRow[];
  return rows.map(toRequest);
}

export function refuseServiceRequest(
  db: Database.Database,
  id: string,
  residentId: string,
  now: Date,
): 'refused' | 'not-found' | 'not-pending' {
  const row = db
    .prepare('SELECT status, answer_by FROM service_requests WHERE id = ? AND resident_id = ?')
    .get(id, residentId) as { status: string; answer_by: number } | undefined;
  if (!row) return 'not-found';
  if (row.status !== 'pending' || row.answer_by <= now.getTime()) return 'not-pending';
  db.prepare(
    "UPDATE service_requests SET status = 'refused', answered_at = ? WHERE id = ? AND status = 'pending'",
  ).run(now.getTime(), id);
  return 'refused';
}
