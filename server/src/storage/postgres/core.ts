import { randomUUID } from 'node:crypto';
import type {
  ChallengePurpose,
  ChallengeRecord,
  EidIdentityInput,
  OidcTransactionRecord,
  PasskeyRecord,
  RemovePasskeyResult,
  ResidentRecord,
  SessionRecord,
} from '../ports.js';
import { bytea, type Sql } from './pg-database.js';
import { lockResident } from './pg-helpers.js';
import {
  type ResidentRow,
  type SessionRow,
  type TxRow,
  type ChallengeRow,
  type PasskeyRow,
  toResident,
  toSession,
  toPasskey,
} from '../rows.js';

/**
 * Residents, eID identities, sessions, pending sign-ins, WebAuthn challenges and passkeys on
 * PostgreSQL: SQLite's logic (sqlite-storage.ts) made safe for several nodes writing at once. Each
 * write runs inside the transaction postgres-storage.ts opens for it, at READ COMMITTED; where
 * SQLite relied on its single writer, the comment beside the statement says what stands in for it.
 */

const RESIDENT_COLUMNS = 'id, display_name, birthdate, national_id, acr, created_at';

/** The details of an eID sign-in, refreshed on the resident it is linked to. */
async function refreshLinked(
  sql: Sql,
  input: EidIdentityInput,
  now: Date,
): Promise<ResidentRecord | null> {
  // FOR UPDATE: two sign-ins of the same identity update it one after the other.
  const [linked] = await sql.rows<{ resident_id: string }>(
    'SELECT resident_id FROM eid_identities WHERE issuer = $1 AND subject = $2 FOR UPDATE',
    [input.issuer, input.subject],
  );
  if (linked === undefined) return null;
  await sql.run('UPDATE eid_identities SET last_used_at = $1 WHERE issuer = $2 AND subject = $3', [
    now.getTime(),
    input.issuer,
    input.subject,
  ]);
  const [row] = await sql.rows<ResidentRow>(
    `UPDATE residents SET display_name = $1, birthdate = $2, national_id = $3, acr = $4
      WHERE id = $5 RETURNING ${RESIDENT_COLUMNS}`,
    [input.displayName, input.birthdate, input.nationalId, input.acr, linked.resident_id],
  );
  return row === undefined ? null : toResident(row);
}

/**
 * The resident linked to this eID identity, with the sign-in's details; a new resident on the
 * identity's first sign-in. Two first sign-ins of the same identity on two nodes at once make one
 * resident: the identity's primary key decides (INSERT … ON CONFLICT DO NOTHING waits for the other
 * insert and yields if it committed); the loser drops the resident it had just made, unseen by
 * anyone, and takes the winner's.
 */
export async function upsertResidentFromEid(
  sql: Sql,
  input: EidIdentityInput,
  now: Date,
): Promise<ResidentRecord> {
  const existing = await refreshLinked(sql, input, now);
  if (existing !== null) return existing;
  const id = randomUUID();
  const [row] = await sql.rows<ResidentRow>(
    `INSERT INTO residents (id, display_name, birthdate, national_id, acr, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${RESIDENT_COLUMNS}`,
    [id, input.displayName, input.birthdate, input.nationalId, input.acr, now.getTime()],
  );
  const linked = await sql.run(
    `INSERT INTO eid_identities (issuer, subject, resident_id, created_at, last_used_at)
     VALUES ($1, $2, $3, $4, $4) ON CONFLICT (issuer, subject) DO NOTHING`,
    [input.issuer, input.subject, id, now.getTime()],
  );
  if (linked === 1 && row !== undefined) return toResident(row);
  await sql.run('DELETE FROM residents WHERE id = $1', [id]);
  const winner = await refreshLinked(sql, input, now);
  if (winner === null) throw new Error('the eID identity vanished while signing in');
  return winner;
}

export async function findResidentByNationalId(
  sql: Sql,
  nationalId: string,
): Promise<ResidentRecord | null> {
  const [row] = await sql.rows<ResidentRow>(
    `SELECT ${RESIDENT_COLUMNS} FROM residents
      WHERE national_id = $1 AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1`,
    [nationalId],
  );
  return row ? toResident(row) : null;
}

export async function getResident(sql: Sql, id: string): Promise<ResidentRecord | null> {
  const [row] = await sql.rows<ResidentRow>(
    `SELECT ${RESIDENT_COLUMNS} FROM residents WHERE id = $1 AND deleted_at IS NULL`,
    [id],
  );
  return row ? toResident(row) : null;
}

/** Stores a session; the one it replaces (sign-in again, rotation) goes in the same transaction. */
export async function createSession(
  sql: Sql,
  s: SessionRecord,
  replacesIdHash: string | undefined,
): Promise<void> {
  if (replacesIdHash !== undefined) {
    await sql.run('DELETE FROM sessions WHERE id_hash = $1', [replacesIdHash]);
  }
  await sql.run(
    `INSERT INTO sessions (id_hash, public_id, resident_id, method, user_agent, created_at,
       last_seen_at, absolute_expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      s.idHash,
      s.publicId,
      s.residentId,
      s.method,
      s.userAgent,
      s.createdAt.getTime(),
      s.lastSeenAt.getTime(),
      s.absoluteExpiresAt.getTime(),
    ],
  );
}

export async function findSession(sql: Sql, idHash: string): Promise<SessionRecord | null> {
  const [row] = await sql.rows<SessionRow>('SELECT * FROM sessions WHERE id_hash = $1', [idHash]);
  return row ? toSession(row) : null;
}

/** Moves lastSeenAt forward only: requests finishing out of order on two nodes never rewind it. */
export async function touchSession(sql: Sql, idHash: string, lastSeenAt: Date): Promise<void> {
  await sql.run(
    'UPDATE sessions SET last_seen_at = GREATEST(last_seen_at, $1) WHERE id_hash = $2',
    [lastSeenAt.getTime(), idHash],
  );
}

export async function deleteSession(sql: Sql, idHash: string): Promise<boolean> {
  return (await sql.run('DELETE FROM sessions WHERE id_hash = $1', [idHash])) > 0;
}

export async function deleteSessionByPublicId(
  sql: Sql,
  residentId: string,
  publicId: string,
): Promise<boolean> {
  const deleted = await sql.run('DELETE FROM sessions WHERE public_id = $1 AND resident_id = $2', [
    publicId,
    residentId,
  ]);
  return deleted > 0;
}

export async function deleteOtherSessions(
  sql: Sql,
  residentId: string,
  keepIdHash: string,
): Promise<number> {
  return sql.run('DELETE FROM sessions WHERE resident_id = $1 AND id_hash <> $2', [
    residentId,
    keepIdHash,
  ]);
}

export async function listSessions(sql: Sql, residentId: string): Promise<SessionRecord[]> {
  const rows = await sql.rows<SessionRow>(
    'SELECT * FROM sessions WHERE resident_id = $1 ORDER BY last_seen_at DESC, created_at DESC',
    [residentId],
  );
  return rows.map(toSession);
}

export async function purgeExpiredSessions(sql: Sql, now: Date, idleBefore: Date): Promise<number> {
  return sql.run('DELETE FROM sessions WHERE absolute_expires_at <= $1 OR last_seen_at < $2', [
    now.getTime(),
    idleBefore.getTime(),
  ]);
}

export async function saveOidcTransaction(sql: Sql, tx: OidcTransactionRecord): Promise<void> {
  // Housekeeping rides along: abandoned sign-ins do not pile up.
  await sql.run('DELETE FROM oidc_transactions WHERE expires_at <= $1', [tx.createdAt.getTime()]);
  await sql.run(
    `INSERT INTO oidc_transactions (id, state, nonce, code_verifier, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [tx.id, tx.state, tx.nonce, tx.codeVerifier, tx.createdAt.getTime(), tx.expiresAt.getTime()],
  );
}

/**
 * Consumes a pending sign-in: one `DELETE … RETURNING`, so of any number of nodes taking it at
 * once exactly one gets the row (the others' deletes find it gone). An expired one is deleted too,
 * and never returned.
 */
export async function takeOidcTransaction(
  sql: Sql,
  id: string,
  now: Date,
): Promise<OidcTransactionRecord | null> {
  const [row] = await sql.rows<TxRow>('DELETE FROM oidc_transactions WHERE id = $1 RETURNING *', [
    id,
  ]);
  if (row === undefined || row.expires_at <= now.getTime()) return null;
  return {
    id: row.id,
    state: row.state,
    nonce: row.nonce,
    codeVerifier: row.code_verifier,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  };
}

export async function saveChallenge(sql: Sql, c: ChallengeRecord): Promise<void> {
  await sql.run('DELETE FROM webauthn_challenges WHERE expires_at <= $1', [c.createdAt.getTime()]);
  await sql.run(
    `INSERT INTO webauthn_challenges (challenge, purpose, resident_id, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [c.challenge, c.purpose, c.residentId, c.createdAt.getTime(), c.expiresAt.getTime()],
  );
}

/**
 * Consumes a challenge (WebAuthn §13.4.3: used once): one `DELETE … RETURNING`, as for sign-in
 * transactions, so a challenge used on one node is gone for every other. An expired one is deleted
 * and never returned.
 */
export async function takeChallenge(
  sql: Sql,
  challenge: string,
  purpose: ChallengePurpose,
  now: Date,
): Promise<ChallengeRecord | null> {
  const [row] = await sql.rows<ChallengeRow>(
    'DELETE FROM webauthn_challenges WHERE challenge = $1 AND purpose = $2 RETURNING *',
    [challenge, purpose],
  );
  if (row === undefined || row.expires_at <= now.getTime()) return null;
  return {
    challenge: row.challenge,
    purpose: row.purpose as ChallengePurpose,
    residentId: row.resident_id,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  };
}

/** False if the credential id is registered already (to anyone): its unique index decides. */
export async function addPasskey(sql: Sql, p: PasskeyRecord): Promise<boolean> {
  const added = await sql.run(
    `INSERT INTO passkeys (id, resident_id, credential_id, public_key, counter, transports,
       name, backed_up, created_at, last_used_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (credential_id) DO NOTHING`,
    [
      p.id,
      p.residentId,
      p.credentialId,
      bytea(p.publicKey),
      p.counter,
      JSON.stringify(p.transports),
      p.name,
      p.backedUp ? 1 : 0,
      p.createdAt.getTime(),
      p.lastUsedAt === null ? null : p.lastUsedAt.getTime(),
    ],
  );
  return added === 1;
}

export async function findPasskeyByCredentialId(
  sql: Sql,
  credentialId: string,
): Promise<PasskeyRecord | null> {
  const [row] = await sql.rows<PasskeyRow>('SELECT * FROM passkeys WHERE credential_id = $1', [
    credentialId,
  ]);
  return row ? toPasskey(row) : null;
}

export async function listPasskeys(sql: Sql, residentId: string): Promise<PasskeyRecord[]> {
  const rows = await sql.rows<PasskeyRow>(
    'SELECT * FROM passkeys WHERE resident_id = $1 ORDER BY created_at, id',
    [residentId],
  );
  return rows.map(toPasskey);
}

/**
 * Records a sign-in's signature counter (WebAuthn §6.1.1) only if it still holds the value the
 * sign-in verified against: a compare-and-set in one UPDATE, so of two sign-ins with the same
 * counter on two nodes exactly one succeeds (the other's UPDATE waits for the row, then finds the
 * counter changed and touches nothing).
 */
export async function recordPasskeyUse(
  sql: Sql,
  id: string,
  expectedCounter: number,
  newCounter: number,
  usedAt: Date,
): Promise<boolean> {
  const updated = await sql.run(
    'UPDATE passkeys SET counter = $1, last_used_at = $2 WHERE id = $3 AND counter = $4',
    [newCounter, usedAt.getTime(), id, expectedCounter],
  );
  return updated === 1;
}

export async function renamePasskey(
  sql: Sql,
  residentId: string,
  id: string,
  name: string,
): Promise<PasskeyRecord | null> {
  const [row] = await sql.rows<PasskeyRow>(
    'UPDATE passkeys SET name = $1 WHERE id = $2 AND resident_id = $3 RETURNING *',
    [name, id, residentId],
  );
  return row ? toPasskey(row) : null;
}

/**
 * Removes a passkey and its key slot, unless it is the resident's last way to sign in or its slot
 * the last way to open the vault. The resident's row is locked first ({@link lockResident}), so
 * two removals on two nodes cannot each see the other's passkey as the one that remains.
 */
export async function removePasskey(
  sql: Sql,
  residentId: string,
  id: string,
): Promise<RemovePasskeyResult> {
  await lockResident(sql, residentId);
  const [own] = await sql.rows<{ credential_id: string }>(
    'SELECT credential_id FROM passkeys WHERE id = $1 AND resident_id = $2',
    [id, residentId],
  );
  if (own === undefined) return 'not-found';
  const [counts] = await sql.rows<{ others: number; own_slots: number; all_slots: number }>(
    `SELECT (SELECT COUNT(*) FROM passkeys WHERE resident_id = $1 AND id <> $2)
          + (SELECT COUNT(*) FROM eid_identities WHERE resident_id = $1) AS others,
            (SELECT COUNT(*) FROM key_slots WHERE resident_id = $1 AND credential_id = $3)
              AS own_slots,
            (SELECT COUNT(*) FROM key_slots WHERE resident_id = $1) AS all_slots`,
    [residentId, id, own.credential_id],
  );
  if (counts === undefined || counts.others === 0) return 'last-sign-in-method';
  // A removed passkey must not keep opening the vault: its key slot goes with it, unless that slot
  // is the last way in.
  if (counts.own_slots > 0 && counts.own_slots === counts.all_slots) return 'last-key-slot';
  await sql.run('DELETE FROM key_slots WHERE resident_id = $1 AND credential_id = $2', [
    residentId,
    own.credential_id,
  ]);
  await sql.run('DELETE FROM passkeys WHERE id = $1 AND resident_id = $2', [id, residentId]);
  return 'removed';
}
