import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BackupError } from './backup-error.js';
import { checkBackupFile, type BackupSummary } from './check-backup-file.js';
import { fsyncDir, fsyncFile, partialNameFor, removeDatabaseFiles } from '../lib/durable-files.js';

/** Pages copied per step of SQLite's backup (16 MiB with the vault's 16 KiB pages). */
const PAGES_PER_STEP = 1024;

/** A backup that was written and checked. */
export interface CreatedBackup extends BackupSummary {
  file: string;
  /** When the snapshot was taken: the backup holds every write committed before it. */
  takenAt: Date;
}

/**
 * Writes a consistent copy of the vault's database to `target` while the vault keeps serving
 * (DESIGN §8; docs/operations.md "Backups").
 *
 * - Online and consistent: SQLite's online backup API on a connection of its own, inside one read
 *   transaction. In WAL mode that transaction is a snapshot: the vault's writers go on, and the copy
 *   is the database exactly as of the snapshot (without it, SQLite restarts a backup each time
 *   another process writes, and a busy vault could keep it from ever finishing).
 * - Self-contained: the copy is switched to `journal_mode=DELETE`, so it is one file with no
 *   `-wal` beside it; the vault switches it back to WAL when it opens it after a restore.
 * - Checked before it counts: integrity, the schema's migrations (the same as the live database's),
 *   and the access log against its last checkpoint ({@link checkBackupFile}).
 * - Atomic and durable: written under a hidden name, fsynced, then linked to `target` (which
 *   refuses to replace an existing file) and the directory fsynced. A failed or interrupted backup
 *   leaves no file under `target`. Mode 0600: it holds personal data.
 *
 * The signing keys are not in it (docs/operations.md says why): back them up once, separately.
 */
export async function createBackup(options: {
  databaseFile: string;
  target: string;
  /**
   * Pages copied per step (default 1024, 16 MiB). Between steps the event loop turns; tests make
   * steps small to spread one backup over many turns while the same process serves requests.
   */
  pagesPerStep?: number;
  now?: () => Date;
}): Promise<CreatedBackup> {
  const target = path.resolve(options.target);
  if (fs.existsSync(target)) {
    throw new BackupError(
      'ERR_BACKUP_EXISTS',
      `${target} exists already: backups are never overwritten. Choose a new name (a date in it helps).`,
    );
  }
  if (!fs.existsSync(options.databaseFile)) {
    throw new BackupError(
      'ERR_BACKUP_NO_DATABASE',
      `There is no vault database at ${options.databaseFile} (check VAULT_DATA_DIR).`,
    );
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = partialNameFor(target, 'backup');
  try {
    // Created first so that it is never readable by others, even for a moment.
    fs.closeSync(fs.openSync(partial, 'wx', 0o600));
    const { takenAt, migration } = await copySnapshot(
      options.databaseFile,
      partial,
      options.pagesPerStep ?? PAGES_PER_STEP,
      options.now,
    );
    const single = new Database(partial);
    try {
      single.pragma('journal_mode = DELETE');
    } finally {
      single.close();
    }
    const summary = await checkBackupFile(partial);
    if (summary.migration !== migration) {
      throw new BackupError(
        'ERR_BACKUP_DAMAGED',
        `The copy reads schema version ${summary.migration}, the vault's is ${migration}.`,
      );
    }
    fsyncFile(partial);
    fs.linkSync(partial, target);
    fs.rmSync(partial);
    fsyncDir(path.dirname(target));
    return { file: target, takenAt, ...summary };
  } finally {
    removeDatabaseFiles(partial);
  }
}

/** Copies the live database into `partial` from one read snapshot; returns when and its schema. */
async function copySnapshot(
  databaseFile: string,
  partial: string,
  pagesPerStep: number,
  now: () => Date = () => new Date(),
): Promise<{ takenAt: Date; migration: number }> {
  // A connection of its own; never openDatabase(), which would migrate a database this version
  // does not match. busy_timeout as the vault's: a checkpoint may hold a lock for a moment.
  const source = new Database(databaseFile, { fileMustExist: true, timeout: 5000 });
  try {
    source.exec('BEGIN');
    // The first read fixes the snapshot that the whole copy is taken from.
    const migration = source
      .prepare('SELECT COALESCE(MAX(version), 0) FROM schema_migrations')
      .pluck()
      .get() as number;
    const takenAt = now();
    await source.backup(partial, { progress: () => pagesPerStep });
    source.exec('COMMIT');
    return { takenAt, migration };
  } finally {
    source.close();
  }
}
