import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/src/storage/sqlite/migrations.js';
import {
  DatabaseSetupError,
  openDatabase,
  verifyPragmas,
} from '../../server/src/storage/sqlite/open-database.js';
import { SqliteStorage } from '../../server/src/storage/sqlite/sqlite-storage.js';
import { describeStorageContract } from './storage-contract.js';

const makeTempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'cv-store-'));
const removeDir = (dir: string): void => fs.rmSync(dir, { recursive: true, force: true });

describeStorageContract('sqlite', async () => {
  const dir = makeTempDir();
  const storage = SqliteStorage.open(path.join(dir, 'vault.db'));
  return {
    storage,
    cleanup: async () => {
      await storage.close();
      removeDir(dir);
    },
  };
});

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
});
