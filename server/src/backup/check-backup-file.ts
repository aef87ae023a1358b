import fs from 'node:fs';
import Database from 'better-sqlite3';
import { asHash, hashEquals } from '../../../crypto/src/log/hash.js';
import { treeRoot } from '../../../crypto/src/log/tree-root.js';
import { sodiumReady } from '../../../crypto/src/sodium.js';
import { getNodes, latestCheckpoint, logSize } from '../storage/sqlite/access-log.js';
import { MIGRATIONS } from '../storage/sqlite/migrations.js';
import { BackupError } from './backup-error.js';

/** What a checked backup holds: enough for the operator to recognise it. */
export interface BackupSummary {
  bytes: number;
  /** The highest migration applied in it (this version's highest: {@link LATEST_MIGRATION}). */
  migration: number;
  residents: number;
  documents: number;
  /** Entries in the access log. */
  logSize: number;
  /** The last signed checkpoint stored with the log (its signed note), if any. */
  checkpoint: { size: number; note: string } | null;
}

/** The schema version this build of the vault creates and expects. */
export const LATEST_MIGRATION = Math.max(...MIGRATIONS.map((m) => m.version));

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;

/**
 * Checks a backup file without changing it (read-only): an SQLite file no shorter than its header
 * says, `PRAGMA integrity_check` ok, a vault's schema with no migration this version does not know,
 * and an access log whose stored tree has the root of the last checkpoint stored with it (so the
 * restored vault can go on signing checkpoints that extend the ones residents hold). Throws a
 * {@link BackupError} saying what is wrong.
 */
export async function checkBackupFile(file: string): Promise<BackupSummary> {
  // The log's hashes are libsodium's; the admin command is a process of its own.
  await sodiumReady();
  const bytes = checkHeader(file);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError('ERR_BACKUP_DAMAGED', `${file} cannot be opened: ${describe(error)}`, {
      cause: error,
    });
  }
  try {
    const problems = readDamage(db, file);
    if (problems.length > 0) {
      throw new BackupError(
        'ERR_BACKUP_DAMAGED',
        `${file} is damaged (PRAGMA integrity_check): ${problems.slice(0, 5).join('; ')}`,
      );
    }
    const migration = checkMigrations(db, file);
    const checkpoint = checkLog(db, file);
    const count = (table: string) =>
      db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
    return {
      bytes,
      migration,
      residents: count('residents'),
      documents: count('documents'),
      logSize: logSize(db),
      checkpoint,
    };
  } finally {
    db.close();
  }
}

/** The SQLite header (file format §1.3): magic string, page size, and the size in pages. */
function checkHeader(file: string): number {
  let header: Buffer;
  let bytes: number;
  try {
    bytes = fs.statSync(file).size;
    header = Buffer.alloc(HEADER_BYTES);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, header, 0, HEADER_BYTES, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    throw new BackupError('ERR_BACKUP_UNREADABLE', `Cannot read ${file}: ${describe(error)}`, {
      cause: error,
    });
  }
  if (!header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw new BackupError(
      'ERR_BACKUP_NOT_A_DATABASE',
      `${file} is not a vault backup (not an SQLite database).`,
    );
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  // The in-header size is valid when "version-valid-for" equals the change counter (and not 0).
  const pages = header.readUInt32BE(28);
  const sizeValid = pages > 0 && header.readUInt32BE(92) === header.readUInt32BE(24);
  if (bytes < HEADER_BYTES || bytes % pageSize !== 0 || (sizeValid && bytes < pages * pageSize)) {
    throw new BackupError(
      'ERR_BACKUP_TRUNCATED',
      `${file} is cut off: ${bytes} bytes, where its header promises ${sizeValid ? pages * pageSize : `whole pages of ${pageSize}`} bytes. Copy it again from where it was made.`,
    );
  }
  return bytes;
}

/** integrity_check's findings (empty when "ok"); SQLite's own refusal to read counts as one. */
function readDamage(db: Database.Database, file: string): string[] {
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  } catch (error) {
    throw new BackupError('ERR_BACKUP_DAMAGED', `${file} is damaged: ${describe(error)}`, {
      cause: error,
    });
  }
}

function checkMigrations(db: Database.Database, file: string): number {
  let versions: number[];
  try {
    versions = (db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]).map(
      Number,
    );
  } catch (error) {
    throw new BackupError(
      'ERR_BACKUP_NOT_A_VAULT',
      `${file} is an SQLite database, but not a vault's (${describe(error)}).`,
      { cause: error },
    );
  }
  const unknown = versions.filter((v) => !MIGRATIONS.some((m) => m.version === v));
  if (unknown.length > 0) {
    throw new BackupError(
      'ERR_BACKUP_NEWER_VERSION',
      `${file} was made by a newer version of the vault (schema migration ${unknown.join(', ')} is unknown here). Restore it with that version.`,
    );
  }
  return Math.max(0, ...versions);
}

/** The stored tree's root at the last checkpoint's size must be that checkpoint's root. */
function checkLog(db: Database.Database, file: string): BackupSummary['checkpoint'] {
  const last = latestCheckpoint(db);
  if (last === null) return null;
  try {
    if (logSize(db) < last.size) throw new Error(`fewer entries than its ${last.size}`);
    const root = treeRoot(last.size, (level, index) =>
      asHash(getNodes(db, [{ level, index }])[0]!),
    );
    if (!hashEquals(root, last.rootHash)) throw new Error('another root than its checkpoint');
  } catch (error) {
    throw new BackupError(
      'ERR_BACKUP_LOG_DAMAGED',
      `${file}: the access log does not match its last checkpoint (${last.size} entries): ${describe(error)}.`,
      { cause: error },
    );
  }
  return { size: last.size, note: last.note };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
