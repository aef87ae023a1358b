import type {
  CityServiceRecord,
  ServiceKeys,
  ServiceRequestRecord,
  ServiceTokenRecord,
} from '../ports.js';
import { bytea, type Sql } from './pg-database.js';
import {
  type ServiceRow,
  SERVICE_COLUMNS,
  toService,
  type RequestRow,
  REQUEST_COLUMNS,
  toRequest,
} from '../rows.js';

/**
 * City services in PostgreSQL (DESIGN §6, §8): the registry, single-use assertion ids, access
 * tokens and requests. The same checks, in the same order, with the same results as the SQLite
 * adapter (sqlite/city-services.ts). Where SQLite relied on its single writer, a single atomic
 * statement does the work here, so two nodes cannot both pass one check.
 */

/** Registers a service; an id already registered is left as it is. */
export async function registerCityService(
  sql: Sql,
  s: CityServiceRecord,
): Promise<'registered' | 'exists'> {
  const inserted = await sql.run(
    `INSERT INTO city_services (${SERVICE_COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
    [
      s.id,
      s.name.en,
      s.name.it,
      JSON.stringify(s.purposes),
      JSON.stringify(s.legalBases),
      JSON.stringify(s.authJwk),
      s.authAlgorithm,
      s.authKeyId,
      bytea(s.x25519PublicKey),
      s.enabled ? 1 : 0,
      s.createdAt.getTime(),
      s.updatedAt.getTime(),
    ],
  );
  return inserted === 1 ? 'registered' : 'exists';
}

export async function getCityService(sql: Sql, id: string): Promise<CityServiceRecord | null> {
  const [row] = await sql.rows<ServiceRow>(
    `SELECT ${SERVICE_COLUMNS} FROM city_services WHERE id = $1`,
    [id],
  );
  return row ? toService(row) : null;
}

export async function listCityServices(sql: Sql): Promise<CityServiceRecord[]> {
  // COLLATE "C": ordered by code point, as SQLite's BINARY collation orders them.
  const rows = await sql.rows<ServiceRow>(
    `SELECT ${SERVICE_COLUMNS} FROM city_services ORDER BY id COLLATE "C"`,
  );
  return rows.map(toService);
}

/** Enables or disables a service; disabling deletes its tokens in the same transaction. */
export async function setCityServiceEnabled(
  sql: Sql,
  id: string,
  enabled: boolean,
  now: Date,
): Promise<boolean> {
  const changed = await sql.run(
    'UPDATE city_services SET enabled = $1, updated_at = $2 WHERE id = $3',
    [enabled ? 1 : 0, now.getTime(), id],
  );
  if (changed === 1 && !enabled) {
    await sql.run('DELETE FROM service_tokens WHERE service_id = $1', [id]);
  }
  return changed === 1;
}

/** Replaces both keys of a service and deletes the tokens issued under the old ones. */
export async function rotateCityServiceKeys(
  sql: Sql,
  id: string,
  keys: ServiceKeys,
  now: Date,
): Promise<boolean> {
  const changed = await sql.run(
    `UPDATE city_services SET auth_jwk = $1, auth_algorithm = $2, auth_key_id = $3,
       x25519_public_key = $4, updated_at = $5 WHERE id = $6`,
    [
      JSON.stringify(keys.authJwk),
      keys.authAlgorithm,
      keys.authKeyId,
      bytea(keys.x25519PublicKey),
      now.getTime(),
      id,
    ],
  );
  if (changed === 1) await sql.run('DELETE FROM service_tokens WHERE service_id = $1', [id]);
  return changed === 1;
}

/**
 * Records the use of an assertion id (`jti`); false if the service used it already and that use
 * has not expired. One statement, so it is atomic across nodes: of two concurrent uses (on one
 * node or two) the primary key lets one insert and makes the other wait for it and then find the
 * conflict. An expired record of the same jti no longer blocks (its assertion could not be
 * accepted anyway: `exp` is checked first), so the conflict branch takes it over, but only while
 * it is still expired when the row lock is held: a concurrent taker's fresh expiry fails the
 * WHERE, so exactly one of them wins.
 */
export async function useServiceAssertion(
  sql: Sql,
  serviceId: string,
  jti: string,
  expiresAt: Date,
  now: Date,
): Promise<boolean> {
  const recorded = await sql.run(
    `INSERT INTO service_assertions (service_id, jti, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT (service_id, jti) DO UPDATE SET expires_at = excluded.expires_at
       WHERE service_assertions.expires_at <= $4`,
    [serviceId, jti, expiresAt.getTime(), now.getTime()],
  );
  return recorded === 1;
}

export async function saveServiceToken(sql: Sql, t: ServiceTokenRecord): Promise<void> {
  await sql.run(
    `INSERT INTO service_tokens (token_hash, service_id, issued_at, expires_at)
     VALUES ($1, $2, $3, $4)`,
    [t.tokenHash, t.serviceId, t.issuedAt.getTime(), t.expiresAt.getTime()],
  );
}

/** An unexpired token of an enabled service, by its hash. */
export async function findServiceToken(
  sql: Sql,
  tokenHash: string,
  now: Date,
): Promise<ServiceTokenRecord | null> {
  const [row] = await sql.rows<{
    token_hash: string;
    service_id: string;
    issued_at: number;
    expires_at: number;
  }>(
    `SELECT t.token_hash, t.service_id, t.issued_at, t.expires_at
       FROM service_tokens t JOIN city_services s ON s.id = t.service_id
      WHERE t.token_hash = $1 AND t.expires_at > $2 AND s.enabled = 1`,
    [tokenHash, now.getTime()],
  );
  return row
    ? {
        tokenHash: row.token_hash,
        serviceId: row.service_id,
        issuedAt: new Date(row.issued_at),
        expiresAt: new Date(row.expires_at),
      }
    : null;
}

export async function purgeExpiredServiceAuth(sql: Sql, now: Date): Promise<number> {
  const at = now.getTime();
  const assertions = await sql.run('DELETE FROM service_assertions WHERE expires_at <= $1', [at]);
  const tokens = await sql.run('DELETE FROM service_tokens WHERE expires_at <= $1', [at]);
  return assertions + tokens;
}

/** Files a request; the foreign keys refuse an unknown service or resident. */
export async function createServiceRequest(
  sql: Sql,
  r: ServiceRequestRecord,
): Promise<ServiceRequestRecord> {
  await sql.run(
    `INSERT INTO service_requests (${REQUEST_COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
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
    ],
  );
  return {
    ...r,
    categories: [...r.categories],
    answerBy: new Date(r.answerBy),
    createdAt: new Date(r.createdAt),
    answeredAt: r.answeredAt === null ? null : new Date(r.answeredAt),
  };
}

export async function getServiceRequest(
  sql: Sql,
  id: string,
): Promise<ServiceRequestRecord | null> {
  const [row] = await sql.rows<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM service_requests WHERE id = $1`,
    [id],
  );
  return row ? toRequest(row) : null;
}

/** A resident's requests, newest first. */
export async function listResidentRequests(
  sql: Sql,
  residentId: string,
  limit: number,
): Promise<ServiceRequestRecord[]> {
  const rows = await sql.rows<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM service_requests WHERE resident_id = $1
      ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT $2`,
    [residentId, limit],
  );
  return rows.map(toRequest);
}

/**
 * The resident refuses their own pending request. One conditional UPDATE decides, so a refusal
 * and an approval racing on two nodes cannot both win: the approval holds the request's row lock
 * (consent.ts, createGrant) and this UPDATE waits for it, then re-checks `status = 'pending'`
 * against the committed row. Only when nothing was updated does a read tell which refusal it is.
 */
export async function refuseServiceRequest(
  sql: Sql,
  id: string,
  residentId: string,
  now: Date,
): Promise<'refused' | 'not-found' | 'not-pending'> {
  const refused = await sql.rows<{ id: string }>(
    `UPDATE service_requests SET status = 'refused', answered_at = $1
      WHERE id = $2 AND resident_id = $3 AND status = 'pending' AND answer_by > $1
      RETURNING id`,
    [now.getTime(), id, residentId],
  );
  if (refused.length === 1) return 'refused';
  const [row] = await sql.rows<{ id: string }>(
    'SELECT id FROM service_requests WHERE id = $1 AND resident_id = $2',
    [id, residentId],
  );
  return row ? 'not-pending' : 'not-found';
}
