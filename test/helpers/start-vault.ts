import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import type { Express } from 'express';
import { loadConfig, type Config } from '../../server/src/config.js';
import { createHttpServer } from '../../server/src/http/create-http-server.js';
import { createLogger } from '../../server/src/logger.js';
import type { EidClient } from '../../server/src/modules/auth/index.js';
import { composeVault } from '../../server/src/vault.js';

/** One parsed pino log line. */
export type LogRecord = Record<string, unknown> & { msg?: string; level: number };

/**
 * What the HTTP and storage helpers need of a vault: its origin, its port and its SQLite file. A
 * {@link TestVault} is one; so is a vault in its own process (test/helpers/vault-process.ts), and
 * several nodes behind a proxy on one PostgreSQL database (test/helpers/vault-nodes.ts).
 */
export interface VaultAddress {
  origin: string;
  config: Pick<Config, 'port' | 'databaseFile'>;
  /**
   * The vault's PostgreSQL database (VAULT_DATABASE_URL), when it runs on one: the storage helpers
   * (withVaultStorage) then open it instead of the SQLite file.
   */
  databaseUrl?: string;
}

/** A vault running on a free loopback port with a fresh data directory. */
export interface TestVault extends VaultAddress {
  /** e.g. http://localhost:41234 — the vault's public origin. */
  origin: string;
  config: Config;
  dataDir: string;
  /** The Express app (to enumerate its routes). */
  app: Express;
  /** Everything the vault logged so far, parsed (a fresh array on every read). */
  readonly logs: LogRecord[];
  /** The raw log text, to assert that secrets never appear in it. */
  logText(): string;
  /**
   * Counts rows in a table through a second, read-only connection to the real SQLite file (not on
   * PostgreSQL: see {@link VaultAddress.databaseUrl}).
   */
  countRows(table: string): number;
  /** Runs a statement on the real SQLite file through a second connection (test setup only). */
  sql(statement: string, ...params: unknown[]): Database.RunResult;
  /**
   * `PRAGMA wal_checkpoint(TRUNCATE)` through the second connection: every committed page is
   * copied into vault.sqlite and the -wal file is truncated to nothing. Throws if it was blocked.
   */
  checkpoint(): void;
  /** The raw bytes of vault.sqlite, vault.sqlite-wal and vault.sqlite-shm (empty if absent). */
  rawDatabaseFiles(): { name: string; bytes: Buffer }[];
  close(): Promise<void>;
}

/** Options for {@link startVault}. */
export interface StartVaultOptions {
  env?: Record<string, string>;
  now?: () => Date;
  /** The built web app; null (the default) serves the API only. */
  webRoot?: string | null;
  eid?: EidClient;
  /** How often the vault purges expired sessions and uploads (default: every minute). */
  purgeIntervalMs?: number;
  /**
   * Listen on this port instead of a free one: a restart on the same data directory keeps its
   * origin (and with it the local eID's issuer, which names its residents).
   */
  port?: number;
  /**
   * Use this data directory (it must exist: a restored one, one on a small file system) instead of
   * a fresh temporary one. The caller owns it: `close()` leaves it in place.
   */
  dataDir?: string;
}

/** A port that was free a moment ago (for {@link StartVaultOptions.port}). */
export async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Starts a real vault (real HTTP, real SQLite file, the real local eID provider unless an eID
 * is configured) on a free port. Callers must `close()` it.
 */
export async function startVault(options: StartVaultOptions = {}): Promise<TestVault> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cv-test-'));
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger('debug', destination);
  // The server's limits do not depend on the port, which the origin (and so the config) needs:
  // read them first, listen, then load the config with the port the server got.
  const env = { VAULT_DATA_DIR: dataDir, VAULT_LOG_LEVEL: 'debug', ...options.env };
  const server = createHttpServer(loadConfig(env).http, logger);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const config = loadConfig({
    VAULT_DATA_DIR: dataDir,
    VAULT_PORT: String(port),
    VAULT_LOG_LEVEL: 'debug',
    ...options.env,
  });
  const vault = await composeVault(config, logger, {
    webRoot: options.webRoot ?? null,
    ...(options.now ? { now: options.now } : {}),
    ...(options.eid ? { eid: options.eid } : {}),
    ...(options.purgeIntervalMs ? { purgeIntervalMs: options.purgeIntervalMs } : {}),
  });
  server.on('request', vault.app);
  // The second connection to the SQLite file; a vault on PostgreSQL (issue 7) has no such file.
  const given = options.env?.['VAULT_DATABASE_URL'];
  const databaseUrl = given !== undefined && /^postgres(ql)?:\/\//.test(given) ? given : undefined;
  const sqlite = databaseUrl === undefined ? new Database(config.databaseFile) : undefined;
  const inspector = (): Database.Database => {
    if (sqlite === undefined) {
      throw new TypeError('this vault runs on PostgreSQL: open its databaseUrl instead');
    }
    return sqlite;
  };

  return {
    origin: config.publicOrigin,
    config,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    dataDir,
    app: vault.app,
    get logs() {
      return lines.map((l) => JSON.parse(l) as LogRecord);
    },
    logText: () => lines.join('\n'),
    countRows: (table) => {
      if (!/^[a-z_]+$/.test(table)) throw new TypeError(`bad table name ${table}`);
      return inspector().prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
    },
    sql: (statement, ...params) =>
      inspector()
        .prepare(statement)
        .run(...params),
    checkpoint: () => {
      // The vault's own checkpoint thread may hold the checkpoint lock for a moment; SQLite does
      // not wait for it (no busy handler for that lock), so try again until it is free.
      const pause = new Int32Array(new SharedArrayBuffer(4));
      for (let attempt = 0; attempt < 500; attempt++) {
        const [result] = inspector().pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
        if (result?.busy === 0) return;
        Atomics.wait(pause, 0, 0, 10);
      }
      throw new Error('the WAL checkpoint stayed blocked for 5 s');
    },
    rawDatabaseFiles: () =>
      ['', '-wal', '-shm'].map((suffix) => {
        const file = `${config.databaseFile}${suffix}`;
        return {
          name: path.basename(file),
          bytes: fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0),
        };
      }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      sqlite?.close();
      await vault.close();
      if (options.dataDir === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
