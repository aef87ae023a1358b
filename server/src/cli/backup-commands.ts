import path from 'node:path';
import {
  BackupError,
  createBackup,
  LATEST_MIGRATION,
  restoreBackup,
  type BackupErrorCode,
  type BackupSummary,
} from '../backup/index.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import type { AdminIo } from './admin.js';
import {
  EX_CANTCREAT,
  EX_CONFIG,
  EX_DATAERR,
  EX_IOERR,
  EX_NOINPUT,
  EX_USAGE,
} from './exit-codes.js';

const EXIT_STATUS: Record<BackupErrorCode, number> = {
  ERR_BACKUP_NO_DATABASE: EX_NOINPUT,
  ERR_BACKUP_EXISTS: EX_CANTCREAT,
  ERR_BACKUP_UNREADABLE: EX_NOINPUT,
  ERR_BACKUP_NOT_A_DATABASE: EX_DATAERR,
  ERR_BACKUP_TRUNCATED: EX_DATAERR,
  ERR_BACKUP_DAMAGED: EX_DATAERR,
  ERR_BACKUP_NOT_A_VAULT: EX_DATAERR,
  ERR_BACKUP_NEWER_VERSION: EX_DATAERR,
  ERR_BACKUP_LOG_DAMAGED: EX_DATAERR,
  ERR_RESTORE_TARGET_EXISTS: EX_CANTCREAT,
  ERR_RESTORE_TARGET_IN_USE: EX_CANTCREAT,
  ERR_RESTORE_LOG_KEY_MISSING: EX_CONFIG,
  ERR_RESTORE_LOG_KEY_MISMATCH: EX_CONFIG,
};

export const BACKUP_USAGE = `  backup <file>  Write a consistent copy of the vault's database to <file> while the vault runs,
                 then check it. Never overwrites a file. The signing keys are not in it: back
                 them up separately (docs/operations.md, Backups).
  restore <file> [--data-dir <dir>] [--force]
                 Check <file> and put it in place as the data directory's database (default
                 VAULT_DATA_DIR). The vault must be stopped, the log key must be in place, and an
                 existing database is replaced only with --force (it is kept beside it).`;

/** `npm run admin -- backup <file>`. */
export async function backupCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  io: AdminIo,
): Promise<number> {
  if (args.length !== 1 || args[0]!.startsWith('--')) return usage(io);
  const config = configFrom(env, io);
  if (typeof config === 'number') return config;
  try {
    const backup = await createBackup({ databaseFile: config.databaseFile, target: args[0]! });
    io.out(`Backed up ${config.databaseFile}`);
    io.out(`       to ${backup.file}`);
    io.out(`  as of            ${backup.takenAt.toISOString()} (every write acknowledged before)`);
    describeSummary(backup, io);
    io.out(
      `  not included     the log key (${config.accessLog.signerKeyFile}), the receipt key (${config.consent.receiptSignerKeyFile}) and the settings: keep them separately (docs/operations.md).`,
    );
    return 0;
  } catch (error) {
    return refused('Backup', error, io);
  }
}

/** `npm run admin -- restore <file> [--data-dir <dir>] [--force]`. */
export async function restoreCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  io: AdminIo,
): Promise<number> {
  let file: string | undefined;
  let dataDir: string | undefined;
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--force') force = true;
    else if (arg === '--data-dir' && args[i + 1] !== undefined) dataDir = args[++i];
    else if (!arg.startsWith('--') && file === undefined) file = arg;
    else return usage(io);
  }
  if (file === undefined) return usage(io);
  const config = configFrom(
    dataDir === undefined ? env : { ...env, VAULT_DATA_DIR: path.resolve(dataDir) },
    io,
  );
  if (typeof config === 'number') return config;
  try {
    const restored = await restoreBackup({
      file,
      databaseFile: config.databaseFile,
      log: { signerKeyFile: config.accessLog.signerKeyFile, origin: config.accessLog.origin },
      force,
    });
    io.out(`Restored ${path.resolve(file)}`);
    io.out(`      to ${config.databaseFile}`);
    describeSummary(restored, io);
    if (restored.replacedKeptAt !== null) {
      io.out(
        `  replaced         kept as ${restored.replacedKeptAt}: delete it once the restored vault is checked (it holds everything the old database held).`,
      );
    }
    if (restored.migration < LATEST_MIGRATION) {
      io.out(
        `  schema           version ${restored.migration}: the vault brings it to ${LATEST_MIGRATION} when it starts.`,
      );
    }
    io.out('Start the vault, then check GET /readyz and that the access log verifies.');
    return 0;
  } catch (error) {
    return refused('Restore', error, io);
  }
}

function describeSummary(summary: BackupSummary, io: AdminIo): void {
  io.out(
    `  checked          integrity ok, schema version ${summary.migration}, ${summary.bytes} bytes`,
  );
  io.out(`  holds            ${summary.residents} residents, ${summary.documents} documents`);
  io.out(
    `  access log       ${summary.logSize} entries; ${summary.checkpoint === null ? 'no checkpoint yet' : `last checkpoint at ${summary.checkpoint.size} entries matches the stored log`}`,
  );
}

function configFrom(env: NodeJS.ProcessEnv, io: AdminIo): Config | number {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return EX_CONFIG;
  }
}

function refused(what: string, error: unknown, io: AdminIo): number {
  if (error instanceof BackupError) {
    io.err(`${what} refused (${error.code}): ${error.message}`);
    return EXIT_STATUS[error.code];
  }
  // The file system or SQLite failed on the way (a full disk, a permission): the partial file is
  // gone, and neither the vault's database nor an existing backup was changed.
  const code = (error as { code?: unknown } | null)?.code;
  io.err(
    `${what} failed${typeof code === 'string' ? ` (${code})` : ''}: ${error instanceof Error ? error.message : String(error)}. Nothing was replaced; fix the cause and run it again.`,
  );
  return EX_IOERR;
}

function usage(io: AdminIo): number {
  io.err(`Usage:\n${BACKUP_USAGE}`);
  return EX_USAGE;
}
