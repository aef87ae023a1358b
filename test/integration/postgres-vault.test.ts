import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../helpers/http-client.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { freePort, startVault, type TestVault } from '../helpers/start-vault.js';
import { BUILT_MAIN, startVaultProcess } from '../helpers/vault-process.js';

/**
 * A vault composed on PostgreSQL (issue 7): VAULT_DATABASE_URL picks the adapter, each node listens
 * for live events on a connection of its own, and /readyz says which node holds the log lease.
 * The full two-node loop is test/e2e's; this checks the composition.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  cleanups.push(() => db.drop());
  return db;
}

/** A data directory two nodes share (their log and receipt keys must be the same). */
function sharedDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-pg-vault-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function vaultNode(db: TestDatabase, dataDir: string): Promise<TestVault> {
  const vault = await startVault({
    dataDir,
    env: {
      VAULT_DATABASE_URL: db.url,
      VAULT_DATABASE_POOL_SIZE: '2',
      VAULT_LOG_CHECKPOINT_MS: '50',
      // Behind a load balancer every node has the same public origin, and so the same log origin;
      // these test nodes each listen on a port of their own.
      VAULT_LOG_ORIGIN: 'vault.test/log',
    },
  });
  cleanups.push(() => vault.close());
  return vault;
}

interface Ready {
  status: string;
  storage: string;
  logLease: boolean;
}

/** Polls /readyz until `condition` holds of its body (10 s at most). */
async function readyzUntil(vault: TestVault, condition: (body: Ready) => boolean): Promise<Ready> {
  const client = new HttpClient(vault.origin);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answer = await client.get<Ready>('/readyz');
    expect(answer.status).toBe(200);
    if (condition(answer.body) || Date.now() > deadline) return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The connections named `applicationName` on the database, once there are `expected` of them (a
 * closed connection's server process may take a moment to leave pg_stat_activity), or after 10 s.
 */
async function connections(
  db: TestDatabase,
  applicationName: string,
  expected: number,
): Promise<number> {
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = $1`,
        [applicationName],
      );
      if (rows[0]!.n === expected || Date.now() > deadline) return rows[0]!.n;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await admin.end();
  }
}

describe('a vault on PostgreSQL (VAULT_DATABASE_URL)', () => {
  it('runs on the PostgreSQL adapter; of two nodes exactly one holds the log lease, and both are ready', async () => {
    const db = await database();
    const dataDir = sharedDataDir();
    const first = await vaultNode(db, dataDir);
    const one = await readyzUntil(first, (body) => body.logLease);
    expect(one).toEqual({ status: 'ready', storage: 'postgres', logLease: true });

    const second = await vaultNode(db, dataDir);
    // The lease is the first node's: the second does not get it, and is ready all the same.
    const two = await readyzUntil(second, () => true);
    expect(two).toEqual({ status: 'ready', storage: 'postgres', logLease: false });
    expect((await readyzUntil(first, () => true)).logLease).toBe(true);

    // Each node listens for live events on one connection of its own.
    expect(await connections(db, 'citizen-vault-notifier', 2)).toBe(2);
    // And one for the log lease: the holder's keeps it, the other's tries for it at each tick.
    expect(await connections(db, 'citizen-vault-log-lease', 2)).toBe(2);
  });

  it('hands the log lease to the other node when the holder shuts down, and closes its listener', async () => {
    const db = await database();
    const dataDir = sharedDataDir();
    const first = await vaultNode(db, dataDir);
    await readyzUntil(first, (body) => body.logLease);
    const second = await vaultNode(db, dataDir);
    await first.close();
    const taken = await readyzUntil(second, (body) => body.logLease);
    expect(taken.logLease).toBe(true);
    expect(await connections(db, 'citizen-vault-notifier', 1)).toBe(1);
  });

  it('the built vault says at start-up that it runs on PostgreSQL, and never prints the password', async () => {
    expect(fs.existsSync(BUILT_MAIN), 'run `npm run build:server` first').toBe(true);
    const db = await database();
    const url = new URL(db.url);
    expect(url.password).not.toBe('');
    const vault = await startVaultProcess({
      dataDir: sharedDataDir(),
      port: await freePort(),
      env: { VAULT_DATABASE_URL: db.url },
    });
    cleanups.push(async () => {
      await vault.stop();
    });
    const lines = vault
      .tail()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const listening = lines.find((l) => String(l['msg']).startsWith('Citizen Vault is listening'));
    expect(listening).toMatchObject({ storage: 'postgres' });
    expect(String(listening!['database'])).toContain(':***@');
    expect(lines.find((l) => l['msg'] === 'opening PostgreSQL storage')).toMatchObject({
      adapter: 'postgres',
      poolSize: 10,
    });
    expect(vault.tail()).not.toContain(`:${url.password}@`);
    const ready = await new HttpClient(vault.origin).get<Ready>('/readyz');
    expect(ready.body).toMatchObject({ status: 'ready', storage: 'postgres' });
  });
});
