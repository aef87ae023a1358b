import path from 'node:path';
import {
  copyToPostgres,
  MigrationError,
  type MigrationErrorCode,
} from '../backup/copy-to-postgres.js';
import { ConfigError, loadConfig } from '../config.js';
import type { AdminIo } from './admin.js';
import {
  EX_CANTCREAT,
  EX_CONFIG,
  EX_DATAERR,
  EX_IOERR,
  EX_NOINPUT,
  EX_TEMPFAIL,
  EX_UNAVAILABLE,
  EX_USAGE,
} from './exit-codes.js';

const EXIT_STATUS: Record<MigrationErrorCode, number> = {
  ERR_MIGRATE_NO_SOURCE: EX_NOINPUT,
  ERR_MIGRATE_SOURCE_IN_USE: EX_CANTCREAT,
  ERR_MIGRATE_SOURCE_DAMAGED: EX_DATAERR,
  ERR_MIGRATE_SOURCE_OUTDATED: EX_DATAERR,
  ERR_MIGRATE_SCHEMA_MISMATCH: EX_DATAERR,
  ERR_MIGRATE_LOG_KEY_MISSING: EX_CONFIG,
  ERR_MIGRATE_LOG_KEY_MISMATCH: EX_CONFIG,
  ERR_MIGRATE_TARGET_UNREACHABLE: EX_UNAVAILABLE,
  ERR_MIGRATE_TARGET_NOT_EMPTY: EX_CANTCREAT,
  ERR_MIGRATE_TARGET_BUSY: EX_TEMPFAIL,
  ERR_MIGRATE_VERIFY_FAILED: EX_DATAERR,
};

export const MIGRATE_USAGE = `  migrate-to-postgres [--from <file>] [--to <url>] [--replace-target-data]
                 Copy the SQLite vault (default: the data directory's database; stop the vault
                 first) into the empty PostgreSQL database named by --to or VAULT_DATABASE_URL,
                 in one transaction, and verify the copy (row counts, the log against every
                 signed checkpoint) before it commits. --replace-target-data first deletes what
                 the target holds (a discarded earlier attempt). Exit status: 0 copied; 64 usage;
                 65 source damaged or outdated, or the copy did not verify; 66 no source; 69
                 PostgreSQL unreachable; 73 source in use or target not empty; 74 copy failed;
                 75 target locked by a running node; 78 no target URL, or the log key missing
                 or not the vault's. Nothing is committed unless it exits 0.`;

/** A postgres:// URL with its password replaced by ***, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

/** `npm run admin -- migrate-to-postgres [--from <file>] [--to <url>] [--replace-target-data]`. */
export async function migrateToPostgresCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  io: AdminIo,
): Promise<number> {
  let from: string | undefined;
  let to: string | undefined;
  let replace = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--replace-target-data') replace = true;
    else if (arg === '--from' && args[i + 1] !== undefined && from === undefined) from = args[++i];
    else if (arg === '--to' && args[i + 1] !== undefined && to === undefined) to = args[++i];
    else {
      io.err(`Usage:\n${MIGRATE_USAGE}`);
      return EX_USAGE;
    }
  }
  const targetUrl = to ?? env.VAULT_DATABASE_URL;
  if (targetUrl === undefined || targetUrl === '') {
    io.err(
      'Name the PostgreSQL database to copy into: --to postgres://user:password@host:5432/vault, or VAULT_DATABASE_URL.',
    );
    return EX_CONFIG;
  }
  if (!/^postgres(ql)?:\/\//.test(targetUrl)) {
    io.err(`${redactUrl(targetUrl)} is not a postgres:// URL.`);
    return EX_USAGE;
  }
  // The data directory's settings (log key, log origin), as the vault runs with them; the SQLite
  // vault is read whatever VAULT_DATABASE_URL says.
  let config;
  try {
    config = loadConfig({ ...env, VAULT_DATABASE_URL: undefined });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return EX_CONFIG;
  }
  const databaseFile = from === undefined ? config.databaseFile : path.resolve(from);
  const shownUrl = redactUrl(targetUrl);
  io.err(`Copying ${databaseFile} into ${shownUrl} …`);
  try {
    const copied = await copyToPostgres({
      databaseFile,
      targetUrl,
      log: { signerKeyFile: config.accessLog.signerKeyFile, origin: config.accessLog.origin },
      replaceTargetData: replace,
      progress: (line) => io.err(line),
    });
    const { source } = copied;
    io.out(`Copied ${databaseFile}`);
    io.out(`    to ${shownUrl}`);
    if (copied.replaced.length > 0) {
      io.out(`  replaced         what the target held in ${copied.replaced.join(', ')}`);
    }
    io.out(`  holds            ${source.residents} residents, ${source.documents} documents`);
    io.out(
      `  rows             ${copied.tables.reduce((n, t) => n + t.rows, 0)} in ${copied.tables.length} tables, every table's count equal to the source's`,
    );
    io.out(
      `  access log       ${source.logSize} entries; ${copied.checkpointsVerified} signed checkpoints verified against the copy`,
    );
    io.out('Next:');
    io.out(
      `  - copy the log key (${config.accessLog.signerKeyFile}) and the receipt key (${config.consent.receiptSignerKeyFile}) to every vault node, identical, and keep them out of database backups;`,
    );
    io.out(
      '  - give every node the same VAULT_SESSION_SECRET and VAULT_LOG_ORIGIN/VAULT_PUBLIC_ORIGIN as this vault had, and VAULT_DATABASE_URL;',
    );
    io.out(
      `  - keep ${databaseFile} until the nodes run and the access log verifies (docs/operations.md, "Scaled deployment on PostgreSQL").`,
    );
    return 0;
  } catch (error) {
    if (error instanceof MigrationError) {
      io.err(`Migration refused (${error.code}): ${scrub(error.message, targetUrl)}`);
      return EXIT_STATUS[error.code];
    }
    const code = (error as { code?: unknown } | null)?.code;
    io.err(
      `Migration failed${typeof code === 'string' ? ` (${code})` : ''}: ${scrub(error instanceof Error ? error.message : String(error), targetUrl)}. The PostgreSQL transaction was rolled back: nothing was committed. Fix the cause and run it again.`,
    );
    return EX_IOERR;
  }
}

/** A driver message never carries the URL's password; this makes sure. */
function scrub(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // not a URL: nothing to hide
  }
  return password === '' ? message : message.split(password).join('***');
}
