import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { isCryptoError } from '../../../crypto/src/errors.js';
import { asHash, hashEquals } from '../../../crypto/src/log/hash.js';
import { openCheckpoint } from '../../../crypto/src/log/open-checkpoint.js';
import { parseSignerKey } from '../../../crypto/src/log/signer-key.js';
import { completeSubtrees } from '../../../crypto/src/log/tree-math.js';
import { treeRoot } from '../../../crypto/src/log/tree-root.js';
import { sodiumReady } from '../../../crypto/src/sodium.js';
import { PostgresStorage } from '../storage/postgres/postgres-storage.js';
import { BackupError } from './backup-error.js';
import { checkBackupFile, LATEST_MIGRATION, type BackupSummary } from './check-backup-file.js';

/** Why `migrate-to-postgres` refused or failed: a stable code, for the exit status and tests. */
export type MigrationErrorCode =
  /** There is no SQLite vault at the source path. */
  | 'ERR_MIGRATE_NO_SOURCE'
  /** Another process (a running vault) has the SQLite database open. */
  | 'ERR_MIGRATE_SOURCE_IN_USE'
  /** The SQLite file failed the backup checks (damaged, not a vault, log against checkpoint). */
  | 'ERR_MIGRATE_SOURCE_DAMAGED'
  /** The SQLite vault's schema is older than this version's: start the vault once first. */
  | 'ERR_MIGRATE_SOURCE_OUTDATED'
  /** The SQLite vault has tables or columns the PostgreSQL schema lacks (or the other way round). */
  | 'ERR_MIGRATE_SCHEMA_MISMATCH'
  /** The log is signed, but the log key is not there to check it with. */
  | 'ERR_MIGRATE_LOG_KEY_MISSING'
  /** The log key (or origin) is not the one that signed the log. */
  | 'ERR_MIGRATE_LOG_KEY_MISMATCH'
  /** PostgreSQL did not answer, refused the credentials, or the database does not exist. */
  | 'ERR_MIGRATE_TARGET_UNREACHABLE'
  /** The PostgreSQL database holds vault data already. */
  | 'ERR_MIGRATE_TARGET_NOT_EMPTY'
  /** Another session keeps the target's tables locked (a vault node running on it). */
  | 'ERR_MIGRATE_TARGET_BUSY'
  /** The copy does not match the source: nothing was committed. */
  | 'ERR_MIGRATE_VERIFY_FAILED';

/** A refused or failed migration. Nothing was committed to PostgreSQL when it is thrown. */
export class MigrationError extends Error {
  readonly code: MigrationErrorCode;
  constructor(code: MigrationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
    this.code = code;
  }
}

/**
 * Every table of the vault, parents before children (foreign keys are checked row by row, so a
 * child is copied after its parent). service_tokens is last on purpose: nothing references it.
 * resident_usage is derived: the triggers on document_versions fill it as versions are copied,
 * and the copy then replaces those rows with the source's own (see {@link copyTable}).
 */
export const TABLE_ORDER = [
  'residents',
  'eid_identities',
  'sessions',
  'oidc_transactions',
  'webauthn_challenges',
  'passkeys',
  'resident_keys',
  'key_slots',
  'documents',
  'document_versions',
  'document_chunks',
  'resident_usage',
  'log_entries',
  'log_nodes',
  'log_checkpoints',
  'city_services',
  'service_requests',
  'grants',
  'grant_keys',
  'service_assertions',
  'service_tokens',
] as const;

/**
 * Columns only PostgreSQL has, and the SQLite expression each is copied from. key_slots.seq is the
 * insertion order SQLite keeps as the rowid (slots are listed by created_at, then that order).
 */
const DERIVED: Record<string, Record<string, string>> = { key_slots: { seq: 'rowid' } };

/** At most this many bytes of rows in memory at once (one page read, one INSERT). */
const PAGE_BYTES = 16 * 1024 * 1024;
/** At most this many rows per page (and PostgreSQL's 65,535 parameters per statement). */
const PAGE_ROWS = 1000;
/** A table with more rows than this gets progress lines while it is copied. */
const PROGRESS_ROWS = 5000;
const PROGRESS_EVERY_MS = 2000;
/** Checkpoints verified per round trip (each needs at most ~54 stored nodes). */
const CHECKPOINTS_PER_ROUND = 200;

export interface CopyToPostgresOptions {
  /** The SQLite vault to copy (the data directory's vault.sqlite, or a backup file). */
  databaseFile: string;
  /** The PostgreSQL database to copy into (postgres://…). */
  targetUrl: string;
  /** The log key and origin the vault signs with: every stored checkpoint must verify with them. */
  log: { signerKeyFile: string; origin: string };
  /** Delete whatever vault data the target holds first (in the same transaction). */
  replaceTargetData?: boolean;
  /** Plain-language progress lines (big tables, verification). */
  progress?: (line: string) => void;
  /** Bytes of rows per page (default 16 MiB); tests make it small to copy in many pages. */
  pageBytes?: number;
}

export interface CopiedVault {
  source: BackupSummary;
  /** Rows copied per table, in the order copied. */
  tables: { name: string; rows: number }[];
  /** Signed checkpoints whose signature and root were verified against the copy. */
  checkpointsVerified: number;
  /** Tables that held rows in the target and were emptied first (with replaceTargetData). */
  replaced: string[];
}

/**
 * Copies a SQLite vault into PostgreSQL (DESIGN §8, issue 7; docs/operations.md "Scaled
 * deployment on PostgreSQL").
 *
 * - Consistent source: the SQLite file must not be in use (the same test restore makes: leaving
 *   WAL mode needs every other connection gone), then one read transaction holds a shared lock for
 *   the whole copy, so no vault can start writing to it meanwhile and every table is read as of
 *   one moment. Checked first like a backup (integrity, schema, log against its last checkpoint).
 * - All or nothing: the target is migrated (PostgresStorage.open), then its tables are locked and
 *   found empty, every table is copied, the log's head is set, and the copy is verified, all in ONE
 *   PostgreSQL transaction. Any failure rolls it back: the target is as it was.
 * - Bounded memory: rows are read in pages by primary key and inserted with one multi-row INSERT
 *   per page; a page holds at most 16 MiB of rows (document chunks are ~64 KiB each).
 * - Verified before commit: the row count of every table equals the source's, the log's size
 *   equals the source's, and every stored checkpoint verifies with the log key and has the root
 *   recomputed from the copied tree — so the log that residents hold checkpoints of goes on.
 */
export async function copyToPostgres(options: CopyToPostgresOptions): Promise<CopiedVault> {
  const progress = options.progress ?? (() => undefined);
  const file = path.resolve(options.databaseFile);
  if (!fs.existsSync(file)) {
    throw new MigrationError(
      'ERR_MIGRATE_NO_SOURCE',
      `There is no vault database at ${file} (check VAULT_DATA_DIR, or name it with --from).`,
    );
  }
  await sodiumReady();
  const source = openSourceExclusively(file);
  try {
    source.exec('BEGIN');
    // The first read takes the shared lock the rest of the copy reads under.
    source.prepare('SELECT COUNT(*) FROM sqlite_master').pluck().get();
    const summary = await checkSource(file);
    checkSourceTables(source);
    const signer = checkpointVerifier(source, options.log);

    let storage: PostgresStorage;
    try {
      storage = await PostgresStorage.open(options.targetUrl, {
        poolSize: 1,
        applicationName: 'citizen-vault-migrate',
      });
    } catch (error) {
      throw new MigrationError(
        'ERR_MIGRATE_TARGET_UNREACHABLE',
        `Cannot open the PostgreSQL database (${describe(error)}). Check the URL, that the server runs and that the database exists. Nothing was changed.`,
        { cause: error },
      );
    }
    try {
      const client = await storage.pool.connect();
      try {
        await client.query('BEGIN');
        try {
          const copied = await copyInTransaction(client, source, summary, signer, {
            ...options,
            progress,
          });
          await client.query('COMMIT');
          return copied;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      } finally {
        client.release();
      }
    } finally {
      await storage.close();
    }
  } finally {
    if (source.inTransaction) source.exec('COMMIT');
    source.close();
  }
}

async function copyInTransaction(
  client: pg.PoolClient,
  source: Database.Database,
  summary: BackupSummary,
  signer: Verifier | null,
  options: CopyToPostgresOptions & { progress: (line: string) => void },
): Promise<CopiedVault> {
  const all = [...TABLE_ORDER, 'log_head'];
  // A vault node on the target would wait for these locks (or this for its transaction): nothing
  // else reads or writes the target until the copy commits or rolls back.
  await client.query(`SET LOCAL lock_timeout = '15s'`);
  try {
    await client.query(`LOCK TABLE ${all.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  } catch (error) {
    if ((error as { code?: string }).code !== '55P03') throw error;
    throw new MigrationError(
      'ERR_MIGRATE_TARGET_BUSY',
      'Another session kept the PostgreSQL tables locked for 15 s: stop every vault node that uses this database, then run the migration again. Nothing was changed.',
      { cause: error },
    );
  }
  await checkTargetColumns(client, source);

  const holding = await tablesWithRows(client);
  if (holding.length > 0 && options.replaceTargetData !== true) {
    throw new MigrationError(
      'ERR_MIGRATE_TARGET_NOT_EMPTY',
      `The PostgreSQL database holds vault data already (${holding.join(', ')}). Nothing was changed. Migrate into a new, empty database; or, if that data is a discarded earlier attempt, run again with --replace-target-data (it deletes everything in it).`,
    );
  }
  if (holding.length > 0) {
    await client.query(`TRUNCATE ${TABLE_ORDER.join(', ')}`);
    await client.query('UPDATE log_head SET size = 0');
  }

  const tables: CopiedVault['tables'] = [];
  for (const table of TABLE_ORDER) {
    const rows = await copyTable(client, source, table, options);
    tables.push({ name: table, rows });
  }
  await client.query('UPDATE log_head SET size = $1 WHERE id = 1', [summary.logSize]);

  options.progress('Verifying the copy: row counts, the log, every checkpoint …');
  await verifyCounts(client, source);
  await verifyLogSize(client, summary.logSize);
  const checkpointsVerified = await verifyCheckpoints(client, signer, options.log.origin);
  return { source: summary, tables, checkpointsVerified, replaced: holding };
}

// --- the source ------------------------------------------------------------------------------------

/**
 * Opens the SQLite file and leaves WAL mode, which SQLite does only when no other connection has
 * it open: the check that no vault runs on it (restore makes the same). Its WAL is folded into the
 * file on the way; a vault started on it later goes back to WAL mode by itself.
 */
function openSourceExclusively(file: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
    const mode = String(db.pragma('journal_mode = DELETE', { simple: true })).toLowerCase();
    if (mode !== 'delete') throw new Error(`journal mode stayed ${mode}`);
    return db;
  } catch (error) {
    db?.close();
    throw new MigrationError(
      'ERR_MIGRATE_SOURCE_IN_USE',
      `${file} is in use (${describe(error)}): stop the vault, and any other process that has it open, then run the migration again. Nothing was changed.`,
      { cause: error },
    );
  }
}

/** The backup checks (integrity, schema, log against its last checkpoint) and the schema's age. */
async function checkSource(file: string): Promise<BackupSummary> {
  let summary: BackupSummary;
  try {
    summary = await checkBackupFile(file);
  } catch (error) {
    if (error instanceof BackupError) {
      throw new MigrationError('ERR_MIGRATE_SOURCE_DAMAGED', `${error.message} (${error.code})`, {
        cause: error,
      });
    }
    throw error;
  }
  if (summary.migration !== LATEST_MIGRATION) {
    throw new MigrationError(
      'ERR_MIGRATE_SOURCE_OUTDATED',
      `${file} has schema version ${summary.migration}; this version of the vault migrates from version ${LATEST_MIGRATION}. Start the vault on it once (it upgrades the schema), stop it, then run the migration again. Nothing was changed.`,
    );
  }
  return summary;
}

function checkSourceTables(source: Database.Database): void {
  const found = source
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'`,
    )
    .pluck()
    .all() as string[];
  const expected = new Set<string>(TABLE_ORDER);
  const extra = found.filter((t) => !expected.has(t));
  const missing = TABLE_ORDER.filter((t) => !found.includes(t));
  if (extra.length > 0 || missing.length > 0) {
    throw new MigrationError(
      'ERR_MIGRATE_SCHEMA_MISMATCH',
      `The SQLite vault's tables are not the ones this version copies (${[...extra.map((t) => `unknown ${t}`), ...missing.map((t) => `missing ${t}`)].join(', ')}). Nothing was changed.`,
    );
  }
}

const columnsOf = (source: Database.Database, table: string) =>
  source.pragma(`table_info(${table})`) as { name: string; pk: number }[];

/** Every source column must exist in the target table under the same name, and no more. */
async function checkTargetColumns(client: pg.PoolClient, source: Database.Database) {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1)`,
    [TABLE_ORDER],
  );
  for (const table of TABLE_ORDER) {
    const want = [
      ...columnsOf(source, table).map((c) => c.name),
      ...Object.keys(DERIVED[table] ?? {}),
    ].sort();
    const have = rows
      .filter((r) => r.table_name === table)
      .map((r) => r.column_name)
      .sort();
    if (want.join() !== have.join()) {
      throw new MigrationError(
        'ERR_MIGRATE_SCHEMA_MISMATCH',
        `Table ${table} has columns (${want.join(', ')}) in SQLite but (${have.join(', ')}) in PostgreSQL. Nothing was changed.`,
      );
    }
  }
}

// --- the log key -----------------------------------------------------------------------------------

type Verifier = ReturnType<typeof parseSignerKey>;

/**
 * The log key, when the log has checkpoints: the new nodes sign with it, so it must be the key
 * that signed the stored log (else residents' browsers would raise the access-log alarm).
 */
function checkpointVerifier(
  source: Database.Database,
  log: CopyToPostgresOptions['log'],
): Verifier | null {
  const latest = source
    .prepare('SELECT note FROM log_checkpoints ORDER BY size DESC LIMIT 1')
    .pluck()
    .get() as string | undefined;
  if (latest === undefined) return null;
  if (!fs.existsSync(log.signerKeyFile)) {
    throw new MigrationError(
      'ERR_MIGRATE_LOG_KEY_MISSING',
      `The access log is signed, but there is no log key at ${log.signerKeyFile}. Run the migration where the vault's keys are (VAULT_DATA_DIR). Nothing was changed.`,
    );
  }
  try {
    const signer = parseSignerKey(fs.readFileSync(log.signerKeyFile, 'utf8').trim());
    openCheckpoint(latest, { origin: log.origin, verifiers: [signer] });
    return signer;
  } catch (error) {
    if (!isCryptoError(error)) throw error;
    throw new MigrationError(
      'ERR_MIGRATE_LOG_KEY_MISMATCH',
      `The log key at ${log.signerKeyFile} (origin "${log.origin}") did not sign this vault's access log (${error.code}). Run the migration with the vault's own settings (VAULT_PUBLIC_ORIGIN or VAULT_LOG_ORIGIN, VAULT_DATA_DIR). Nothing was changed.`,
      { cause: error },
    );
  }
}

// --- the target ------------------------------------------------------------------------------------

async function tablesWithRows(client: pg.PoolClient): Promise<string[]> {
  const holding: string[] = [];
  for (const table of TABLE_ORDER) {
    const { rows } = await client.query<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${table}) AS any`,
    );
    if (rows[0]!.any) holding.push(table);
  }
  const head = await client.query<{ size: number }>('SELECT size FROM log_head WHERE id = 1');
  if ((head.rows[0]?.size ?? 0) !== 0) holding.push('log_head');
  return holding;
}

/**
 * Copies one table in pages by primary key: `WHERE (pk…) > (last pk…) ORDER BY pk… LIMIT n` on
 * SQLite, one multi-row INSERT per page on PostgreSQL. Returns the number of rows copied.
 */
async function copyTable(
  client: pg.PoolClient,
  source: Database.Database,
  table: string,
  options: CopyToPostgresOptions & { progress: (line: string) => void },
): Promise<number> {
  const columns = columnsOf(source, table);
  const derived = Object.entries(DERIVED[table] ?? {});
  const names = [...columns.map((c) => c.name), ...derived.map(([name]) => name)];
  const selected = [
    ...columns.map((c) => c.name),
    ...derived.map(([name, expression]) => `${expression} AS ${name}`),
  ].join(', ');
  const pk = columns
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  const total = source.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  if (table === 'resident_usage') {
    // Filled by the triggers as document_versions were copied; the source's rows are the record
    // (a resident whose documents are all deleted keeps a row of 0 bytes there).
    await client.query('DELETE FROM resident_usage');
  }
  if (total === 0) return 0;

  const rowsPerPage = Math.max(
    1,
    Math.min(
      PAGE_ROWS,
      Math.floor(65_535 / names.length),
      Math.floor(
        (options.pageBytes ?? PAGE_BYTES) /
          widestRow(
            source,
            table,
            columns.map((c) => c.name),
          ),
      ),
    ),
  );
  const order = pk.join(', ');
  const first = source.prepare(`SELECT ${selected} FROM ${table} ORDER BY ${order} LIMIT ?`);
  const next = source.prepare(
    `SELECT ${selected} FROM ${table} WHERE (${order}) > (${pk.map(() => '?').join(', ')}) ORDER BY ${order} LIMIT ?`,
  );
  const loud = total > PROGRESS_ROWS;
  if (loud) options.progress(`Copying ${table}: ${total.toLocaleString('en')} rows …`);
  let told = Date.now();
  let copied = 0;
  let last: unknown[] | null = null;
  for (;;) {
    const page = (
      last === null ? first.all(rowsPerPage) : next.all(...last, rowsPerPage)
    ) as Record<string, unknown>[];
    if (page.length === 0) break;
    const values: unknown[] = [];
    const tuples = page.map((row) => {
      const start = values.length;
      for (const name of names) values.push(row[name]);
      return `(${names.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    await client.query(
      `INSERT INTO ${table} (${names.join(', ')}) VALUES ${tuples.join(', ')}`,
      values,
    );
    copied += page.length;
    const tail = page[page.length - 1]!;
    last = pk.map((name) => tail[name]);
    if (loud && Date.now() - told >= PROGRESS_EVERY_MS) {
      told = Date.now();
      options.progress(
        `  ${table}: ${copied.toLocaleString('en')} of ${total.toLocaleString('en')} rows (${Math.floor((100 * copied) / total)}%)`,
      );
    }
  }
  if (loud) options.progress(`  ${table}: all ${copied.toLocaleString('en')} rows copied`);
  for (const [name] of derived) {
    // An identity column given explicit values: its sequence must go on after the largest.
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), MAX(${name})) FROM ${table} HAVING COUNT(*) > 0`,
      [table, name],
    );
  }
  return copied;
}

/**
 * The largest row of a table in bytes, roughly (what its longest values add up to), for the page
 * size. length() of a BLOB is read from the record header, not the value.
 */
function widestRow(source: Database.Database, table: string, names: string[]): number {
  const sum = names.map((n) => `COALESCE(MAX(length(${n})), 0)`).join(' + ');
  const bytes = source.prepare(`SELECT ${sum} FROM ${table}`).pluck().get() as number;
  return Math.max(64, bytes + 16 * names.length);
}

// --- verification ----------------------------------------------------------------------------------

function verifyFailed(why: string): MigrationError {
  return new MigrationError(
    'ERR_MIGRATE_VERIFY_FAILED',
    `The copy does not match the SQLite vault: ${why}. Nothing was committed; PostgreSQL is as it was.`,
  );
}

async function verifyCounts(client: pg.PoolClient, source: Database.Database): Promise<void> {
  for (const table of TABLE_ORDER) {
    const want = source.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
    const { rows } = await client.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
    if (rows[0]!.n !== want) throw verifyFailed(`${table} has ${rows[0]!.n} rows, not ${want}`);
  }
}

async function verifyLogSize(client: pg.PoolClient, size: number): Promise<void> {
  const { rows } = await client.query<{ head: number; count: number; next: number }>(
    `SELECT (SELECT size FROM log_head WHERE id = 1) AS head, COUNT(*) AS count,
            COALESCE(MAX(idx) + 1, 0) AS next FROM log_entries`,
  );
  const { head, count, next } = rows[0]!;
  if (head !== size || count !== size || next !== size) {
    throw verifyFailed(
      `the log holds ${count} entries up to index ${next - 1} with head ${head}, not ${size}`,
    );
  }
}

/**
 * Every stored checkpoint, from the copy: its note verifies with the log key under the log's
 * origin and names its size and root, and the root recomputed from the copied tree is that root.
 */
async function verifyCheckpoints(
  client: pg.PoolClient,
  signer: Verifier | null,
  origin: string,
): Promise<number> {
  let verified = 0;
  let after = -1;
  for (;;) {
    const { rows } = await client.query<{ size: number; root: Buffer; note: string }>(
      'SELECT size, root, note FROM log_checkpoints WHERE size > $1 ORDER BY size LIMIT $2',
      [after, CHECKPOINTS_PER_ROUND],
    );
    if (rows.length === 0) return verified;
    if (signer === null) throw verifyFailed('checkpoints appeared that the source did not have');
    const keys = new Map<string, { level: number; index: number }>();
    for (const { size } of rows) {
      if (size === 0) continue;
      for (const { level, index } of completeSubtrees(0, size)) {
        keys.set(`${level}/${index}`, { level, index });
      }
    }
    const nodes = await client.query<{ level: number; idx: number; hash: Buffer }>(
      `SELECT level, idx, hash FROM log_nodes
        WHERE (level, idx) IN (SELECT * FROM unnest($1::smallint[], $2::bigint[]))`,
      [[...keys.values()].map((k) => k.level), [...keys.values()].map((k) => k.index)],
    );
    const stored = new Map(nodes.rows.map((n) => [`${n.level}/${n.idx}`, n.hash]));
    for (const row of rows) {
      let opened;
      try {
        opened = openCheckpoint(row.note, { origin, verifiers: [signer] });
      } catch (error) {
        if (!isCryptoError(error)) throw error;
        throw verifyFailed(`the checkpoint at ${row.size} entries does not verify (${error.code})`);
      }
      const root = treeRoot(row.size, (level, index) => {
        const hash = stored.get(`${level}/${index}`);
        if (hash === undefined) throw verifyFailed(`the log's tree lacks node ${level}/${index}`);
        return asHash(new Uint8Array(hash));
      });
      if (
        opened.size !== row.size ||
        !hashEquals(opened.rootHash, row.root) ||
        !hashEquals(root, row.root)
      ) {
        throw verifyFailed(
          `the log's tree does not have the root of its checkpoint at ${row.size}`,
        );
      }
      verified += 1;
    }
    after = rows[rows.length - 1]!.size;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
