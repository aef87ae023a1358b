import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prng } from '../../crypto/src/testing/test-helpers.js';
import {
  CHUNK_FRAMING,
  type PutVersionInput,
  type UploadRecord,
} from '../../server/src/storage/ports.js';
import { MIGRATIONS } from '../../server/src/storage/sqlite/migrations.js';
import {
  DatabaseSetupError,
  openDatabase,
  verifyPragmas,
} from '../../server/src/storage/sqlite/open-database.js';
import { SqliteStorage } from '../../server/src/storage/sqlite/sqlite-storage.js';
import { describeAccountContract } from './account-contract.js';
import { describeCityServicesContract } from './city-services-contract.js';
import { describeConsentContract } from './consent-contract.js';
import { describeStorageContract } from './storage-contract.js';

const makeTempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'cv-store-'));
const removeDir = (dir: string): void => fs.rmSync(dir, { recursive: true, force: true });

const makeSqliteStorage = async () => {
  const dir = makeTempDir();
  const storage = SqliteStorage.open(path.join(dir, 'vault.db'));
  return {
    storage,
    cleanup: async () => {
      await storage.close();
      removeDir(dir);
    },
  };
};
describeStorageContract('sqlite', makeSqliteStorage);
describeCityServicesContract('sqlite', makeSqliteStorage);
describeConsentContract('sqlite', makeSqliteStorage);
describeAccountContract('sqlite', makeSqliteStorage);

describe('SQLite adapter', () => {
  let dir: string;
  let file: string;
  /** Everything a test opened, closed after it whatever happened. */
  let opened: { close(): unknown }[];

  const track = <T extends { close(): unknown }>(handle: T): T => {
    opened.push(handle);
    return handle;
  };

  beforeEach(() => {
    dir = makeTempDir();
    file = path.join(dir, 'vault.db');
    opened = [];
  });

  afterEach(async () => {
    for (const handle of opened.reverse()) {
      try {
        await handle.close();
      } catch {
        // Already closed by the test.
      }
    }
    removeDir(dir);
  });

  describe('pragmas', () => {
    it('reads back every required pragma on the connection it opens', () => {
      const db = track(openDatabase(file));
      expect(() => verifyPragmas(db)).not.toThrow();
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('secure_delete', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    });

    it('leaves the file in WAL mode, as a later connection sees it', async () => {
      const storage = track(SqliteStorage.open(file));
      await storage.ping();
      await storage.close();
      // journal_mode=WAL is stored in the file; the other pragmas are per connection.
      const other = track(new Database(file));
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    });

    it('refuses a connection with synchronous=NORMAL, naming the pragma', () => {
      const raw = track(new Database(file));
      raw.pragma('busy_timeout = 5000');
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = NORMAL');
      raw.pragma('foreign_keys = ON');
      raw.pragma('secure_delete = ON');

      let thrown: unknown;
      try {
        verifyPragmas(raw);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DatabaseSetupError);
      const error = thrown as DatabaseSetupError;
      expect(error.name).toBe('DatabaseSetupError');
      expect(error.message).toContain('synchronous is 1, expected 2');
      // Only the wrong pragma is named.
      for (const fine of ['journal_mode', 'foreign_keys', 'secure_delete', 'busy_timeout']) {
        expect(error.message).not.toContain(fine);
      }
    });
  });

  describe('migrations', () => {
    const appliedMigrations = (): { version: number; name: string; applied_at: number }[] => {
      const raw = new Database(file, { readonly: true });
      try {
        return raw
          .prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')
          .all() as { version: number; name: string; applied_at: number }[];
      } finally {
        raw.close();
      }
    };

    it('records every migration in schema_migrations', () => {
      openDatabase(file).close();
      expect(appliedMigrations().map(({ version, name }) => ({ version, name }))).toEqual(
        MIGRATIONS.map(({ version, name }) => ({ version, name })),
      );
    });

    it('does not re-run migrations on reopen, and keeps the data', async () => {
      const first = SqliteStorage.open(file);
      const resident = await first.upsertResidentFromEid(
        {
          issuer: 'https://eid.example.city',
          subject: randomUUID(),
          nationalId: null,
          displayName: 'Ada Lovelace',
          birthdate: null,
          acr: null,
        },
        new Date('2031-03-14T09:26:53.589Z'),
      );
      await first.close();
      const before = appliedMigrations();

      const second = track(SqliteStorage.open(file));
      expect(appliedMigrations()).toEqual(before);
      expect(await second.getResident(resident.id)).toEqual(resident);
    });

    it('upgrades a database made by the first release (migration 1 only), keeping its data', async () => {
      const v1 = MIGRATIONS.find((m) => m.version === 1);
      if (!v1) throw new Error('no migration 1');
      const raw = new Database(file);
      raw.pragma('journal_mode = WAL');
      raw.exec(`CREATE TABLE schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
      raw.exec(v1.sql);
      raw.prepare('INSERT INTO schema_migrations VALUES (1, ?, 0)').run(v1.name);
      raw
        .prepare(
          `INSERT INTO residents (id, display_name, birthdate, national_id, acr, created_at)
           VALUES ('r-1', 'Ada Lovelace', NULL, NULL, NULL, 0)`,
        )
        .run();
      raw.close();

      const storage = track(SqliteStorage.open(file));
      expect(appliedMigrations().map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
      expect((await storage.getResident('r-1'))?.displayName).toBe('Ada Lovelace');
      expect(await storage.getVaultState('r-1', new Date())).toEqual({
        keys: null,
        slots: [],
        usedBytes: 0,
      });
      expect(await storage.listDocuments('r-1')).toEqual([]);
    });

    it('refuses a database that has a migration this version does not know', () => {
      openDatabase(file).close();
      const raw = new Database(file);
      raw
        .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(9999, 'from-the-future', 0);
      raw.close();

      expect(() => track(openDatabase(file))).toThrow(DatabaseSetupError);
      expect(() => track(openDatabase(file))).toThrow(/migration 9999/);
      expect(() => track(SqliteStorage.open(file))).toThrow(DatabaseSetupError);
    });
  });

  describe('deleteAccount and the write-ahead log', () => {
    const T0 = new Date('2031-03-14T09:26:53.589Z');
    const resident = (storage: SqliteStorage, subject: string) =>
      storage.upsertResidentFromEid(
        {
          issuer: 'https://eid.example.city',
          subject,
          nationalId: null,
          displayName: subject,
          birthdate: null,
          acr: null,
        },
        T0,
      );

    it('empties the -wal file once the deletion commits', async () => {
      const storage = track(SqliteStorage.open(file));
      const { id } = await resident(storage, 'ada');
      await storage.addPasskey({
        id: randomUUID(),
        residentId: id,
        credentialId: randomBytes(16).toString('base64url'),
        publicKey: new Uint8Array(randomBytes(77)),
        counter: 0,
        transports: [],
        name: 'Phone',
        backedUp: false,
        createdAt: T0,
        lastUsedAt: null,
      });
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      const result = await storage.deleteAccount(id, T0);
      expect(result).toMatchObject({ ok: true, residueCleared: true });
      expect(fs.statSync(`${file}-wal`).size).toBe(0);
    });

    it('still deletes, and says residueCleared: false, while a reader holds an old snapshot; empties the -wal file in the background once the reader is gone', async () => {
      const storage = track(SqliteStorage.open(file));
      const { id } = await resident(storage, 'ada');
      const other = await resident(storage, 'grace');
      const reader = track(new Database(file, { readonly: true }));
      const rows = reader.prepare('SELECT id FROM residents').iterate();
      rows.next(); // a read transaction that stays open
      const result = await storage.deleteAccount(id, T0);
      expect(result).toMatchObject({ ok: true, residueCleared: false });
      expect(await storage.getResident(id)).toBeNull();
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      rows.return?.();
      // No further deletion needed: the storage keeps trying until the log is empty.
      await vi.waitFor(() => expect(fs.statSync(`${file}-wal`).size).toBe(0), {
        timeout: 20_000,
        interval: 50,
      });
      expect(await storage.deleteAccount(other.id, T0)).toMatchObject({ residueCleared: true });
      expect(fs.statSync(`${file}-wal`).size).toBe(0);
    });
  });

  describe('removePasskey', () => {
    const T0 = new Date('2031-03-14T09:26:53.589Z');

    it('keeps the last passkey of a resident with no eID identity (last-sign-in-method)', async () => {
      const storage = track(SqliteStorage.open(file));
      const resident = await storage.upsertResidentFromEid(
        {
          issuer: 'https://eid.example.city',
          subject: randomUUID(),
          nationalId: null,
          displayName: 'Ada Lovelace',
          birthdate: null,
          acr: null,
        },
        T0,
      );
      const passkey = (name: string) => ({
        id: randomUUID(),
        residentId: resident.id,
        credentialId: randomBytes(16).toString('base64url'),
        publicKey: new Uint8Array(randomBytes(77)),
        counter: 0,
        transports: ['internal'],
        name,
        backedUp: false,
        createdAt: T0,
        lastUsedAt: null,
      });
      const first = passkey('Phone');
      const last = passkey('Laptop');
      expect(await storage.addPasskey(first)).toBe(true);
      expect(await storage.addPasskey(last)).toBe(true);

      // The port cannot unlink an eID identity, so do it behind its back.
      const raw = track(new Database(file));
      const unlinked = raw
        .prepare('DELETE FROM eid_identities WHERE resident_id = ?')
        .run(resident.id);
      expect(unlinked.changes).toBe(1);

      // With another passkey left, removal is fine...
      expect(await storage.removePasskey(resident.id, first.id)).toBe('removed');
      // ...but the last one is the only way in.
      expect(await storage.removePasskey(resident.id, last.id)).toBe('last-sign-in-method');
      expect(await storage.findPasskeyByCredentialId(last.credentialId)).toEqual(last);
      expect(await storage.listPasskeys(resident.id)).toEqual([last]);
    });
  });

  describe('resident usage counter (migration 3)', () => {
    const T0 = new Date('2031-03-14T09:26:53.589Z');
    const FULL = CHUNK_FRAMING.fullChunkBytes;
    const MIN = CHUNK_FRAMING.minChunkBytes;
    const minutes = (from: Date, n: number): Date => new Date(from.getTime() + n * 60_000);

    /**
     * Per resident, read straight from the file: the running total the triggers keep, and the
     * sum it stands for, recomputed from every version (complete or uploading, expired or not).
     */
    const usageRows = (raw: Database.Database) =>
      raw
        .prepare(
          `SELECT r.id AS residentId,
             (SELECT bytes FROM resident_usage u WHERE u.resident_id = r.id) AS counter,
             (SELECT COALESCE(SUM(v.size), 0) FROM document_versions v
                JOIN documents d ON d.id = v.document_id WHERE d.owner_id = r.id) AS recomputed
           FROM residents r ORDER BY r.id`,
        )
        .all() as { residentId: string; counter: number | null; recomputed: number }[];

    /** What the quota counts at `now`, the way it was computed before the counter existed. */
    const quotaUsage = (raw: Database.Database, residentId: string, now: Date): number =>
      raw
        .prepare(
          `SELECT COALESCE(SUM(v.size), 0) FROM document_versions v
           JOIN documents d ON d.id = v.document_id
           WHERE d.owner_id = ? AND (v.status = 'complete' OR v.expires_at > ?)`,
        )
        .pluck()
        .get(residentId, now.getTime()) as number;

    /** The counter equals the recomputed sum for every resident, and the port's usage agrees. */
    const expectConsistent = async (
      raw: Database.Database,
      storage: SqliteStorage,
      now: Date,
      label: string,
    ): Promise<void> => {
      for (const row of usageRows(raw)) {
        expect(row.counter ?? 0, `${label}: counter of ${row.residentId}`).toBe(row.recomputed);
        const { usedBytes } = await storage.getVaultState(row.residentId, now);
        expect(usedBytes, `${label}: usedBytes of ${row.residentId}`).toBe(
          quotaUsage(raw, row.residentId, now),
        );
      }
    };

    const enrolResident = async (storage: SqliteStorage, subject: string): Promise<string> => {
      const resident = await storage.upsertResidentFromEid(
        {
          issuer: 'https://eid.example.city',
          subject,
          nationalId: null,
          displayName: subject,
          birthdate: null,
          acr: null,
        },
        T0,
      );
      const enrolled = await storage.enrol(
        {
          residentId: resident.id,
          x25519PublicKey: new Uint8Array(32),
          ed25519PublicKey: new Uint8Array(32),
          secretKeysEnvelope: new Uint8Array(120),
          createdAt: T0,
        },
        [
          {
            id: randomUUID(),
            residentId: resident.id,
            kind: 'recovery',
            credentialId: null,
            envelope: new Uint8Array(150),
            createdAt: T0,
          },
        ],
      );
      expect(enrolled).toBe('enrolled');
      return resident.id;
    };

    it('equals the recomputed SUM(size) after 200 seeded random operations by 3 residents', async () => {
      const seed = 0x5eed_0003;
      const rng = prng(seed);
      const pick = <T>(items: readonly T[]): T | undefined =>
        items.length === 0 ? undefined : items[Math.floor(rng() * items.length)];
      const uuid = (): string => {
        const h = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      };
      /** Mostly one short chunk; sometimes a full chunk and a short one, or one of FULL bytes. */
      const chunksOfRandomSize = (): Uint8Array[] => {
        const r = rng();
        const last = MIN + Math.floor(rng() * 3000);
        if (r < 0.25) return [new Uint8Array(FULL).fill(1), new Uint8Array(last).fill(2)];
        if (r < 0.4) return [new Uint8Array(FULL).fill(3)];
        return [new Uint8Array(last).fill(4)];
      };
      const sealed = () => ({
        header: new Uint8Array(24).map(() => Math.floor(rng() * 256)),
        wrappedKey: new Uint8Array(80).fill(5),
        metadata: new Uint8Array(300).fill(6),
      });
      const limits = { quotaBytes: 3 * FULL, maxDocumentBytes: 2 * FULL };

      const storage = track(SqliteStorage.open(file));
      const raw = track(new Database(file, { readonly: true }));
      const residents = [
        await enrolResident(storage, 'ada'),
        await enrolResident(storage, 'grace'),
        await enrolResident(storage, 'edsger'),
      ];
      let now = T0;
      const open: { upload: UploadRecord; chunks: Uint8Array[]; received: number }[] = [];
      const puts: PutVersionInput[] = [];
      const outcomes = new Map<string, number>();
      const count = (what: string) => outcomes.set(what, (outcomes.get(what) ?? 0) + 1);
      const visible = async (residentId: string) => storage.listDocuments(residentId);
      const allVisible = async () => (await Promise.all(residents.map(visible))).flat();

      for (let step = 0; step < 200; step++) {
        now = minutes(now, Math.floor(rng() * 8));
        const residentId = pick(residents)!;
        const op = rng();
        let label: string;
        if (op < 0.2) {
          label = 'createUpload';
          const chunks = chunksOfRandomSize();
          const mine = await visible(residentId);
          const target = rng() < 0.6 ? undefined : pick(mine);
          const result = await storage.createUpload({
            uploadId: uuid(),
            residentId,
            newDocument: target === undefined,
            documentId: target?.id ?? uuid(),
            category: target?.category ?? 'tax',
            size: chunks.reduce((n, c) => n + c.length, 0),
            chunkCount: chunks.length,
            now,
            expiresAt: minutes(now, 30),
            limits,
          });
          if (result.ok) open.push({ upload: result.upload, chunks, received: 0 });
          count(`${label}:${result.ok ? 'ok' : result.reason}`);
        } else if (op < 0.35) {
          label = 'appendChunks';
          const u = pick(open.filter((o) => o.received < o.chunks.length));
          if (!u) continue;
          const n = 1 + Math.floor(rng() * (u.chunks.length - u.received));
          const result = await storage.appendChunks({
            uploadId: u.upload.uploadId,
            residentId: u.upload.residentId,
            fromIndex: u.received,
            chunks: u.chunks.slice(u.received, u.received + n),
            now,
            expiresAt: minutes(now, 30),
          });
          if (result.ok) u.received += n;
          count(`${label}:${result.ok ? 'ok' : result.reason}`);
        } else if (op < 0.5) {
          label = 'completeUpload';
          const u = pick(open.filter((o) => o.received === o.chunks.length));
          if (!u) continue;
          const result = await storage.completeUpload({
            uploadId: u.upload.uploadId,
            residentId: u.upload.residentId,
            ...sealed(),
            now,
          });
          if (result.ok) open.splice(open.indexOf(u), 1);
          count(`${label}:${result.ok ? 'ok' : result.reason}`);
        } else if (op < 0.57) {
          label = 'cancelUpload';
          const u = pick(open);
          if (!u) continue;
          const cancelled = await storage.cancelUpload(u.upload.residentId, u.upload.uploadId);
          if (cancelled) open.splice(open.indexOf(u), 1);
          count(`${label}:${cancelled}`);
        } else if (op < 0.85) {
          label = 'putVersion';
          const replay = rng() < 0.15 ? pick(puts) : undefined;
          let input: PutVersionInput;
          if (replay) {
            label = 'putVersion replay';
            input = { ...replay, now };
          } else {
            // Mostly the resident's own documents; sometimes anyone's, or a version too far.
            const docs = rng() < 0.8 ? await visible(residentId) : await allVisible();
            const target = rng() < 0.4 ? undefined : pick(docs);
            const version = target ? target.current.version + (rng() < 0.85 ? 1 : 2) : 1;
            input = {
              residentId,
              documentId: target?.id ?? uuid(),
              version,
              category: target && rng() < 0.9 ? target.category : 'health',
              chunks: chunksOfRandomSize(),
              ...sealed(),
              now,
              limits,
            };
          }
          const result = await storage.putVersion(input);
          if (result.ok && result.created) puts.push(input);
          count(`${label}:${result.ok ? `created=${result.created}` : result.reason}`);
        } else if (op < 0.95) {
          label = 'deleteDocument';
          const doc = pick(await visible(residentId));
          if (!doc) continue;
          const deleted = await storage.deleteDocument(residentId, doc.id);
          // Its open uploads went with it.
          for (const o of open.filter((x) => x.upload.documentId === doc.id)) {
            open.splice(open.indexOf(o), 1);
          }
          count(`${label}:${deleted}`);
        } else {
          label = 'purgeExpiredUploads';
          now = minutes(now, 20);
          const purged = await storage.purgeExpiredUploads(now);
          count(`${label}:${purged > 0}`);
          // Which uploads went is the store's business: forget those it no longer knows.
          for (const o of [...open]) {
            const row = raw
              .prepare('SELECT 1 FROM document_versions WHERE upload_id = ?')
              .get(o.upload.uploadId);
            if (row === undefined) open.splice(open.indexOf(o), 1);
          }
        }
        await expectConsistent(raw, storage, now, `seed ${seed}, step ${step} (${label})`);
      }

      // The sequence did exercise every operation, successful or refused.
      const seen = Object.fromEntries(outcomes);
      for (const expected of [
        'createUpload:ok',
        'appendChunks:ok',
        'completeUpload:ok',
        'cancelUpload:true',
        'putVersion:created=true',
        'putVersion:conflict',
        'putVersion:quota-exceeded',
        'putVersion replay:created=false',
        'deleteDocument:true',
        'purgeExpiredUploads:true',
      ]) {
        expect(seen[expected], `${expected} in ${JSON.stringify(seen)}`).toBeGreaterThan(0);
      }
      // And left something behind to count.
      expect(usageRows(raw).some((r) => r.recomputed > 0)).toBe(true);
    });

    it('migration 3 counts what a database made at migration 2 already holds', async () => {
      // A database as the release with migrations 1 and 2 left it: built the way the runner
      // builds one, then opened by the current code, which applies migration 3 to it.
      const raw = new Database(file);
      raw.pragma('journal_mode = WAL');
      raw.pragma('foreign_keys = ON');
      raw.exec(`CREATE TABLE schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
      for (const m of MIGRATIONS.filter((x) => x.version <= 2)) {
        raw.exec(m.sql);
        raw.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(m.version, m.name);
      }
      const t = T0.getTime();
      const resident = raw.prepare(
        `INSERT INTO residents (id, display_name, birthdate, national_id, acr, created_at)
         VALUES (?, ?, NULL, NULL, NULL, ?)`,
      );
      for (const id of ['r-1', 'r-2', 'r-3', 'r-4']) resident.run(id, id, t);
      raw
        .prepare(
          `INSERT INTO resident_keys (resident_id, x25519_public, ed25519_public,
             secret_keys_envelope, created_at) VALUES ('r-2', ?, ?, ?, ?)`,
        )
        .run(Buffer.alloc(32), Buffer.alloc(32), Buffer.alloc(120), t);
      const doc = raw.prepare(
        `INSERT INTO documents (id, owner_id, category, issuer, created_at, updated_at,
           current_version) VALUES (?, ?, 'tax', NULL, ?, ?, ?)`,
      );
      const complete = raw.prepare(
        `INSERT INTO document_versions (document_id, version, status, size, chunk_count,
           chunks_received, bytes_received, header, wrapped_key, metadata, upload_id, expires_at,
           created_at, completed_at)
         VALUES (?, ?, 'complete', ?, 1, 1, ?, ?, ?, ?, NULL, NULL, ?, ?)`,
      );
      const uploading = raw.prepare(
        `INSERT INTO document_versions (document_id, version, status, size, chunk_count,
           upload_id, expires_at, created_at) VALUES (?, ?, 'uploading', ?, 1, ?, ?, ?)`,
      );
      const sealedColumns = [Buffer.alloc(24, 1), Buffer.alloc(80, 2), Buffer.alloc(300, 3)];
      const addComplete = (documentId: string, version: number, size: number) =>
        complete.run(documentId, version, size, size, ...sealedColumns, t, t);
      // r-1: a document with two versions and an open third, another document.
      const d1 = randomUUID();
      const d2 = randomUUID();
      const d3 = randomUUID();
      const d4 = randomUUID();
      doc.run(d1, 'r-1', t, t, 2);
      addComplete(d1, 1, 1000);
      addComplete(d1, 2, 2000);
      uploading.run(d1, 3, 4000, randomUUID(), minutes(T0, 60).getTime(), t);
      doc.run(d2, 'r-1', t, t, 1);
      addComplete(d2, 1, 500);
      // r-2 (enrolled): one document.
      doc.run(d3, 'r-2', t, t, 1);
      addComplete(d3, 1, 700);
      // r-3: only a first upload, expired but not purged yet. r-4: nothing.
      doc.run(d4, 'r-3', t, t, null);
      const expiredUpload = randomUUID();
      uploading.run(d4, 1, 300, expiredUpload, minutes(T0, -1).getTime(), t);
      raw.close();

      const storage = track(SqliteStorage.open(file));
      const reader = track(new Database(file, { readonly: true }));
      expect(
        reader.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all(),
      ).toEqual(MIGRATIONS.map((m) => m.version));
      expect(
        reader.prepare('SELECT resident_id, bytes FROM resident_usage ORDER BY resident_id').all(),
      ).toEqual([
        { resident_id: 'r-1', bytes: 7500 },
        { resident_id: 'r-2', bytes: 700 },
        { resident_id: 'r-3', bytes: 300 },
      ]);
      const used = async (id: string, at: Date) => (await storage.getVaultState(id, at)).usedBytes;
      expect(await Promise.all(['r-1', 'r-2', 'r-3', 'r-4'].map((id) => used(id, T0)))).toEqual([
        7500, 700, 0, 0,
      ]);
      // Once r-1's open upload expires, its reservation is no longer counted.
      expect(await used('r-1', minutes(T0, 60))).toBe(3500);
      await expectConsistent(reader, storage, T0, 'after the migration');

      // The triggers carry on from the backfilled totals.
      const v2 = await storage.putVersion({
        residentId: 'r-2',
        documentId: d3,
        version: 2,
        category: 'tax',
        chunks: [new Uint8Array(900)],
        header: new Uint8Array(24),
        wrappedKey: new Uint8Array(80),
        metadata: new Uint8Array(300),
        now: T0,
        limits: { quotaBytes: 10_000, maxDocumentBytes: 10_000 },
      });
      expect(v2.ok && v2.created).toBe(true);
      expect(await used('r-2', T0)).toBe(1600);
      await expectConsistent(reader, storage, T0, 'after putVersion');
      expect(await storage.deleteDocument('r-1', d1)).toBe(true);
      expect(await used('r-1', T0)).toBe(500);
      await expectConsistent(reader, storage, T0, 'after deleteDocument');
      expect(await storage.purgeExpiredUploads(T0)).toBe(1);
      await expectConsistent(reader, storage, T0, 'after purgeExpiredUploads');
      expect(
        reader.prepare('SELECT resident_id, bytes FROM resident_usage ORDER BY resident_id').all(),
      ).toEqual([
        { resident_id: 'r-1', bytes: 500 },
        { resident_id: 'r-2', bytes: 1600 },
        { resident_id: 'r-3', bytes: 0 },
      ]);
    });
  });
});
