import pg from 'pg';
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
import { LogAppendError, StorageFullError } from '../ports.js';
import * as accessLog from './access-log.js';
import * as account from './account.js';
import * as cityServices from './city-services.js';
import * as consent from './consent.js';
import * as core from './core.js';
import * as documents from './documents.js';
import * as keySlots from './key-slots.js';
import { migrate } from './migrations.js';
import { PerKeyQueue } from './per-key-queue.js';
import { asStorageError, PgDatabase, type PgDatabaseOptions, type Sql } from './pg-database.js';

/**
 * The session-level advisory lock whose holder signs the access log's checkpoints ("CV_LOGLS").
 * A fixed key is enough for one vault per database: PostgreSQL scopes advisory locks to the
 * database they are taken in (the lock tag carries the database's OID), so two vaults on one server,
 * each in its own database, never share a lease (test/storage/postgres-log-lease.test.ts). Two
 * vaults in one database (say, in two schemas) are not supported: they would share it.
 */
export const LOG_LEASE_KEY = 0x43565f4c4f474c53n.toString();

export type PostgresStorageOptions = PgDatabaseOptions;

/**
 * The PostgreSQL adapter (DESIGN §8, issue 7): the same contract as SQLite's, for several stateless
 * vault nodes on one database. Every atomic port method is one transaction (pg-database.ts); an
 * audited change appends its access-log entry inside it. Reads go to the pool.
 */
export class PostgresStorage implements VaultStorage {
  readonly adapter = 'postgres';
  readonly #db: PgDatabase;
  readonly #url: string;
  /** The connection that holds, or tries for, the log lease; `#leaseHeld` says which. */
  #leaseClient: pg.Client | null = null;
  /** This node's operations on one grant, in call order (per-key-queue.ts). */
  readonly #grantTurns = new PerKeyQueue();
  #leaseHeld = false;
  #closed = false;

  private constructor(db: PgDatabase, url: string) {
    this.#db = db;
    this.#url = url;
  }

  /** Connects and applies the migrations the database lacks. */
  static async open(url: string, options: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const db = new PgDatabase(url, options);
    try {
      await migrate(db.pool);
    } catch (error) {
      await db.close();
      throw error;
    }
    return new PostgresStorage(db, url);
  }

  /** The pool, for tools that copy or inspect the database (migrate-to-postgres, tests). */
  get pool(): pg.Pool {
    return this.#db.pool;
  }

  #write<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('storage is closed'));
    return this.#db.transaction(work);
  }

  /** A change and the access-log entry `audit` builds from its outcome: one transaction. */
  #audited<R>(audit: Audit<R> | undefined, work: (sql: Sql) => Promise<R>): Promise<R> {
    if (audit === undefined) return this.#write(work);
    return this.#write(async (sql) => {
      const result = await work(sql);
      const entry = audit(result);
      if (entry !== null) await this.#append(sql, [entry]);
      return result;
    });
  }

  /** Appends inside the current transaction; a failure becomes a {@link LogAppendError}. */
  async #append(sql: Sql, entries: readonly LogAppend[]): Promise<LogEntryRecord[]> {
    try {
      return await accessLog.appendEntries(sql, entries);
    } catch (error) {
      // A full disk is said as such (507); any other failure is the log's (503).
      const full = asStorageError(error);
      throw full instanceof StorageFullError ? full : new LogAppendError(error);
    }
  }

  async ping(): Promise<void> {
    await this.#db.rows('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const lease = this.#leaseClient;
    const held = this.#leaseHeld;
    this.#leaseClient = null;
    this.#leaseHeld = false;
    // Let go of the lease before the connection ends, so another node's next tick finds it free
    // (ending the connection releases it too, as the server process exits).
    if (held) {
      await lease?.query('SELECT pg_advisory_unlock($1)', [LOG_LEASE_KEY]).catch(() => undefined);
    }
    await lease?.end().catch(() => undefined);
    await this.#db.close();
  }

  /**
   * Whether this node holds the log lease (DESIGN §8): a session-level advisory lock on a
   * connection of this node's own, taken if free. Exactly one node holds it; if that node dies, its
   * connection closes and PostgreSQL releases the lock, so another node's next call takes it. The
   * connection is kept between calls by the holder (to keep the lock) and by the others (to try
   * again at each checkpointer tick without opening a connection each time).
   */
  async acquireLogLease(): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (this.#closed) return false;
      const client = this.#leaseClient ?? (await this.#openLeaseClient());
      if (client === null) return false;
      try {
        if (this.#leaseHeld) {
          await client.query('SELECT 1');
          return true;
        }
        const { rows } = await client.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock($1) AS locked',
          [LOG_LEASE_KEY],
        );
        this.#leaseHeld = rows[0]?.locked === true;
        return this.#leaseHeld && !this.#closed;
      } catch {
        // The connection died, and with it the lock if this node held it: once more, on a new one.
        if (this.#leaseClient === client) {
          this.#leaseClient = null;
          this.#leaseHeld = false;
        }
        await client.end().catch(() => undefined);
      }
    }
    return false;
  }

  /** A new connection for the lease, or null if the database cannot be reached now. */
  async #openLeaseClient(): Promise<pg.Client | null> {
    const client = new pg.Client({
      connectionString: this.#url,
      application_name: 'citizen-vault-log-lease',
      // A holder cut off without a FIN (a failed-over primary) finds out through TCP keepalive,
      // and a check that hangs fails after 5 s rather than stalling the checkpointer.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      query_timeout: 5_000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch {
      await client.end().catch(() => undefined);
      return null; // no database, no lease
    }
    if (this.#closed) {
      await client.end().catch(() => undefined);
      return null;
    }
    this.#leaseClient = client;
    this.#leaseHeld = false;
    return client;
  }

  async upsertResidentFromEid(input: EidIdentityInput, now: Date): Promise<ResidentRecord> {
    return this.#write((sql) => core.upsertResidentFromEid(sql, input, now));
  }

  async findResidentByNationalId(nationalId: string): Promise<ResidentRecord | null> {
    return core.findResidentByNationalId(this.#db, nationalId);
  }

  async getResident(id: string): Promise<ResidentRecord | null> {
    return core.getResident(this.#db, id);
  }

  async createSession(
    s: SessionRecord,
    replacesIdHash?: string,
    audit?: Audit<void>,
  ): Promise<void> {
    return this.#audited(audit, (sql) => core.createSession(sql, s, replacesIdHash));
  }

  async findSession(idHash: string): Promise<SessionRecord | null> {
    return core.findSession(this.#db, idHash);
  }

  async touchSession(idHash: string, lastSeenAt: Date): Promise<void> {
    return this.#write((sql) => core.touchSession(sql, idHash, lastSeenAt));
  }

  async deleteSession(idHash: string): Promise<boolean> {
    return this.#write((sql) => core.deleteSession(sql, idHash));
  }

  async deleteSessionByPublicId(residentId: string, publicId: string): Promise<boolean> {
    return this.#write((sql) => core.deleteSessionByPublicId(sql, residentId, publicId));
  }

  async deleteOtherSessions(residentId: string, keepIdHash: string): Promise<number> {
    return this.#write((sql) => core.deleteOtherSessions(sql, residentId, keepIdHash));
  }

  async listSessions(residentId: string): Promise<SessionRecord[]> {
    return core.listSessions(this.#db, residentId);
  }

  async purgeExpiredSessions(now: Date, idleBefore: Date): Promise<number> {
    return this.#write((sql) => core.purgeExpiredSessions(sql, now, idleBefore));
  }

  async saveOidcTransaction(tx: OidcTransactionRecord): Promise<void> {
    return this.#write((sql) => core.saveOidcTransaction(sql, tx));
  }

  async takeOidcTransaction(id: string, now: Date): Promise<OidcTransactionRecord | null> {
    return this.#write((sql) => core.takeOidcTransaction(sql, id, now));
  }

  async saveChallenge(c: ChallengeRecord): Promise<void> {
    return this.#write((sql) => core.saveChallenge(sql, c));
  }

  async takeChallenge(
    challenge: string,
    purpose: ChallengePurpose,
    now: Date,
  ): Promise<ChallengeRecord | null> {
    return this.#write((sql) => core.takeChallenge(sql, challenge, purpose, now));
  }

  async addPasskey(p: PasskeyRecord, audit?: Audit<boolean>): Promise<boolean> {
    return this.#audited(audit, (sql) => core.addPasskey(sql, p));
  }

  async findPasskeyByCredentialId(credentialId: string): Promise<PasskeyRecord | null> {
    return core.findPasskeyByCredentialId(this.#db, credentialId);
  }

  async listPasskeys(residentId: string): Promise<PasskeyRecord[]> {
    return core.listPasskeys(this.#db, residentId);
  }

  async recordPasskeyUse(
    id: string,
    expectedCounter: number,
    newCounter: number,
    usedAt: Date,
  ): Promise<boolean> {
    return this.#write((sql) =>
      core.recordPasskeyUse(sql, id, expectedCounter, newCounter, usedAt),
    );
  }

  async renamePasskey(
    residentId: string,
    id: string,
    name: string,
    audit?: Audit<PasskeyRecord | null>,
  ): Promise<PasskeyRecord | null> {
    return this.#audited(audit, (sql) => core.renamePasskey(sql, residentId, id, name));
  }

  async removePasskey(
    residentId: string,
    id: string,
    audit?: Audit<RemovePasskeyResult>,
  ): Promise<RemovePasskeyResult> {
    return this.#audited(audit, (sql) => core.removePasskey(sql, residentId, id));
  }

  // --- vault keys and documents ------------------------------------------------------------------
  async enrol(
    keys: ResidentKeysRecord,
    slots: KeySlotRecord[],
    audit?: Audit<EnrolResult>,
  ): Promise<EnrolResult> {
    return this.#audited(audit, (sql) => keySlots.enrol(sql, keys, slots));
  }

  async getVaultState(residentId: string, now: Date): Promise<VaultStateRecord> {
    return keySlots.getVaultState(this.#db, residentId, now);
  }

  async addKeySlot(
    slot: KeySlotRecord,
    limits: { maxSlots: number },
    audit?: Audit<AddKeySlotResult>,
  ): Promise<AddKeySlotResult> {
    return this.#audited(audit, (sql) => keySlots.addKeySlot(sql, slot, limits));
  }

  async removeKeySlot(
    residentId: string,
    slotId: string,
    audit?: Audit<RemoveKeySlotResult>,
  ): Promise<RemoveKeySlotResult> {
    return this.#audited(audit, (sql) => keySlots.removeKeySlot(sql, residentId, slotId));
  }

  async replaceRecoverySlots(
    slot: KeySlotRecord,
    audit?: Audit<ReplaceRecoverySlotsResult>,
  ): Promise<ReplaceRecoverySlotsResult> {
    return this.#audited(audit, (sql) => keySlots.replaceRecoverySlots(sql, slot));
  }

  async createUpload(input: CreateUploadInput): Promise<CreateUploadResult> {
    return this.#write((sql) => documents.createUpload(sql, input));
  }

  async appendChunks(input: AppendChunksInput): Promise<AppendChunksResult> {
    return this.#write((sql) => documents.appendChunks(sql, input));
  }

  async completeUpload(
    input: CompleteUploadInput,
    audit?: Audit<CompleteUploadResult>,
  ): Promise<CompleteUploadResult> {
    return this.#audited(audit, (sql) => documents.completeUpload(sql, input));
  }

  async putVersion(
    input: PutVersionInput,
    audit?: Audit<PutVersionResult>,
  ): Promise<PutVersionResult> {
    return this.#audited(audit, (sql) => documents.putVersion(sql, input));
  }

  async cancelUpload(residentId: string, uploadId: string): Promise<boolean> {
    return this.#write((sql) => documents.cancelUpload(sql, residentId, uploadId));
  }

  async purgeExpiredUploads(now: Date): Promise<number> {
    return this.#write((sql) => documents.purgeExpiredUploads(sql, now));
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
    return this.#audited(audit, (sql) => documents.deleteDocument(sql, ownerId, documentId));
  }

  async appendLog(entries: LogAppend[]): Promise<LogEntryRecord[]> {
    return this.#write((sql) => this.#append(sql, entries));
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
    return this.#write((sql) => accessLog.storeCheckpoint(sql, checkpoint));
  }

  async latestCheckpoint(): Promise<LogCheckpointRecord | null> {
    return accessLog.latestCheckpoint(this.#db);
  }

  async getCheckpoint(size: number): Promise<LogCheckpointRecord | null> {
    return accessLog.getCheckpoint(this.#db, size);
  }

  // --- city services ---------------------------------------------------------------------------
  async registerCityService(service: CityServiceRecord): Promise<'registered' | 'exists'> {
    return this.#write((sql) => cityServices.registerCityService(sql, service));
  }

  async getCityService(id: string): Promise<CityServiceRecord | null> {
    return cityServices.getCityService(this.#db, id);
  }

  async listCityServices(): Promise<CityServiceRecord[]> {
    return cityServices.listCityServices(this.#db);
  }

  async setCityServiceEnabled(id: string, enabled: boolean, now: Date): Promise<boolean> {
    return this.#write((sql) => cityServices.setCityServiceEnabled(sql, id, enabled, now));
  }

  async rotateCityServiceKeys(id: string, keys: ServiceKeys, now: Date): Promise<boolean> {
    return this.#write((sql) => cityServices.rotateCityServiceKeys(sql, id, keys, now));
  }

  async useServiceAssertion(
    serviceId: string,
    jti: string,
    expiresAt: Date,
    now: Date,
  ): Promise<boolean> {
    return this.#write((sql) =>
      cityServices.useServiceAssertion(sql, serviceId, jti, expiresAt, now),
    );
  }

  async saveServiceToken(token: ServiceTokenRecord): Promise<void> {
    return this.#write((sql) => cityServices.saveServiceToken(sql, token));
  }

  async findServiceToken(tokenHash: string, now: Date): Promise<ServiceTokenRecord | null> {
    return cityServices.findServiceToken(this.#db, tokenHash, now);
  }

  async purgeExpiredServiceAuth(now: Date): Promise<number> {
    return this.#write((sql) => cityServices.purgeExpiredServiceAuth(sql, now));
  }

  async createServiceRequest(
    request: ServiceRequestRecord,
    audit?: Audit<ServiceRequestRecord>,
  ): Promise<ServiceRequestRecord> {
    return this.#audited(audit, (sql) => cityServices.createServiceRequest(sql, request));
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
    return this.#audited(audit, (sql) =>
      cityServices.refuseServiceRequest(sql, id, residentId, now),
    );
  }

  // --- consent ---------------------------------------------------------------------------------
  async createGrant(
    grant: GrantRecord,
    keys: GrantKeyRecord[],
    now: Date,
    audit?: Audit<CreateGrantResult>,
  ): Promise<CreateGrantResult> {
    return this.#audited(audit, (sql) => consent.createGrant(sql, grant, keys, now));
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
    return this.#grantTurns.run(grantId, () =>
      this.#audited(audit, (sql) => consent.addGrantKeys(sql, grantId, residentId, keys, now)),
    );
  }

  async revokeGrant(
    id: string,
    residentId: string,
    now: Date,
    audit?: Audit<RevokeGrantResult>,
  ): Promise<RevokeGrantResult> {
    return this.#grantTurns.run(id, () =>
      this.#audited(audit, (sql) => consent.revokeGrant(sql, id, residentId, now)),
    );
  }

  async expireGrants(now: Date, audit?: Audit<GrantRecord>): Promise<GrantRecord[]> {
    return this.#write((sql) =>
      consent.expireGrants(sql, now, async (grant) => {
        const entry = audit?.(grant) ?? null;
        if (entry !== null) await this.#append(sql, [entry]);
      }),
    );
  }

  async releaseGrantedDocument(
    request: ReleaseRequest,
    audit?: Audit<ReleaseResult>,
  ): Promise<ReleaseResult> {
    return this.#grantTurns.run(request.grantId, () =>
      this.#audited(audit, (sql) => consent.releaseGrantedDocument(sql, request)),
    );
  }

  // --- account deletion (GDPR Art. 17) -----------------------------------------------------------
  async deleteAccount(
    residentId: string,
    now: Date,
    audit?: Audit<AccountDeletionCounts>,
  ): Promise<DeleteAccountResult> {
    const deleted = await this.#write(async (sql) => {
      const counts = await account.deleteAccount(sql, residentId, now);
      if (counts === null) return null;
      const entry = audit?.(counts) ?? null;
      const [logEntry] = entry === null ? [] : await this.#append(sql, [entry]);
      return { counts, logEntry: logEntry ?? null };
    });
    if (deleted === null) return { ok: false, reason: 'not-found' };
    // PostgreSQL has no file the old row versions linger in for the vault to truncate: VACUUM
    // reclaims them (docs/operations.md), so nothing is left for this call to clear.
    return { ok: true, deletedAt: new Date(now.getTime()), ...deleted, residueCleared: true };
  }
}
