import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  asHash,
  leafHash,
  nodeHash,
  sodiumReady,
  treeHead,
  treeRoot,
  type Hash,
} from '../../crypto/src/index.js';
import { appendEntries } from '../../server/src/storage/postgres/access-log.js';
import { clientSql, PgDatabase } from '../../server/src/storage/postgres/pg-database.js';
import { PostgresStorage } from '../../server/src/storage/postgres/postgres-storage.js';
import type {
  LogAppend,
  LogCheckpointRecord,
  LogEntryRecord,
  LogNodeKey,
} from '../../server/src/storage/ports.js';
import { makePostgresStorage } from '../helpers/postgres.js';
import { seededRandom } from '../helpers/seeded-random.js';

/**
 * The access log with two vault nodes on one PostgreSQL (DESIGN §5, §8; issue 7): SQLite has one
 * writer, here two pools append and store checkpoints at once. Appends must still take every
 * index once, in each caller's order, with every stored subtree hash what crypto/ computes from
 * the leaves; checkpoints must still only move forward; and a node that dies mid-append must
 * leave nothing behind nor hold up the other.
 */
describe('access log on two nodes sharing one PostgreSQL', () => {
  let one: PostgresStorage;
  let two: PostgresStorage;
  let url: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    await sodiumReady();
  });
  beforeEach(async () => {
    const made = await makePostgresStorage();
    one = made.storage;
    url = made.database.url;
    two = await PostgresStorage.open(made.database.url, { poolSize: 4 });
    cleanup = async () => {
      await two.close();
      await made.cleanup();
    };
  });
  afterEach(async () => {
    await cleanup();
  });

  const entry = (): LogAppend => ({
    residentId: randomUUID(),
    at: new Date('2026-11-28T10:00:00Z'),
    actorKind: 'service',
    actorId: 'registry-office',
    action: 'document.read',
    documentId: randomUUID(),
    leaf: new Uint8Array(Buffer.from(`{"entry":"${randomUUID()}"}`)),
  });

  const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

  /** Every complete subtree of a tree of `size` leaves, recomputed level by level with crypto/. */
  const recompute = (leaves: readonly Hash[]): { keys: LogNodeKey[]; hashes: Hash[] } => {
    const keys: LogNodeKey[] = [];
    const hashes: Hash[] = [];
    let level: readonly Hash[] = leaves;
    for (let depth = 0; level.length > 0; depth += 1) {
      level.forEach((hash, index) => {
        keys.push({ level: depth, index });
        hashes.push(hash);
      });
      const up: Hash[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) up.push(nodeHash(level[i]!, level[i + 1]!));
      level = up;
    }
    return { keys, hashes };
  };

  it('appends from both nodes at once take every index once, in each caller’s order, and keep the tree crypto/ computes', async () => {
    // Four callers per node, each making 50 appends of 1–3 entries one after another: 400 calls,
    // up to eight transactions at a time competing for the end of the log.
    const callers = [one, two].flatMap((node) =>
      Array.from({ length: 4 }, () => ({ node, calls: [] as LogEntryRecord[][] })),
    );
    await Promise.all(
      callers.map(async (caller) => {
        for (let call = 0; call < 50; call += 1) {
          const batch = Array.from({ length: 1 + (call % 3) }, entry);
          const records = await caller.node.appendLog(batch);
          // As appended, at consecutive indexes.
          expect(records).toEqual(batch.map((e, k) => ({ ...e, index: records[0]!.index + k })));
          caller.calls.push(records);
        }
      }),
    );

    // Each caller's later append (started after the earlier one was acknowledged) comes later.
    for (const { calls } of callers) {
      const indexes = calls.flat().map((r) => r.index);
      expect(indexes).toEqual([...indexes].sort((x, y) => x - y));
    }
    // Every index from 0 to n - 1 exactly once.
    const all = callers.flatMap(({ calls }) => calls.flat()).sort((x, y) => x.index - y.index);
    const n = all.length;
    expect(n).toBe(8 * 99); // each caller: 17 × 1 + 17 × 2 + 16 × 3 entries
    expect(all.map((r) => r.index)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(await one.logSize()).toBe(n);
    expect(await two.logSize()).toBe(n);
    expect(await two.getLogEntries(all.map((r) => r.index))).toEqual(all);

    // Every stored subtree hash is the one crypto/ computes from the leaves, and so is the root.
    const leaves = all.map((r) => leafHash(r.leaf));
    const { keys, hashes } = recompute(leaves);
    expect((await one.getLogNodes(keys)).map(hex)).toEqual(hashes.map(hex));
    expect((await two.getLogNodeRange(0, 0, n + 10)).map(hex)).toEqual(leaves.map(hex));
    const stored = new Map(keys.map((k, i) => [`${k.level}/${k.index}`, hashes[i]!]));
    const nodes = new Map<string, Hash>();
    for (const [key, node] of (await two.getLogNodes(keys)).entries()) {
      nodes.set(`${keys[key]!.level}/${keys[key]!.index}`, asHash(node));
    }
    expect([...nodes.keys()]).toEqual([...stored.keys()]);
    const root = treeRoot(n, (level, index) => {
      const node = nodes.get(`${level}/${index}`);
      if (node === undefined) throw new Error(`asked for ${level}/${index}, not stored`);
      return node;
    });
    expect(hex(root)).toBe(hex(treeHead(leaves)));
  });

  it('checkpoints stored from both nodes at once only move forward', async () => {
    // The order the inserts happen in, recorded by the database itself (test-only): with the
    // compare-and-insert one step, it is the order the checkpoints became visible.
    await one.pool.query(`
      CREATE TABLE checkpoint_order (seq BIGSERIAL PRIMARY KEY, size BIGINT NOT NULL);
      CREATE FUNCTION checkpoint_order() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO checkpoint_order (size) VALUES (NEW.size); RETURN NULL; END $$;
      CREATE TRIGGER checkpoint_order AFTER INSERT ON log_checkpoints
        FOR EACH ROW EXECUTE FUNCTION checkpoint_order();
    `);
    const checkpoint = (size: number): LogCheckpointRecord => ({
      size,
      rootHash: new Uint8Array(32).fill(size % 256),
      note: `vault.example.city/log\n${size}\n\n— sig\n`,
      createdAt: new Date(Date.UTC(2026, 10, 28, 10, 0, size)),
    });
    // Sizes 1–300 in a shuffled order, every other one from each node, all at once; a few sizes
    // twice (once from each node).
    const random = seededRandom(20261128);
    const sizes = Array.from({ length: 300 }, (_, i) => i + 1);
    for (let i = sizes.length - 1; i > 0; i -= 1) {
      const j = random.int(0, i);
      [sizes[i], sizes[j]] = [sizes[j]!, sizes[i]!];
    }
    sizes.push(...sizes.slice(0, 20));
    const results = await Promise.all(
      sizes.map(async (size, i) => ({
        size,
        result: await (i % 2 === 0 ? one : two).storeCheckpoint(checkpoint(size)),
      })),
    );

    const stored = results.filter((r) => r.result === 'stored').map((r) => r.size);
    const { rows } = await one.pool.query<{ size: number }>(
      'SELECT size FROM checkpoint_order ORDER BY seq',
    );
    const order = rows.map((r) => Number(r.size));
    // Each stored one was larger than every one stored before it.
    for (let i = 1; i < order.length; i += 1) expect(order[i]).toBeGreaterThan(order[i - 1]!);
    expect(order).toEqual([...stored].sort((x, y) => x - y));
    expect(stored).toContain(300);
    expect(new Set(stored).size).toBe(stored.length);
    expect(await one.latestCheckpoint()).toEqual(checkpoint(300));
    expect(await two.latestCheckpoint()).toEqual(checkpoint(300));
    for (const size of stored) expect(await two.getCheckpoint(size)).toEqual(checkpoint(size));
    expect(await one.storeCheckpoint(checkpoint(300))).toBe('stale');
  });

  it('a node that dies mid-append leaves nothing behind, and the append waiting on it goes on', async () => {
    await one.appendLog([entry(), entry(), entry()]);
    // A third connection plays the node that dies: it appends two entries in a transaction it
    // never commits, holding the end of the log.
    const dyingNode = new PgDatabase(url, { poolSize: 1 });
    const dying = await dyingNode.pool.connect();
    dying.on('error', () => undefined); // its end, below, is the point
    const { rows } = await dying.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = rows[0]!.pid;
    await dying.query('BEGIN');
    const lost = await appendEntries(clientSql(dying), [entry(), entry()]);
    expect(lost.map((r) => r.index)).toEqual([3, 4]);

    // Node two's append waits for the lock on the end of the log …
    const waiting = entry();
    const appended = two.appendLog([waiting]);
    await waitFor(async () => {
      const blocked = await one.pool.query(
        `SELECT 1 FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return blocked.rowCount! > 0;
    });
    // … until the dying node's connection goes (a crash, a cut cable): its transaction rolls back.
    await one.pool.query('SELECT pg_terminate_backend($1)', [pid]);
    dying.release(true);
    await dyingNode.close();

    expect(await appended).toEqual([{ ...waiting, index: 3 }]);
    expect(await one.logSize()).toBe(4);
    expect((await one.getLogEntries([3, 4])).map((r) => r.leaf)).toEqual([waiting.leaf]);
    await expect(one.getLogNodes([{ level: 0, index: 4 }])).rejects.toThrow();
    const leaves = (await one.getLogEntries([0, 1, 2, 3])).map((r) => leafHash(r.leaf));
    const [root] = await one.getLogNodes([{ level: 2, index: 0 }]);
    expect(hex(root!)).toBe(hex(treeHead(leaves)));
  });
});

/** Polls `condition` until it holds (no fixed sleeps: a short pause between polls). */
async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
