import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresStorage } from '../../server/src/storage/postgres/postgres-storage.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

/**
 * The log lease (issue 7, DESIGN §8): one node per vault signs the access log's checkpoints. Each
 * PostgresStorage here stands for one vault node; each test database for one vault.
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

async function node(db: TestDatabase): Promise<PostgresStorage> {
  const storage = await PostgresStorage.open(db.url, { poolSize: 1 });
  cleanups.push(() => storage.close());
  return storage;
}

/** The server process that holds the lease in `db`, if one does. */
async function leaseHolderPid(db: TestDatabase): Promise<number | null> {
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
        WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()`,
    );
    expect(rows.length).toBeLessThanOrEqual(1);
    return rows[0]?.pid ?? null;
  } finally {
    await admin.end();
  }
}

async function terminate(db: TestDatabase, pid: number): Promise<void> {
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  try {
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    // Wait until the server has let go of the backend (and so of its lock): a condition, not a timer.
    for (let i = 0; i < 1000; i++) {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [
        pid,
      ]);
      if (rowCount === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`backend ${pid} did not end`);
  } finally {
    await admin.end();
  }
}

describe('PostgresStorage.acquireLogLease', () => {
  it('is held by exactly one node of a vault, and kept by it on later calls', async () => {
    const db = await database();
    const a = await node(db);
    const b = await node(db);
    expect(await a.acquireLogLease()).toBe(true);
    expect(await b.acquireLogLease()).toBe(false);
    const holder = await leaseHolderPid(db);
    expect(holder).not.toBeNull();
    expect(await a.acquireLogLease()).toBe(true);
    expect(await b.acquireLogLease()).toBe(false);
    expect(await leaseHolderPid(db)).toBe(holder); // the same connection, not a new lock each time
    // The node without it keeps one connection to try on, not a new one per call.
    const tryingPids = async () => {
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'citizen-vault-log-lease'
            ORDER BY pid`,
        );
        return rows.map((r) => r.pid);
      } finally {
        await admin.end();
      }
    };
    const before = await tryingPids();
    expect(before).toHaveLength(2);
    expect(await b.acquireLogLease()).toBe(false);
    expect(await tryingPids()).toEqual(before);
  });

  it('is one per database: two vaults on one PostgreSQL server each have their own', async () => {
    const first = await database();
    const second = await database();
    expect(await (await node(first)).acquireLogLease()).toBe(true);
    expect(await (await node(second)).acquireLogLease()).toBe(true);
    expect(await (await node(first)).acquireLogLease()).toBe(false);
  });

  it('passes to another node when the holder closes', async () => {
    const db = await database();
    const a = await node(db);
    const b = await node(db);
    expect(await a.acquireLogLease()).toBe(true);
    await a.close();
    expect(await a.acquireLogLease()).toBe(false); // a closed storage never signs
    expect(await b.acquireLogLease()).toBe(true);
  });

  it('passes to another node when the holder’s connection dies, and the old holder knows it lost it', async () => {
    const db = await database();
    const a = await node(db);
    const b = await node(db);
    expect(await a.acquireLogLease()).toBe(true);
    await terminate(db, (await leaseHolderPid(db))!);
    expect(await b.acquireLogLease()).toBe(true);
    expect(await a.acquireLogLease()).toBe(false);
    expect(await b.acquireLogLease()).toBe(true);
  });
});
