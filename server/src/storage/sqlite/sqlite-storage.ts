import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type {
  AccountDeletionCounts,
  Audit,
  DeleteAccountResult,
  AddGrantKeysResult,
  CreateGrantResult,
  GrantKeyRecord,
  GrantRecord,
  ReleaseRequest,
  ReleaseResult,
  RevokeGrantResult,
  CityServiceRecord,
  ServiceKeys,
  ServiceRequestRecord,
  ServiceTokenRecord,
  LogAppend,
  LogCheckpointRecord,
  LogEntryFilter,
  LogEntryRecord,
  LogNodeKey,
  AddKeySlotResult,
  AppendChunksInput,
  AppendChunksResult,
  ChallengePurpose,
  ChallengeRecord,
  CompleteUploadInput,
  CompleteUploadResult,
  CreateUploadInput,
  PutVersionInput,
  PutVersionResult,
  CreateUploadResult,
  DocumentRecord,
  DocumentVersionRecord,
  EidIdentityInput,
  EnrolResult,
  KeySlotRecord,
  OidcTransactionRecord,
  PasskeyRecord,
  RemoveKeySlotResult,
  RemovePasskeyResult,
  ReplaceRecoverySlotsResult,
  ResidentKeysRecord,
  ResidentRecord,
  SessionRecord,
  VaultStateRecord,
  VaultStorage,
} from '../ports.js';
import { LogAppendError } from '../ports.js';
import * as account from './account.js';
import * as accessLog from './access-log.js';
import * as cityServices from './city-services.js';
import * as consent from './consent.js';
import * as documents from './documents.js';
import * as keySlots from './key-slots.js';
import { openDatabase, REQUIRED_PRAGMAS, verifyPragmas } from './open-database.js';
import { asStorageFull } from './storage-full.js';
import { TRUNCATE_BUSY_MS, WalCheckpointer } from './wal-checkpointer.js';
import { WriteQueue } from './write-queue.js';
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

export interface SqliteStorageOptions {
  /**
   * Called once if the WAL checkpoint thread fails (the writer has then gone back to checkpointing
   * inside commits): the composition root logs it for the operator.
   */
  onCheckpointThreadFailure?: (error: unknown) => void;
}

/**
 * The SQLite adapter (better-sqlite3 12). better-sqlite3 is synchronous: reads run at once; every
 * write runs its statements (in its own savepoint) inside a group-commit batch (write-queue.ts),
 * synchronously, so no transaction is ever held across an `await`.
 */
export class SqliteStorage implements VaultStorage {
  readonly adapter = 'sqlite';
  readonly #db: Database.Database;
  readonly #queue: WriteQueue;
  readonly #checkpointer: WalCheckpointer | null;
  /** The database's directory: where to ask the file system whether it is full. */
  readonly #dir: string;
  /** Whether background TRUNCATE retries run, after a deletion a reader held up. */
  #retryingTruncate = false;
  #closed = false;

  /**
   * A file database in WAL mode gets its checkpoints on a worker thread (wal-checkpointer.ts);
   * the writer's own automatic checkpoint stays on as a backstop.
   */
  constructor(db: Database.Database, options: SqliteStorageOptions = {}) {
    this.#db = db;
    this.#dir = db.memory ? os.tmpdir() : path.dirname(path.resolve(db.name));
    const wal = !db.memory && String(db.pragma('journal_mode', { simple: true })) === 'wal';
    if (wal) {
      db.pragma(`wal_autocheckpoint = ${WalCheckpointer.BACKSTOP_PAGES}`);
      this.#checkpointer = new WalCheckpointer(db.name, (error) => {
        if (db.open) db.pragma(`wal_autocheckpoint = ${WalCheckpointer.DEFAULT_PAGES}`);
        options.onCheckpointThreadFailure?.(error);
      });
    } else this.#checkpointer = null;
    const checkpointer = this.#checkpointer;
    this.#queue = new WriteQueue(db, checkpointer ? () => checkpointer.nudge() : undefined);
  }

  /** Background checkpoint figures (null for an in-memory database), for benchmarks and tests. */
  get checkpointStats(): Readonly<WalCheckpointer['stats']> | null {
    return this.#checkpointer?.stats ?? null;
  }

  /** Resolves when no background checkpoint is running or queued (tests). */
  checkpointsIdle(): Promise<void> {
    return this.#checkpointer?.idle() ?? Promise.resolve();
  }

  /** Group-commit figures (batches, writes, largest batch) for benchmarks. */
  get writeStats(): Readonly<WriteQueue['stats']> {
    return this.#queue.stats;
  }

  /**
   * Every write joins the group commit: acknowledged only once its batch is durable. A write that
   * fails because the disk is full is rejected with {@link StorageFullError} (the queue has rolled
   * its batch back and goes on with the next one).
   */
  #write<T>(work: () => T): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('storage is closed'));
    return this.#queue.run(work).catch((error: unknown) => {
      throw asStorageFull(error, this.#dir) ?? error;
    });
  }

  /**
   * A write whose access-log entry (built by `audit` from its outcome) is appended in the same
   * savepoint: if building or appending the entry throws, the write is rolled back with it.
   */
  #audited<R>(audit: Audit<R> | undefined, work: () => R): Promise<R> {
    if (audit === undefined) return this.#write(work);
    return this.#write(() => {
      const result = work();
      const entry = audit(result);
      if (entry !== null) this.#append([entry]);
      return result;
    });
  }

  /** Appends inside the current transaction; a failure becomes a {@link LogAppendError}. */
  #append(entries: readonly LogAppend[]): LogEntryRecord[] {
    try {
      return accessLog.appendEntries(this.#db, entries);
    } catch (error) {
      // A full disk is said as such (507, by #write); any other failure is the log's (503).
      if (asStorageFull(error, this.#dir) !== null) throw error;
      throw new LogAppendError(error);
    }
  }

  /** Opens the file with the required pragmas verified and migrations applied. */
  static open(file: string, options: SqliteStorageOptions = {}): SqliteStorage {
    return new SqliteStorage(openDatabase(file), options);
  }

  /** Answers a query and re-reads the required pragmas: readiness means "safe to write". */
  async ping(): Promise<void> {
    this.#db.prepare('SELECT 1').get();
    verifyPragmas(this.#db);
  }

  /** One process owns the file (WAL mode, one writer): the log lease is always this one's. */
  async acquireLogLease(): Promise<boolean> {
    return !this.#closed;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    // Writes already accepted are committed (and acknowledged) before the file closes.
    await this.#queue.run(() => undefined);
    this.#closed = true;
    await this.#checkpointer?.stop();
    this.#db.close();
  }

  async upsertResidentFromEid(input: EidIdentityInput, now: Date): Promise<ResidentRecord> {
    return this.#write(() => {
      const db = this.#db;
      const run = db.transaction((): ResidentRecord => {
        const linked = db
          .prepare('SELECT resident_id FROM eid_identities WHERE issuer = ? AND subject = ?')
          .pluck()
          .get(input.issuer, input.subject) as string | undefined;
        let id = linked;
        if (id === undefined) {
          id = randomUUID();
          db.prepare(
            `INSERT INTO residents (id, display_name, birthdate, national_id, acr, created_at)
             VALUES (?, ?, ?, ?, ?, ?)`,
          ).run(id, input.displayName, input.birthdate, input.nationalId, input.acr, now.getTime());
          db.prepare(
            `INSERT INTO eid_identities (issuer, subject, resident_id, created_at, last_used_at)
             VALUES (?, ?, ?, ?, ?)`,
          ).run(input.issuer, input.subject, id, now.getTime(), now.getTime());
        } else {
          db.prepare(
            `UPDATE residents SET display_name = ?, birthdate = ?, national_id = ?, acr = ?
             WHERE id = ?`,
          ).run(input.displayName, input.birthdate, input.nationalId, input.acr, id);
          db.prepare(
            'UPDATE eid_identities SET last_used_at = ? WHERE issuer = ? AND subject = ?',
          ).run(now.getTime(), input.issuer, input.subject);
        }
        return toResident(
          db.prepare('SELECT * FROM residents WHERE id = ?').get(id) as ResidentRow,
        );
      });
      return run.immediate();
    });
  }

  async findResidentByNationalId(nationalId: string): Promise<ResidentRecord | null> {
    const row = this.#db
      .prepare(
        `SELECT id, display_name, birthdate, national_id, acr, created_at FROM residents
          WHERE national_id = ? AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1`,
      )
      .get(nationalId) as ResidentRow | undefined;
    return row ? toResident(row) : null;
  }

  async getResident(id: string): Promise<ResidentRecord | null> {
    const row = this.#db
      .prepare('SELECT * FROM residents WHERE id = ? AND deleted_at IS NULL')
      .get(id) as ResidentRow | undefined;
    return row ? toResident(row) : null;
  }

  async createSession(
    s: SessionRecord,
    replacesIdHash?: string,
    audit?: Audit<void>,
  ): Promise<void> {
    return this.#audited(audit, () => {
      const db = this.#db;
      db.transaction(() => {
        if (replacesIdHash !== undefined) {
          db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(replacesIdHash);
        }
        db.prepare(
          `INSERT INTO sessions (id_hash, public_id, resident_id, method, user_agent, created_at,
             last_seen_at, absolute_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          s.idHash,
          s.publicId,
          s.residentId,
          s.method,
          s.userAgent,
          s.createdAt.getTime(),
          s.lastSeenAt.getTime(),
          s.absoluteExpiresAt.getTime(),
        );
      }).immediate();
    });
  }

  async findSession(idHash: string): Promise<SessionRecord | null> {
    const row = this.#db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(idHash) as
      SessionRow | undefined;
    return row ? toSession(row) : null;
  }

  async touchSession(idHash: string, lastSeenAt: Date): Promise<void> {
    return this.#write(() => {
      this.#db
        .prepare('UPDATE sessions SET last_seen_at = MAX(last_seen_at, ?) WHERE id_hash = ?')
        .run(lastSeenAt.getTime(), idHash);
    });
  }

  async deleteSession(idHash: string): Promise<boolean> {
    return this.#write(() => {
      return this.#db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash).changes > 0;
    });
  }

  async deleteSessionByPublicId(residentId: string, publicId: string): Promise<boolean> {
    return this.#write(() => {
      return (
        this.#db
          .prepare('DELETE FROM sessions WHERE public_id = ? AND resident_id = ?')
          .run(publicId, residentId).changes > 0
      );
    });
  }

  async deleteOtherSessions(residentId: string, keepIdHash: string): Promise<number> {
    return this.#write(() => {
      return this.#db
        .prepare('DELETE FROM sessions WHERE resident_id = ? AND id_hash <> ?')
        .run(residentId, keepIdHash).changes;
    });
  }

  async listSessions(residentId: string): Promise<SessionRecord[]> {
    const rows = this.#db
      .prepare(
        'SELECT * FROM sessions WHERE resident_id = ? ORDER BY last_seen_at DESC, created_at DESC',
      )
      .all(residentId) as SessionRow[];
    return rows.map(toSession);
  }

  async purgeExpiredSessions(now: Date, idleBefore: Date): Promise<number> {
    return this.#write(() => {
      return this.#db
        .prepare('DELETE FROM sessions WHERE absolute_expires_at <= ? OR last_seen_at < ?')
        .run(now.getTime(), idleBefore.getTime()).changes;
    });
  }

  async saveOidcTransaction(tx: OidcTransactionRecord): Promise<void> {
    return this.#write(() => {
      const db = this.#db;
      db.transaction(() => {
        // Housekeeping rides along: abandoned sign-ins do not pile up.
        db.prepare('DELETE FROM oidc_transactions WHERE expires_at <= ?').run(
          tx.createdAt.getTime(),
        );
        db.prepare(
          `INSERT INTO oidc_transactions (id, state, nonce, code_verifier, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(
          tx.id,
          tx.state,
          tx.nonce,
          tx.codeVerifier,
          tx.createdAt.getTime(),
          tx.expiresAt.getTime(),
        );
      }).immediate();
    });
  }

  async takeOidcTransaction(id: string, now: Date): Promise<OidcTransactionRecord | null> {
    return this.#write(() => {
      const row = this.#db
        .prepare('DELETE FROM oidc_transactions WHERE id = ? RETURNING *')
        .get(id) as TxRow | undefined;
      if (!row || row.expires_at <= now.getTime()) return null;
      return {
        id: row.id,
        state: row.state,
        nonce: row.nonce,
        codeVerifier: row.code_verifier,
        createdAt: new Date(row.created_at),
        expiresAt: new Date(row.expires_at),
      };
    });
  }

  async saveChallenge(c: ChallengeRecord): Promise<void> {
    return this.#write(() => {
      const db = this.#db;
      db.transaction(() => {
        db.prepare('DELETE FROM webauthn_challenges WHERE expires_at <= ?').run(
          c.createdAt.getTime(),
        );
        db.prepare(
          `INSERT INTO webauthn_challenges (challenge, purpose, resident_id, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?)`,
        ).run(c.challenge, c.purpose, c.residentId, c.createdAt.getTime(), c.expiresAt.getTime());
      }).immediate();
    });
  }

  async takeChallenge(
    challenge: string,
    purpose: ChallengePurpose,
    now: Date,
  ): Promise<ChallengeRecord | null> {
    return this.#write(() => {
      const row = this.#db
        .prepare('DELETE FROM webauthn_challenges WHERE challenge = ? AND purpose = ? RETURNING *')
        .get(challenge, purpose) as ChallengeRow | undefined;
      if (!row || row.expires_at <= now.getTime()) return null;
      return {
        challenge: row.challenge,
        purpose: row.purpose as ChallengePurpose,
        residentId: row.resident_id,
        createdAt: new Date(row.created_at),
        expiresAt: new Date(row.expires_at),
      };
    });
  }

  async addPasskey(p: PasskeyRecord, audit?: Audit<boolean>): Promise<boolean> {
    return this.#audited(audit, () => {
      const result = this.#db
        .prepare(
          `INSERT INTO passkeys (id, resident_id, credential_id, public_key, counter, transports,
             name, backed_up, created_at, last_used_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (credential_id) DO NOTHING`,
        )
        .run(
          p.id,
          p.residentId,
          p.credentialId,
          Buffer.from(p.publicKey),
          p.counter,
          JSON.stringify(p.transports),
          p.name,
          p.backedUp ? 1 : 0,
          p.createdAt.getTime(),
          p.lastUsedAt === null ? null : p.lastUsedAt.getTime(),
        );
      return result.changes === 1;
    });
  }

  async findPasskeyByCredentialId(credentialId: string): Promise<PasskeyRecord | null> {
    const row = this.#db
      .prepare('SELECT * FROM passkeys WHERE credential_id = ?')
      .get(credentialId) as PasskeyRow | undefined;
    return row ? toPasskey(row) : null;
  }

  async listPasskeys(residentId: string): Promise<PasskeyRecord[]> {
    const rows = this.#db
      .prepare('SELECT * FROM passkeys WHERE resident_id = ? ORDER BY created_at, id')
      .all(residentId) as PasskeyRow[];
    return rows.map(toPasskey);
  }

  async recordPasskeyUse(
    id: string,
    expectedCounter: number,
    newCounter: number,
    usedAt: Date,
  ): Promise<boolean> {
    return this.#write(() => {
      return (
        this.#db
          .prepare('UPDATE passkeys SET counter = ?, last_used_at = ? WHERE id = ? AND counter = ?')
          .run(newCounter, usedAt.getTime(), id, expectedCounter).changes === 1
      );
    });
  }

  async renamePasskey(
    residentId: string,
    id: string,
    name: string,
    audit?: Audit<PasskeyRecord | null>,
  ): Promise<PasskeyRecord | null> {
    return this.#audited(audit, () => {
      const row = this.#db
        .prepare('UPDATE passkeys SET name = ? WHERE id = ? AND resident_id = ? RETURNING *')
        .get(name, id, residentId) as PasskeyRow | undefined;
      return row ? toPasskey(row) : null;
    });
  }

  async removePasskey(
    residentId: string,
    id: string,
    audit?: Audit<RemovePasskeyResult>,
  ): Promise<RemovePasskeyResult> {
    return this.#audited(audit, () => {
      const db = this.#db;
      return db
        .transaction((): RemovePasskeyResult => {
          const credentialId = db
            .prepare('SELECT credential_id FROM passkeys WHERE id = ? AND resident_id = ?')
            .pluck()
            .get(id, residentId) as string | undefined;
          if (credentialId === undefined) return 'not-found';
          const others = db
            .prepare(
              `SELECT (SELECT COUNT(*) FROM passkeys WHERE resident_id = ? AND id <> ?)
                    + (SELECT COUNT(*) FROM eid_identities WHERE resident_id = ?)`,
            )
            .pluck()
            .get(residentId, id, residentId) as number;
          if (others === 0) return 'last-sign-in-method';
          // A removed passkey must not keep opening the vault: its key slot goes with it, unless
          // that slot is the last way in.
          const [ownSlots, allSlots] = db
            .prepare(
              `SELECT (SELECT COUNT(*) FROM key_slots WHERE resident_id = ? AND credential_id = ?),
                      (SELECT COUNT(*) FROM key_slots WHERE resident_id = ?)`,
            )
            .raw()
            .get(residentId, credentialId, residentId) as [number, number];
          if (ownSlots > 0 && ownSlots === allSlots) return 'last-key-slot';
          db.prepare('DELETE FROM key_slots WHERE resident_id = ? AND credential_id = ?').run(
            residentId,
            credentialId,
          );
          db.prepare('DELETE FROM passkeys WHERE id = ? AND resident_id = ?').run(id, residentId);
          return 'removed';
        })
        .immediate();
    });
  }

  // --- vault keys and documents: one synchronous transaction each (key-slots.ts, documents.ts) --

  async enrol(
    keys: ResidentKeysRecord,
    slots: KeySlotRecord[],
    audit?: Audit<EnrolResult>,
  ): Promise<EnrolResult> {
    return this.#audited(audit, () => {
      return keySlots.enrol(this.#db, keys, slots);
    });
  }

  async getVaultState(residentId: string, now: Date): Promise<VaultStateRecord> {
    return keySlots.getVaultState(this.#db, residentId, now);
  }

  async addKeySlot(
    slot: KeySlotRecord,
    limits: { maxSlots: number },
    audit?: Audit<AddKeySlotResult>,
  ): Promise<AddKeySlotResult> {
    return this.#audited(audit, () => {
      return keySlots.addKeySlot(this.#db, slot, limits);
    });
  }

  async removeKeySlot(
    residentId: string,
    slotId: string,
    audit?: Audit<RemoveKeySlotResult>,
  ): Promise<RemoveKeySlotResult> {
    return this.#audited(audit, () => {
      return keySlots.removeKeySlot(this.#db, residentId, slotId);
    });
  }

  async replaceRecoverySlots(
    slot: KeySlotRecord,
    audit?: Audit<ReplaceRecoverySlotsResult>,
  ): Promise<ReplaceRecoverySlotsResult> {
    return this.#audited(audit, () => {
      return keySlots.replaceRecoverySlots(this.#db, slot);
    });
  }

  async createUpload(input: CreateUploadInput): Promise<CreateUploadResult> {
    return this.#write(() => {
      return documents.createUpload(this.#db, input);
    });
  }

  async appendChunks(input: AppendChunksInput): Promise<AppendChunksResult> {
    return this.#write(() => {
      return documents.appendChunks(this.#db, input);
    });
  }

  async completeUpload(
    input: CompleteUploadInput,
    audit?: Audit<CompleteUploadResult>,
  ): Promise<CompleteUploadResult> {
    return this.#audited(audit, () => {
      return documents.completeUpload(this.#db, input);
    });
  }

  async putVersion(
    input: PutVersionInput,
    audit?: Audit<PutVersionResult>,
  ): Promise<PutVersionResult> {
    return this.#audited(audit, () => {
      return documents.putVersion(this.#db, input);
    });
  }

  async cancelUpload(residentId: string, uploadId: string): Promise<boolean> {
    return this.#write(() => {
      return documents.cancelUpload(this.#db, residentId, uploadId);
    });
  }

  async purgeExpiredUploads(now: Date): Promise<number> {
    return this.#write(() => {
      return documents.purgeExpiredUploads(this.#db, now);
    });
  }

  async listDocuments(ownerId: string): Promise<DocumentRecord[]> {
    return documents.listDocuments(this.#db, ownerId);
  }

  async getDocument(
    ownerId: string,
    documentId: string,
  ): Promise<{ document: DocumentRecord; versions: DocumentVersionRecord[] } | null> {
    return documents.getDocument(this.#db, ownerId, documentId);
  }

  async readChunks(
    ownerId: string,
    documentId: string,
    version: number,
    fromIndex: number,
    count: number,
  ): Promise<Uint8Array[]> {
    return documents.readChunks(this.#db, ownerId, documentId, version, fromIndex, count);
  }

  async deleteDocument(
    ownerId: string,
    documentId: string,
    audit?: Audit<boolean>,
  ): Promise<boolean> {
    return this.#audited(audit, () => {
      return documents.deleteDocument(this.#db, ownerId, documentId);
    });
  }

  async appendLog(entries: LogAppend[]): Promise<LogEntryRecord[]> {
    return this.#write(() => this.#append(entries));
  }

  async logSize(): Promise<number> {
    return accessLog.logSize(this.#db);
  }

  async getLogNodes(keys: readonly LogNodeKey[]): Promise<Uint8Array[]> {
    return accessLog.getNodes(this.#db, keys);
  }

  async getLogNodeRange(level: number, fromIndex: number, count: number): Promise<Uint8Array[]> {
    return accessLog.getNodeRange(this.#db, level, fromIndex, count);
  }

  async listLogEntries(
    residentId: string,
    filter: LogEntryFilter,
    limit: number,
  ): Promise<LogEntryRecord[]> {
    return accessLog.listEntries(this.#db, residentId, filter, limit);
  }

  async getLogEntries(indexes: readonly number[]): Promise<LogEntryRecord[]> {
    return accessLog.getEntries(this.#db, indexes);
  }

  async storeCheckpoint(checkpoint: LogCheckpointRecord): Promise<'stored' | 'stale'> {
    return this.#write(() => accessLog.storeCheckpoint(this.#db, checkpoint));
  }

  async latestCheckpoint(): Promise<LogCheckpointRecord | null> {
    return accessLog.latestCheckpoint(this.#db);
  }

  async getCheckpoint(size: number): Promise<LogCheckpointRecord | null> {
    return accessLog.getCheckpoint(this.#db, size);
  }

  // --- city services ---------------------------------------------------------------------------

  async registerCityService(service: CityServiceRecord): Promise<'registered' | 'exists'> {
    return this.#write(() => cityServices.registerCityService(this.#db, service));
  }

  async getCityService(id: string): Promise<CityServiceRecord | null> {
    return cityServices.getCityService(this.#db, id);
  }

  async listCityServices(): Promise<CityServiceRecord[]> {
    return cityServices.listCityServices(this.#db);
  }

  async setCityServiceEnabled(id: string, enabled: boolean, now: Date): Promise<boolean> {
    return this.#write(() => cityServices.setCityServiceEnabled(this.#db, id, enabled, now));
  }

  async rotateCityServiceKeys(id: string, keys: ServiceKeys, now: Date): Promise<boolean> {
    return this.#write(() => cityServices.rotateCityServiceKeys(this.#db, id, keys, now));
  }

  async useServiceAssertion(
    serviceId: string,
    jti: string,
    expiresAt: Date,
    now: Date,
  ): Promise<boolean> {
    return this.#write(() =>
      cityServices.useServiceAssertion(this.#db, serviceId, jti, expiresAt, now),
    );
  }

  async saveServiceToken(token: ServiceTokenRecord): Promise<void> {
    return this.#write(() => cityServices.saveServiceToken(this.#db, token));
  }

  async findServiceToken(tokenHash: string, now: Date): Promise<ServiceTokenRecord | null> {
    return cityServices.findServiceToken(this.#db, tokenHash, now);
  }

  async purgeExpiredServiceAuth(now: Date): Promise<number> {
    return this.#write(() => cityServices.purgeExpiredServiceAuth(this.#db, now));
  }

  async createServiceRequest(
    request: ServiceRequestRecord,
    audit?: Audit<ServiceRequestRecord>,
  ): Promise<ServiceRequestRecord> {
    return this.#audited(audit, () => cityServices.createServiceRequest(this.#db, request));
  }

  async getServiceRequest(id: string): Promise<ServiceRequestRecord | null> {
    return cityServices.getServiceRequest(this.#db, id);
  }

  async listResidentRequests(residentId: string, limit: number): Promise<ServiceRequestRecord[]> {
    return cityServices.listResidentRequests(this.#db, residentId, limit);
  }

  async refuseServiceRequest(
    id: string,
    residentId: string,
    now: Date,
    audit?: Audit<'refused' | 'not-found' | 'not-pending'>,
  ): Promise<'refused' | 'not-found' | 'not-pending'> {
    return this.#audited(audit, () =>
      cityServices.refuseServiceRequest(this.#db, id, residentId, now),
    );
  }

  // --- consent ---------------------------------------------------------------------------------

  async createGrant(
    grant: GrantRecord,
    keys: GrantKeyRecord[],
    now: Date,
    audit?: Audit<CreateGrantResult>,
  ): Promise<CreateGrantResult> {
    return this.#audited(audit, () => consent.createGrant(this.#db, grant, keys, now));
  }

  async getGrant(id: string): Promise<GrantRecord | null> {
    return consent.getGrant(this.#db, id);
  }

  async getGrantByRequest(requestId: string): Promise<GrantRecord | null> {
    return consent.getGrantByRequest(this.#db, requestId);
  }

  async listResidentGrants(residentId: string, limit: number): Promise<GrantRecord[]> {
    return consent.listResidentGrants(this.#db, residentId, limit);
  }

  async listServiceGrants(serviceId: string, limit: number): Promise<GrantRecord[]> {
    return consent.listServiceGrants(this.#db, serviceId, limit);
  }

  async listGrantKeys(grantId: string): Promise<GrantKeyRecord[]> {
    return consent.listGrantKeys(this.#db, grantId);
  }

  async addGrantKeys(
    grantId: string,
    residentId: string,
    keys: GrantKeyRecord[],
    now: Date,
    audit?: Audit<AddGrantKeysResult>,
  ): Promise<AddGrantKeysResult> {
    return this.#audited(audit, () =>
      consent.addGrantKeys(this.#db, grantId, residentId, keys, now),
    );
  }

  async revokeGrant(
    id: string,
    residentId: string,
    now: Date,
    audit?: Audit<RevokeGrantResult>,
  ): Promise<RevokeGrantResult> {
    return this.#audited(audit, () => consent.revokeGrant(this.#db, id, residentId, now));
  }

  async expireGrants(now: Date, audit?: Audit<GrantRecord>): Promise<GrantRecord[]> {
    return this.#write(() =>
      consent.expireGrants(this.#db, now, (grant) => {
        const entry = audit?.(grant) ?? null;
        if (entry !== null) this.#append([entry]);
      }),
    );
  }

  async releaseGrantedDocument(
    request: ReleaseRequest,
    audit?: Audit<ReleaseResult>,
  ): Promise<ReleaseResult> {
    return this.#audited(audit, () => consent.releaseGrantedDocument(this.#db, request));
  }

  // --- account deletion (GDPR Art. 17) -----------------------------------------------------------

  async deleteAccount(
    residentId: string,
    now: Date,
    audit?: Audit<AccountDeletionCounts>,
  ): Promise<DeleteAccountResult> {
    const db = this.#db;
    const deleted = await this.#write(() =>
      db.transaction(() => {
        const counts = account.deleteAccount(db, residentId, now);
        if (counts === null) return null;
        const entry = audit?.(counts) ?? null;
        const [logEntry] = entry === null ? [] : this.#append([entry]);
        return { counts, logEntry: logEntry ?? null };
      })(),
    );
    if (deleted === null) return { ok: false, reason: 'not-found' };
    // secure_delete zeroed the freed bytes in the pages it wrote, but those pages went to the
    // write-ahead log, and older images of them (the keys as they were) are still in it until it
    // is overwritten. A TRUNCATE checkpoint copies the zeroed pages into the database file and
    // empties the log.
    const residueCleared = await this.#truncateWal(TRUNCATE_ATTEMPTS, TRUNCATE_PAUSE_MS);
    // A reader held it up: keep trying in the background (one loop at a time), so that old page
    // images do not wait for the next deletion.
    if (!residueCleared && !this.#retryingTruncate) {
      this.#retryingTruncate = true;
      void this.#truncateWal(Infinity, RESIDUE_RETRY_MS)
        // The connection went away under it (closing): nothing left to clear through it.
        .catch(() => false)
        .finally(() => {
          this.#retryingTruncate = false;
        });
    }
    return { ok: true, deletedAt: new Date(now.getTime()), ...deleted, residueCleared };
  }

  /**
   * Checkpoints the whole write-ahead log and truncates it to zero bytes: on the checkpoint thread
   * when there is one (so the event loop does not wait for readers), else here. True when it
   * completed; false when a reader that started before held it up on every attempt, or the storage
   * closed. The pauses between attempts do not keep the process alive.
   */
  async #truncateWal(attempts: number, pauseMs: number): Promise<boolean> {
    if (this.#db.memory) return true;
    for (let attempt = 0; attempt < attempts && !this.#closed; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs).unref());
      if (this.#closed) break;
      const done =
        (await this.#checkpointer?.truncate()) ?? (!this.#closed && this.#truncateHere());
      if (done) return true;
    }
    return false;
  }

  /** The TRUNCATE checkpoint on the writer's own connection (no checkpoint thread), waiting briefly. */
  #truncateHere(): boolean {
    const db = this.#db;
    db.pragma(`busy_timeout = ${TRUNCATE_BUSY_MS}`);
    try {
      return (db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]?.busy === 0;
    } finally {
      db.pragma(`busy_timeout = ${REQUIRED_PRAGMAS.busy_timeout}`);
    }
  }
}

/**
 * How many TRUNCATE checkpoints an account deletion tries, and the pause between them (the vault's
 * writes go on in the pauses): each waits at most TRUNCATE_BUSY_MS for a reader to finish.
 */
const TRUNCATE_ATTEMPTS = 8;
const TRUNCATE_PAUSE_MS = 100;
/** Between background TRUNCATE attempts after a deletion that could not clear the log at once. */
const RESIDUE_RETRY_MS = 1000;
