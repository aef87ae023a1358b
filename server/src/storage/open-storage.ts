import type { Logger } from 'pino';
import { redactDatabaseUrl, type Config } from '../config.js';
import type { VaultStorage } from './ports.js';
import { SqliteStorage } from './sqlite/sqlite-storage.js';

/**
 * The storage the configuration names (issue 7): PostgreSQL when VAULT_DATABASE_URL is set, with
 * the migrations it lacks applied first; else SQLite in the data dir, the default. The PostgreSQL
 * adapter (and the `pg` driver) is loaded only when it is used.
 */
export async function openStorage(
  config: Pick<Config, 'databaseFile' | 'postgres'>,
  logger: Logger,
  applicationName = 'citizen-vault',
): Promise<VaultStorage> {
  if (config.postgres !== null) {
    const { PostgresStorage } = await import('./postgres/postgres-storage.js');
    return PostgresStorage.open(config.postgres.connectionString, {
      poolSize: config.postgres.poolSize,
      applicationName,
    });
  }
  return SqliteStorage.open(config.databaseFile, {
    onCheckpointThreadFailure: (error) =>
      logger.warn(
        { reason: error instanceof Error ? error.message : String(error) },
        'WAL checkpoint thread stopped; SQLite checkpoints inside commits from now on',
      ),
  });
}

/** Which storage the configuration names and where it is, for a log line or a terminal. */
export function describeStorage(config: Pick<Config, 'databaseFile' | 'postgres'>): {
  adapter: 'sqlite' | 'postgres';
  /** The SQLite file, or the PostgreSQL URL with its password replaced by `***`. */
  location: string;
  poolSize?: number;
} {
  if (config.postgres === null) return { adapter: 'sqlite', location: config.databaseFile };
  return {
    adapter: 'postgres',
    location: redactDatabaseUrl(config.postgres.connectionString),
    poolSize: config.postgres.poolSize,
  };
}
