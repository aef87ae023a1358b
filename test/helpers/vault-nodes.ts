import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import pg from 'pg';
import { createLocalEidProvider } from '../../server/src/modules/local-eid/index.js';
import { LOG_LEASE_KEY } from '../../server/src/storage/postgres/postgres-storage.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.js';
import { freePort, startVault, type TestVault, type VaultAddress } from './start-vault.js';
import { startVaultProcess, type VaultProcess } from './vault-process.js';

/**
 * Several vault nodes on one PostgreSQL database behind one load balancer, as a city runs them
 * (issue 7, DESIGN §8), for the scale-out tests: a fresh database, the round-robin proxy
 * (round-robin-proxy.ts) whose origin is every node's VAULT_PUBLIC_ORIGIN, one shared data directory
 * (the log key and the receipt key), one session secret, and the city's eID.
 *
 * The eID is the local stand-in (oidc-provider) on a server of its own, configured on the nodes as
 * an external issuer: the stand-in keeps its interactions in its process's memory, so mounted on
 * each node behind round-robin it would lose the resident between two requests. A city's real eID
 * is one service outside the vault's nodes too.
 */

/** The local eID stand-in on its own loopback port: the "city's eID" of a multi-node test. */
export interface ExternalEid {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The VAULT_EID_* settings that point a vault node at it (http:// allowed: tests only). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts the local eID stand-in on a free port for a vault whose callback is `redirectUri`. */
export async function startExternalEid(redirectUri: string): Promise<ExternalEid> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-eid-'));
  const app = express();
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://localhost:${port}/eid`;
  const clientId = 'citizen-vault-nodes';
  const clientSecret = randomBytes(24).toString('base64url');
  const provider = await createLocalEidProvider({
    issuer,
    clientId,
    clientSecret,
    redirectUri,
    signingKeyFile: path.join(dir, 'signing-key.json'),
    cookieKeys: [randomBytes(32).toString('base64url')],
  });
  // The stand-in's interaction URLs are under /eid, where the vault mounts it too.
  app.use('/eid', provider);
  return {
    issuer,
    clientId,
    clientSecret,
    env: {
      VAULT_EID_MODE: 'external',
      VAULT_EID_ISSUER: issuer,
      VAULT_EID_CLIENT_ID: clientId,
      VAULT_EID_CLIENT_SECRET: clientSecret,
      VAULT_EID_ALLOW_INSECURE_HTTP: 'true',
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * What every node of a cluster has in common, and the cluster as the tests address it: through the
 * proxy (its origin and port) and, for the storage helpers, the database (`databaseUrl`).
 */
export interface ClusterBase extends VaultAddress {
  origin: string;
  databaseUrl: string;
  database: TestDatabase;
  proxy: RoundRobinProxy;
  eid: ExternalEid;
  /** The data directory every node shares (log key, receipt key). */
  dataDir: string;
  /** The VAULT_* settings every node gets. */
  env: Record<string, string>;
  /** Headers that pin a request to node `index` behind the proxy. */
  pin(index: number): Record<string, string>;
}

/** Options for {@link startVaultNodes} and {@link startVaultNodeProcesses}. */
export interface VaultNodesOptions {
  /** How many nodes (default 2). */
  count?: number;
  /** More VAULT_* settings for every node. */
  env?: Record<string, string>;
}

/** The database, the proxy, the eID, the data directory; closed in reverse by `closeBase`. */
async function startBase(options: VaultNodesOptions): Promise<ClusterBase> {
  const database = await createTestDatabase();
  const proxy = await startRoundRobinProxy();
  const eid = await startExternalEid(`${proxy.origin}/auth/callback`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-nodes-'));
  const env: Record<string, string> = {
    VAULT_DATABASE_URL: database.url,
    VAULT_PUBLIC_ORIGIN: proxy.origin,
    // One secret for all nodes: a session cookie (and the eID transaction cookie) signed by one
    // node must open on every other.
    VAULT_SESSION_SECRET: randomBytes(32).toString('base64url'),
    VAULT_TRUST_PROXY: '1',
    // Few connections per node: the machine's PostgreSQL serves other tests at the same time.
    VAULT_DATABASE_POOL_SIZE: '4',
    ...eid.env,
    ...options.env,
  };
  return {
    origin: proxy.origin,
    config: { port: proxy.port, databaseFile: path.join(dataDir, 'vault.sqlite') },
    databaseUrl: database.url,
    database,
    proxy,
    eid,
    dataDir,
    env,
    pin: (index) => proxy.pin(index),
  };
}

async function closeBase(base: ClusterBase): Promise<void> {
  await base.proxy.close();
  await base.eid.close();
  await base.database.drop();
  fs.rmSync(base.dataDir, { recursive: true, force: true });
}

/** Nodes running in this process (startVault), behind the proxy. */
export interface VaultNodes extends ClusterBase {
  nodes: TestVault[];
  close(): Promise<void>;
}

/**
 * Starts `count` vault nodes in this process on one fresh PostgreSQL database, behind a fresh
 * round-robin proxy, with the external eID; node `i` is upstream `i` of the proxy.
 */
export async function startVaultNodes(options: VaultNodesOptions = {}): Promise<VaultNodes> {
  const base = await startBase(options);
  const nodes: TestVault[] = [];
  try {
    for (let i = 0; i < (options.count ?? 2); i++) {
      const node = await startVault({ env: base.env, dataDir: base.dataDir });
      nodes.push(node);
      base.proxy.addUpstream(`http://127.0.0.1:${node.config.port}`);
    }
  } catch (error) {
    await Promise.all(nodes.map((n) => n.close()));
    await closeBase(base);
    throw error;
  }
  return {
    ...base,
    nodes,
    async close() {
      await Promise.all(nodes.map((n) => n.close()));
      await closeBase(base);
    },
  };
}

/** Nodes running as processes of the built server, behind the proxy. */
export interface VaultNodeProcesses extends ClusterBase {
  nodes: VaultProcess[];
  /** Kills every node still running, then closes the proxy and the eID and drops the database. */
  close(): Promise<void>;
}

/**
 * Starts `count` built vaults (`dist/server/src/main.js`, see vault-process.ts) at once on one fresh
 * PostgreSQL database and one data directory, behind a fresh round-robin proxy.
 */
export async function startVaultNodeProcesses(
  options: VaultNodesOptions = {},
): Promise<VaultNodeProcesses> {
  const base = await startBase(options);
  const ports = await Promise.all(Array.from({ length: options.count ?? 2 }, () => freePort()));
  const started = await Promise.allSettled(
    ports.map((port) => startVaultProcess({ dataDir: base.dataDir, port, env: base.env })),
  );
  const nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(nodes.map((n) => n.kill()));
    await closeBase(base);
    throw failed.reason;
  }
  for (const port of ports) base.proxy.addUpstream(`http://127.0.0.1:${port}`);
  return {
    ...base,
    nodes,
    async close() {
      // kill() of a process already gone resolves at once.
      await Promise.all(nodes.map((n) => n.kill()));
      await closeBase(base);
    },
  };
}

// --- the log lease --------------------------------------------------------------------------------

/**
 * The local TCP port of the connection that holds the log lease (a session-level advisory lock on
 * LOG_LEASE_KEY, postgres-storage.ts), as PostgreSQL sees it; null if no node holds it.
 */
export async function leaseHolderPort(databaseUrl: string): Promise<number | null> {
  const key = BigInt(LOG_LEASE_KEY);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // A bigint advisory lock shows as classid (high 32 bits), objid (low 32 bits), objsubid 1.
    const { rows } = await client.query<{ client_port: number | null }>(
      `SELECT a.client_port FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid`,
      [(key >> 32n).toString(), (key & 0xffffffffn).toString()],
    );
    return rows[0]?.client_port ?? null;
  } finally {
    await client.end();
  }
}

/** The socket inodes a process holds open (Linux: /proc/<pid>/fd links read `socket:[inode]`). */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  const dir = `/proc/${pid}/fd`;
  if (!fs.existsSync(dir)) return inodes; // the process is gone
  for (const fd of fs.readdirSync(dir)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(path.join(dir, fd)));
      if (match) inodes.add(match[1]!);
    } catch {
      // The descriptor closed while we looked.
    }
  }
  return inodes;
}

/** The inode of the TCP socket from local port `port` to `remotePort` (/proc/net/tcp and tcp6). */
function inodeOfConnection(port: number, remotePort: number): string | null {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // sl, local_address, rem_address, st, tx:rx, tr:when, retrnsmt, uid, timeout, inode
      if (fields[1]?.endsWith(`:${hex(port)}`) && fields[2]?.endsWith(`:${hex(remotePort)}`)) {
        return fields[9] ?? null;
      }
    }
  }
  return null;
}

/**
 * Which of the node processes holds the log lease: PostgreSQL names the client port of the lock's
 * connection, and that port's socket belongs to one process. Null if none holds it (yet).
 */
export async function leaseHolder(
  databaseUrl: string,
  nodes: readonly VaultProcess[],
): Promise<VaultProcess | null> {
  const port = await leaseHolderPort(databaseUrl);
  if (port === null) return null;
  const inode = inodeOfConnection(port, Number(new URL(databaseUrl).port || 5432));
  if (inode === null) return null;
  return nodes.find((n) => socketInodes(n.pid).has(inode)) ?? null;
}
