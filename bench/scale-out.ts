/**
 * One machine or several (issue 7): the service and resident workloads of the earlier issues
 * against one vault node on SQLite, one node on PostgreSQL, and two nodes on one PostgreSQL with
 * requests alternating between them (as a round-robin load balancer sends them), in one run:
 * requests/s, p50/p99, and the CPU each part used per request (vault nodes, PostgreSQL, this
 * load generator), all on this machine's cores.
 *
 * - Service reads: a city service reads granted 100 KiB documents (token check, grant check, the
 *   access-log append in the transaction that releases the sealed key, the ciphertext stream), 64
 *   in flight.
 * - Resident browsing: signed-in residents open their document list, the first page of their
 *   access log and download a 100 KiB document, 16 in flight.
 *
 * Seeding goes through the storage port (bench/lib/seed.ts) of the adapter under test. The
 * PostgreSQL database is made fresh for each configuration on BENCH_POSTGRES_URL's server (default:
 * the test server) and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sodiumReady } from '../crypto/src/index.js';
import {
  createSessionToken,
  hashSessionToken,
} from '../server/src/modules/auth/sessions/session-tokens.js';
import type { VaultStorage } from '../server/src/storage/index.js';
import { PostgresStorage } from '../server/src/storage/postgres/postgres-storage.js';
import { SqliteStorage } from '../server/src/storage/sqlite/sqlite-storage.js';
import { LeanClient, percentile, runPool } from './lib/lean-client.js';
import {
  createBenchService,
  seedDocument,
  seedGrant,
  seedResident,
  type BenchService,
} from './lib/seed.js';
import { startVaultChild, type VaultChild } from './lib/vault-child.js';

const READS = Number(process.env['BENCH_READS'] ?? 5_000);
const WARM_UP = Math.min(500, READS);
const RESIDENTS = 16;
const DOCS_PER_RESIDENT = 8;
const DOC_BYTES = 100 * 1024;
const SECRET = 'bench-scale-out-session-secret-0123456789';
const SERVER = new URL(
  process.env['BENCH_POSTGRES_URL'] ??
    'postgres://citizen_vault_test:citizen_vault_test@127.0.0.1:5432/postgres',
);

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** CPU time (ms) used so far by every PostgreSQL server process (from /proc). */
function postgresCpuMs(): number {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!name.startsWith('postgres')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks * 10;
}
const selfCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

interface Target {
  grantId: string;
  documentId: string;
  ownerToken: string;
}

async function seed(storage: VaultStorage, service: BenchService): Promise<Target[]> {
  const now = new Date();
  await storage.registerCityService(service.record(now));
  const targets: Target[] = [];
  for (let r = 0; r < RESIDENTS; r += 1) {
    const resident = await seedResident(storage, r, now);
    const token = createSessionToken();
    await storage.createSession({
      idHash: hashSessionToken(SECRET, token),
      publicId: randomBytes(12).toString('base64url'),
      residentId: resident.id,
      method: 'eid',
      userAgent: 'bench',
      createdAt: now,
      lastSeenAt: now,
      absoluteExpiresAt: new Date(now.getTime() + 12 * 3600_000),
    });
    const documents = [];
    for (let d = 0; d < DOCS_PER_RESIDENT; d += 1) {
      documents.push(
        await seedDocument(storage, resident, {
          category: 'identity',
          bytes: DOC_BYTES,
          name: `doc-${d}.pdf`,
          now,
        }),
      );
    }
    const { grantId } = await seedGrant(storage, service, resident, documents, {
      category: 'identity',
      now,
    });
    for (const d of documents)
      targets.push({ grantId, documentId: d.documentId, ownerToken: token });
  }
  return targets;
}

interface Setup {
  label: string;
  nodes: VaultChild[];
  cleanup(): Promise<void>;
}

const NODE_ENV = {
  VAULT_SESSION_SECRET: SECRET,
  // Behind a load balancer every node has the city's one origin; here each listens on its own
  // port, so the log's origin (the name its key is made for) is set for all of them.
  VAULT_LOG_ORIGIN: 'bench.citizen-vault.example/log',
  VAULT_RATE_LIMIT_SERVICE_TOKEN: '100000000',
  VAULT_SERVICE_QUOTA: '100000000',
};

async function sqliteSetup(service: BenchService): Promise<Setup & { targets: Target[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-bench-scale-'));
  const storage = SqliteStorage.open(path.join(dataDir, 'vault.sqlite'));
  const targets = await seed(storage, service);
  await storage.close();
  const node = await startVaultChild({ ...NODE_ENV, BENCH_DATA_DIR: dataDir });
  return {
    label: 'SQLite, 1 node',
    nodes: [node],
    targets,
    cleanup: async () => {
      await node.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function postgresSetup(
  service: BenchService,
  nodeCount: number,
): Promise<Setup & { targets: Target[] }> {
  const name = `cv_bench_scale_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const storage = await PostgresStorage.open(url.toString(), { poolSize: 4 });
  const targets = await seed(storage, service);
  await storage.close();
  // Every node reads the same key files (the first one to start makes them).
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-bench-scale-'));
  const nodes: VaultChild[] = [];
  for (let i = 0; i < nodeCount; i += 1) {
    nodes.push(
      await startVaultChild({
        ...NODE_ENV,
        BENCH_DATA_DIR: dataDir,
        VAULT_DATABASE_URL: url.toString(),
      }),
    );
  }
  return {
    label: `PostgreSQL, ${nodeCount} node${nodeCount > 1 ? 's' : ''}`,
    nodes,
    targets,
    cleanup: async () => {
      for (const node of nodes) await node.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Figures {
  rate: number;
  p50: number;
  p99: number;
  vaultUs: number;
  postgresUs: number;
  clientUs: number;
}

/** Runs `count` requests at `concurrency`, alternating between the nodes' clients. */
async function measure(
  nodes: VaultChild[],
  clients: LeanClient[],
  count: number,
  concurrency: number,
  request: (client: LeanClient, i: number) => Promise<number>,
): Promise<Figures> {
  const task = async (i: number) => {
    const status = await request(clients[i % clients.length]!, i);
    if (status !== 200) throw new Error(`answered ${status}`);
  };
  await runPool(WARM_UP, concurrency, task);
  const vault0 = nodes.reduce((sum, n) => sum + n.cpuMs(), 0);
  const pg0 = postgresCpuMs();
  const self0 = selfCpuMs();
  const t0 = performance.now();
  const latencies = await runPool(count, concurrency, task);
  const seconds = (performance.now() - t0) / 1000;
  const perRequest = (ms: number) => (ms * 1000) / count;
  return {
    rate: count / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    vaultUs: perRequest(nodes.reduce((sum, n) => sum + n.cpuMs(), 0) - vault0),
    postgresUs: perRequest(postgresCpuMs() - pg0),
    clientUs: perRequest(selfCpuMs() - self0),
  };
}

const line = (label: string, f: Figures) =>
  `    ${label.padEnd(20)} ${fmt(f.rate).padStart(6)} req/s   p50 ${fmt(f.p50, 1).padStart(5)} ms   p99 ${fmt(f.p99, 1).padStart(6)} ms   CPU/request: vault ${fmt(f.vaultUs)} µs, PostgreSQL ${fmt(f.postgresUs)} µs, load generator ${fmt(f.clientUs)} µs`;

await sodiumReady();
console.log(
  `Scale-out: ${RESIDENTS} residents × ${DOCS_PER_RESIDENT} documents of ${DOC_BYTES / 1024} KiB, ${fmt(READS)} requests per workload after ${fmt(WARM_UP)} to warm up; ${os.cpus().length} cores shared by the nodes, PostgreSQL and the load generator, Node ${process.version}`,
);
const setups: Record<string, (service: BenchService) => Promise<Setup & { targets: Target[] }>> = {
  sqlite: (service) => sqliteSetup(service),
  pg1: (service) => postgresSetup(service, 1),
  pg2: (service) => postgresSetup(service, 2),
};
// BENCH_SCALE_SETUPS=pg1,pg2 runs only those (e.g. to profile one).
const chosen = (process.env['BENCH_SCALE_SETUPS'] ?? 'sqlite,pg1,pg2').split(',');
for (const make of chosen.map((name) => setups[name]!)) {
  const service = await createBenchService('bench-scale');
  const setup = await make(service);
  try {
    console.log(`  ${setup.label}:`);
    const { targets } = setup;
    // A token from the first node works on every node: tokens live in the database.
    const bearer = await service.token(setup.nodes[0]!.origin);
    const serviceClients = setup.nodes.map((n) => new LeanClient(n.origin, {}, 64));
    const residentClients = setup.nodes.map((n) => new LeanClient(n.origin, {}, 16));
    const reads = await measure(setup.nodes, serviceClients, READS, 64, async (client, i) => {
      const t = targets[i % targets.length]!;
      const res = await client.request(
        'GET',
        `/api/v1/service/grants/${t.grantId}/documents/${t.documentId}?purpose=bench`,
        undefined,
        { authorization: `Bearer ${bearer}` },
        { sink: () => undefined },
      );
      return res.status;
    });
    console.log(line('service reads, 64', reads));
    const browsing = await measure(setup.nodes, residentClients, READS, 16, async (client, i) => {
      const t = targets[i % targets.length]!;
      const kind = i % 3;
      const pathname =
        kind === 0
          ? '/api/documents'
          : kind === 1
            ? '/api/log/entries?limit=50'
            : `/api/documents/${t.documentId}/versions/1/content`;
      const res = await client.request(
        'GET',
        pathname,
        undefined,
        { cookie: `cv_session=${t.ownerToken}` },
        { sink: () => undefined },
      );
      return res.status;
    });
    console.log(line('resident browsing, 16', browsing));
    for (const c of [...serviceClients, ...residentClients]) c.close();
  } finally {
    await setup.cleanup();
  }
}
