/**
 * A synthetic city on PostgreSQL (issue 7): 1 million residents, 10 million documents' metadata
 * and 10 million access-log entries (bench/lib/city-seed.ts; the database `cv_bench_city` is kept
 * between runs and seeded once, which takes a while). Then one vault node on it, and residents
 * picked at random open their document list (GET /api/documents) and the first page of their access
 * log (GET /api/log/entries) over real HTTP, with a real session cookie each. Target: p99 < 20 ms.
 * The same two reads straight through the storage port show how much of it is the database.
 *
 * BENCH_POSTGRES_URL: a server and role with CREATEDB (default: the test server). BENCH_CITY_SCALE
 * (default 1) scales all three figures down, e.g. 0.01 for a quick try.
 */
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  createSessionToken,
  hashSessionToken,
} from '../server/src/modules/auth/sessions/session-tokens.js';
import { PostgresStorage } from '../server/src/storage/postgres/postgres-storage.js';
import { citySeeded, residentId, seedCity, type CityShape } from './lib/city-seed.js';
import { LeanClient, percentile, runPool } from './lib/lean-client.js';
import { startVaultChild } from './lib/vault-child.js';

const SCALE = Number(process.env['BENCH_CITY_SCALE'] ?? 1);
const SHAPE: CityShape = {
  residents: Math.round(1_000_000 * SCALE),
  documentsPerResident: 10,
  logEntries: Math.round(10_000_000 * SCALE),
};
const SERVER = new URL(
  process.env['BENCH_POSTGRES_URL'] ??
    'postgres://citizen_vault_test:citizen_vault_test@127.0.0.1:5432/postgres',
);
const DATABASE = SCALE === 1 ? 'cv_bench_city' : `cv_bench_city_${String(SCALE).replace('.', '_')}`;
const SAMPLED = 1_000;
const REQUESTS = Number(process.env['BENCH_CITY_REQUESTS'] ?? 5_000);
const CONCURRENCIES = [1, 8];
const SECRET = 'bench-city-session-secret-0123456789abcdef';

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const urlOf = (database: string) => {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  return url.toString();
};

async function prepareDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER.toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: urlOf(DATABASE) });
  await client.connect();
  try {
    if (await citySeeded(client, SHAPE)) return;
    // A half-seeded city from an interrupted run: start again from an empty schema.
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    const storage = await PostgresStorage.open(urlOf(DATABASE), { poolSize: 1 });
    await storage.close();
    const t0 = performance.now();
    await seedCity(client, SHAPE);
    console.log(
      `  seeded in ${fmt((performance.now() - t0) / 1000)} s (kept for the next run in database ${DATABASE})`,
    );
  } finally {
    await client.end();
  }
}

async function databaseSize(): Promise<string> {
  const client = new pg.Client({ connectionString: urlOf(DATABASE) });
  await client.connect();
  try {
    const { rows } = await client.query<{ size: string }>(
      'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
    );
    return rows[0]!.size;
  } finally {
    await client.end();
  }
}

console.log(
  `Synthetic city on PostgreSQL: ${fmt(SHAPE.residents)} residents, ${fmt(SHAPE.residents * SHAPE.documentsPerResident)} documents' metadata, ${fmt(SHAPE.logEntries)} log entries; ${os.cpus().length} cores, Node ${process.version}`,
);
await prepareDatabase();
console.log(`  database size: ${await databaseSize()}`);

// Sessions for residents picked at random, made as the vault makes them (keyed hash of the token).
const storage = await PostgresStorage.open(urlOf(DATABASE), { poolSize: 8 });
const now = new Date();
const sampled: { id: string; token: string }[] = [];
for (let i = 0; i < SAMPLED; i += 1) {
  const id = residentId(randomInt(SHAPE.residents));
  const token = createSessionToken();
  await storage.createSession({
    idHash: hashSessionToken(SECRET, token),
    publicId: `bench-${i}-${randomInt(1e9)}`,
    residentId: id,
    method: 'eid',
    userAgent: 'bench',
    createdAt: now,
    lastSeenAt: now,
    absoluteExpiresAt: new Date(now.getTime() + 12 * 3600_000),
  });
  sampled.push({ id, token });
}

// The database alone, through the storage port (no HTTP).
for (const [label, read] of [
  ['document list', (id: string) => storage.listDocuments(id)],
  ['first log page', (id: string) => storage.listLogEntries(id, {}, 51)],
] as const) {
  await runPool(500, 8, (i) => read(sampled[i % SAMPLED]!.id).then(() => undefined));
  const latencies = await runPool(REQUESTS, 8, async (i) => {
    const found = await read(sampled[(i * 7) % SAMPLED]!.id);
    if (found.length === 0) throw new Error(`${label}: empty for a seeded resident`);
  });
  console.log(
    `  storage port, ${label.padEnd(14)} 8 in flight: p50 ${fmt(percentile(latencies, 50), 2)} ms  p99 ${fmt(percentile(latencies, 99), 2)} ms`,
  );
}
await storage.close();

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-bench-city-'));
const vault = await startVaultChild({
  BENCH_DATA_DIR: dataDir,
  VAULT_DATABASE_URL: urlOf(DATABASE),
  VAULT_SESSION_SECRET: SECRET,
});
try {
  const client = new LeanClient(vault.origin);
  for (const [label, pathOf] of [
    ['document list', () => '/api/documents'],
    ['first log page', () => '/api/log/entries?limit=50'],
  ] as const) {
    for (const concurrency of CONCURRENCIES) {
      const request = async (i: number) => {
        const who = sampled[(i * 13) % SAMPLED]!;
        const res = await client.request('GET', pathOf(), undefined, {
          cookie: `cv_session=${who.token}`,
        });
        if (res.status !== 200) throw new Error(`${label} answered ${res.status}`);
      };
      await runPool(500, concurrency, request);
      const t0 = performance.now();
      const latencies = await runPool(REQUESTS, concurrency, request);
      const rate = REQUESTS / ((performance.now() - t0) / 1000);
      const p99 = percentile(latencies, 99);
      console.log(
        `  HTTP, ${label.padEnd(14)} ${String(concurrency).padStart(2)} in flight: ${fmt(rate).padStart(6)} req/s  p50 ${fmt(percentile(latencies, 50), 2)} ms  p99 ${fmt(p99, 2)} ms  ${p99 < 20 ? 'PASS' : 'MISS'} (target p99 < 20 ms)`,
      );
    }
  }
  client.close();
} finally {
  await vault.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
