import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

/** The pragmas the vault relies on, and the value each must read back as (DESIGN §8). */
export const REQUIRED_PRAGMAS = {
  journal_mode: 'wal',
  // 2 = FULL: the bundled build defaults WAL to NORMAL, which can lose the last commits on power loss.
  synchronous: 2,
  foreign_keys: 1,
  secure_delete: 1,
  busy_timeout: 5000,
} as const;

/**
 * Page size for new databases. Documents are stored as 64 KiB ciphertext chunks; with SQLite's
 * default 4 KiB pages each chunk is 17 pages, each written to the WAL and again at checkpoint as its
 * own frame. 16 KiB pages halved the cost of storing a 100 KiB document with `synchronous=FULL`
 * (docs/performance.md). An existing file keeps its page size; docs/operations.md shows the
 * offline conversion.
 */
export const PAGE_SIZE = 16384;

/** Raised when the database cannot be put into the state the vault needs. */
export class DatabaseSetupError extends Error {
  override name = 'DatabaseSetupError';
}

/**
 * Opens (creating if needed) the SQLite file, sets the required pragmas, reads every one back and
 * refuses to continue if any is off, then applies pending migrations in order.
 */
export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${REQUIRED_PRAGMAS.busy_timeout}`);
    // Takes effect only while the file is empty (a new vault): see PAGE_SIZE.
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    verifyPragmas(db);
    migrate(db);
    cacheStatements(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Reads each required pragma back; throws {@link DatabaseSetupError} naming any that is off. */
export function verifyPragmas(db: Database.Database): void {
  const wrong: string[] = [];
  for (const [name, expected] of Object.entries(REQUIRED_PRAGMAS)) {
    const actual: unknown = db.pragma(name, { simple: true });
    const normalised = typeof actual === 'string' ? actual.toLowerCase() : actual;
    if (normalised !== expected) wrong.push(`${name} is ${String(actual)}, expected ${expected}`);
  }
  if (wrong.length > 0) {
    throw new DatabaseSetupError(`SQLite settings are unsafe: ${wrong.join('; ')}`);
  }
}

function migrate(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((v) => Number(v)),
  );
  const known = new Set(MIGRATIONS.map((m) => m.version));
  for (const v of applied) {
    if (!known.has(v)) {
      throw new DatabaseSetupError(
        `The database has migration ${v}, which this version does not know: is it newer?`,
      );
    }
  }
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        Date.now(),
      );
    }).immediate();
  }
}

/**
 * Makes `db.prepare(sql)` return one cached statement per SQL text. Preparing costs more than
 * running most of our statements (about 5 % of the vault's CPU under load before this). Safe
 * because every SQL text is used in one place with one mode (`pluck` or not), and the adapter never
 * iterates a statement across an `await`.
 */
function cacheStatements(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  }) as typeof db.prepare;
}
