import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { isCryptoError } from '../../../crypto/src/errors.js';
import { openCheckpoint } from '../../../crypto/src/log/open-checkpoint.js';
import { parseSignerKey } from '../../../crypto/src/log/signer-key.js';
import { sodiumReady } from '../../../crypto/src/sodium.js';
import { BackupError } from './backup-error.js';
import { checkBackupFile, type BackupSummary } from './check-backup-file.js';
import { fsyncDir, fsyncFile, partialNameFor, removeDatabaseFiles } from '../lib/durable-files.js';

/** What to restore, and where: the data directory's database and its access-log key. */
export interface RestoreOptions {
  /** The backup file (made by `npm run admin -- backup`). */
  file: string;
  /** The database to put it in place of (`<VAULT_DATA_DIR>/vault.sqlite`). */
  databaseFile: string;
  /** The access log's key (VAULT_LOG_SIGNER_KEY_FILE) and origin (VAULT_LOG_ORIGIN) there. */
  log: { signerKeyFile: string; origin: string };
  /** Replace an existing database (kept beside it as `vault.sqlite.before-restore-<time>`). */
  force?: boolean;
  now?: () => Date;
}

/** A restore that was done. */
export interface RestoredBackup extends BackupSummary {
  /** Where the database that was replaced was kept, if there was one. */
  replacedKeptAt: string | null;
}

/**
 * Puts a backup in place as a data directory's database (docs/operations.md "Restore"). Checks
 * come first and change nothing: the file ({@link checkBackupFile}), that the data directory's log
 * key signed the backup's last checkpoint (else the restored vault would raise the access-log
 * alarm at its first checkpoint), and that the target is free — a database there is replaced only
 * with `force`, and never while another process (a running vault) has it open.
 *
 * Atomic: the backup is copied under a hidden name beside the target, fsynced, checked again
 * there, and renamed over the target; the directory is fsynced. The database it replaces is first
 * folded into one file (its WAL checkpointed) and kept under another name by a hard link, so at
 * every moment `vault.sqlite` is either the old database, whole, or the restored one.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoredBackup> {
  const summary = await checkBackupFile(options.file);
  await checkLogKey(summary, options.log);
  const target = path.resolve(options.databaseFile);
  const exists = fs.existsSync(target);
  if (exists) {
    if (!options.force) {
      throw new BackupError(
        'ERR_RESTORE_TARGET_EXISTS',
        `${target} exists: this data directory has a vault already. Nothing was changed. To replace it, stop the vault and run restore again with --force (the current database is kept beside it).`,
      );
    }
    foldIntoOneFile(target);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = partialNameFor(target, 'restore');
  try {
    fs.copyFileSync(options.file, partial, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(partial, 0o600);
    fsyncFile(partial);
    // The copy is what will be used: check it, not only the original.
    await checkBackupFile(partial);
    let replacedKeptAt: string | null = null;
    if (exists) {
      const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      replacedKeptAt = `${target}.before-restore-${stamp}`;
      fs.linkSync(target, replacedKeptAt);
    }
    // foldIntoOneFile left no journal; a stray one must never be replayed onto the restored file.
    for (const suffix of ['-journal', '-wal', '-shm']) {
      fs.rmSync(`${target}${suffix}`, { force: true });
    }
    fs.renameSync(partial, target);
    fsyncDir(path.dirname(target));
    return { ...summary, replacedKeptAt };
  } finally {
    removeDatabaseFiles(partial);
  }
}

/**
 * The backup's last checkpoint must verify with the log key the restored vault will sign with,
 * under its origin: the vault checks exactly this before it signs the next checkpoint.
 */
async function checkLogKey(summary: BackupSummary, log: RestoreOptions['log']): Promise<void> {
  if (summary.checkpoint === null) return;
  const signedBy = signerLines(summary.checkpoint.note);
  if (!fs.existsSync(log.signerKeyFile)) {
    throw new BackupError(
      'ERR_RESTORE_LOG_KEY_MISSING',
      `The backup's access log is signed by ${signedBy}, but there is no log key at ${log.signerKeyFile}. Put that key there (from where you keep the vault's keys) and run restore again: with a new key, residents' browsers would raise the access-log alarm. Nothing was changed.`,
    );
  }
  await sodiumReady();
  try {
    const signer = parseSignerKey(fs.readFileSync(log.signerKeyFile, 'utf8').trim());
    openCheckpoint(summary.checkpoint.note, { origin: log.origin, verifiers: [signer] });
  } catch (error) {
    if (!isCryptoError(error)) throw error;
    throw new BackupError(
      'ERR_RESTORE_LOG_KEY_MISMATCH',
      `The log key at ${log.signerKeyFile} (origin "${log.origin}") did not sign this backup's access log, which is signed by ${signedBy} (${error.code}). Put the right key there, or set VAULT_LOG_ORIGIN as the vault had it. Nothing was changed.`,
      { cause: error },
    );
  }
}

/** The key names and ids of a signed note's signature lines (public), for messages. */
function signerLines(note: string): string {
  const lines = note
    .split('\n')
    .filter((l) => l.startsWith('\u2014 '))
    .map((l) => {
      const [, name, signature] = l.split(' ');
      const keyId = Buffer.from(signature ?? '', 'base64')
        .subarray(0, 4)
        .toString('hex');
      return `"${name}" (key id ${keyId})`;
    });
  return lines.join(', ') || 'an unknown key';
}

/**
 * Checkpoints the existing database's WAL into its main file and leaves WAL mode, which SQLite
 * does only when no other connection is open: so this is also the check that no vault runs on it.
 */
function foldIntoOneFile(target: string): void {
  let db: Database.Database;
  try {
    db = new Database(target, { fileMustExist: true, timeout: 0 });
  } catch (error) {
    throw inUse(target, error);
  }
  try {
    const mode = String(db.pragma('journal_mode = DELETE', { simple: true })).toLowerCase();
    if (mode !== 'delete') throw inUse(target, new Error(`journal mode stayed ${mode}`));
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw inUse(target, error);
  } finally {
    db.close();
  }
}

function inUse(target: string, cause: unknown): BackupError {
  return new BackupError(
    'ERR_RESTORE_TARGET_IN_USE',
    `${target} is in use (${cause instanceof Error ? cause.message : String(cause)}): stop the vault, and any other process that has it open, then run restore again. Nothing was changed.`,
    { cause },
  );
}
