import { Writable } from 'node:stream';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResidentEvent } from '../../server/src/contracts/index.js';
import { createLogger } from '../../server/src/logger.js';
import {
  createPgNotifier,
  MAX_NOTIFY_BYTES,
  type PgNotifier,
} from '../../server/src/modules/notifications/pg-notifier.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

/**
 * The PostgreSQL notifier (issue 7): two vault nodes on one real database, each with its own
 * notifier, its own pool for publishing and its own listening connection.
 */

let database: TestDatabase;
const opened: { close(): Promise<unknown> }[] = [];

beforeEach(async () => {
  database = await createTestDatabase({ migrated: false });
});

afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
  await database.drop();
});

/** What a node's logger wrote, as parsed lines. */
function captureLog() {
  const lines: { msg: string; [k: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as { msg: string });
      }
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

/** A node: a pool of one connection (so its notices leave in the order published) and a notifier. */
async function node(): Promise<{ notifier: PgNotifier; log: ReturnType<typeof captureLog> }> {
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  pool.on('error', () => undefined);
  opened.push({ close: () => pool.end() });
  const log = captureLog();
  const notifier = await createPgNotifier({
    connectionString: database.url,
    pool,
    logger: log.logger,
    reconnect: { minMs: 20, maxMs: 200 },
  });
  opened.push(notifier);
  return { notifier, log };
}

/** Resolves when `condition` holds, checking every 10 ms; fails after 10 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const created = (requestId: string): ResidentEvent => ({ type: 'request.created', requestId });

describe('PgNotifier: live events across nodes through LISTEN/NOTIFY', () => {
  it('delivers an event published on one node to a subscriber on the other, and once on its own node', async () => {
    const a = await node();
    const b = await node();
    const onA: ResidentEvent[] = [];
    const onB: ResidentEvent[] = [];
    const otherResident: ResidentEvent[] = [];
    a.notifier.subscribe('resident-1', (e) => onA.push(e));
    b.notifier.subscribe('resident-1', (e) => onB.push(e));
    b.notifier.subscribe('resident-2', (e) => otherResident.push(e));

    a.notifier.publish('resident-1', created('req-1'));
    expect(onA).toEqual([created('req-1')]); // this node's pages at once, not after a round trip
    await until(() => onB.length === 1, 'the event on node B');
    expect(onB).toEqual([created('req-1')]);

    // Node A's own notice comes back on its channel before this one does: A must not deliver
    // req-1 a second time.
    b.notifier.publish('resident-1', created('req-2'));
    await until(() => onA.length === 2, 'the second event on node A');
    expect(onA).toEqual([created('req-1'), created('req-2')]);
    expect(onB).toEqual([created('req-1'), created('req-2')]);
    expect(otherResident).toEqual([]);
  });

  it('stops delivering to a subscriber once it unsubscribes', async () => {
    const a = await node();
    const b = await node();
    const gone: ResidentEvent[] = [];
    const kept: ResidentEvent[] = [];
    const unsubscribe = b.notifier.subscribe('resident-1', (e) => gone.push(e));
    b.notifier.subscribe('resident-2', (e) => kept.push(e));
    expect(b.notifier.subscriberCount()).toBe(2);
    unsubscribe();
    unsubscribe(); // twice is harmless
    expect(b.notifier.subscriberCount()).toBe(1);

    // Same pool connection, so resident-1's notice is delivered before resident-2's.
    a.notifier.publish('resident-1', created('req-1'));
    a.notifier.publish('resident-2', created('req-2'));
    await until(() => kept.length === 1, 'the event for resident-2');
    expect(gone).toEqual([]);
  });

  it('reconnects and listens again after its listening connection is terminated', async () => {
    const a = await node();
    const b = await node();
    const onB: ResidentEvent[] = [];
    b.notifier.subscribe('resident-1', (e) => onB.push(e));
    const before = b.notifier.listenerPid;
    expect(before).not.toBeNull();

    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ terminated: boolean }>(
        'SELECT pg_terminate_backend($1) AS terminated',
        [before],
      );
      expect(rows[0]!.terminated).toBe(true);
    } finally {
      await admin.end();
    }
    await until(
      () => b.notifier.listenerPid !== null && b.notifier.listenerPid !== before,
      'node B to listen on a new connection',
    );
    expect(b.log.lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('the listening connection dropped'),
        'live events: listening again',
      ]),
    );

    a.notifier.publish('resident-1', created('after-reconnect'));
    await until(() => onB.length === 1, 'the event after reconnection');
    expect(onB).toEqual([created('after-reconnect')]);
  });

  it('keeps an event too large for NOTIFY on its own node, says so, and sends the next one', async () => {
    const a = await node();
    const b = await node();
    const onA: ResidentEvent[] = [];
    const onB: ResidentEvent[] = [];
    a.notifier.subscribe('resident-1', (e) => onA.push(e));
    b.notifier.subscribe('resident-1', (e) => onB.push(e));
    const huge: ResidentEvent = {
      type: 'document.deposited',
      documentId: 'doc-1',
      service: { id: 'svc', name: { en: 'x'.repeat(MAX_NOTIFY_BYTES), it: 'y' } },
    };

    a.notifier.publish('resident-1', huge);
    a.notifier.publish('resident-1', created('small'));
    await until(() => onB.length === 1, 'the small event on node B');
    expect(onB).toEqual([created('small')]);
    expect(onA).toEqual([huge, created('small')]);
    const warning = a.log.lines.find((l) => l.msg.startsWith('live event too large'));
    expect(warning).toMatchObject({ type: 'document.deposited', limit: MAX_NOTIFY_BYTES });
    expect(JSON.stringify(a.log.lines)).not.toContain('x'.repeat(100));
  });

  it('never throws into the publisher when the database cannot take the notice', async () => {
    const log = captureLog();
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const notifier = await createPgNotifier({
      connectionString: database.url,
      pool,
      logger: log.logger,
    });
    opened.push(notifier);
    await pool.end(); // every later query fails
    const local: ResidentEvent[] = [];
    notifier.subscribe('resident-1', (e) => local.push(e));
    expect(() => notifier.publish('resident-1', created('req-1'))).not.toThrow();
    expect(local).toEqual([created('req-1')]);
    await until(
      () => log.lines.some((l) => l.msg === 'live event not sent to the other nodes'),
      'the warning',
    );
  });

  it('after close, listens no more and does not reconnect', async () => {
    const a = await node();
    const b = await node();
    const onB: ResidentEvent[] = [];
    b.notifier.subscribe('resident-1', (e) => onB.push(e));
    await b.notifier.close();
    expect(b.notifier.listening).toBe(false);
    expect(b.notifier.listenerPid).toBeNull();

    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      // The only listener left on the database is node A's (a closed backend may take a moment
      // to leave pg_stat_activity).
      let listeners = -1;
      const count = async () => {
        const { rows } = await admin.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'citizen-vault-notifier' AND datname = current_database()",
        );
        listeners = rows[0]!.n;
      };
      await count();
      const deadline = Date.now() + 10_000;
      while (listeners !== 1 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        await count();
      }
      expect(listeners).toBe(1);
    } finally {
      await admin.end();
    }
    const onA: ResidentEvent[] = [];
    a.notifier.subscribe('resident-1', (e) => onA.push(e));
    a.notifier.publish('resident-1', created('req-1'));
    expect(onA).toHaveLength(1);
    expect(onB).toEqual([]);
    expect(b.log.lines.map((l) => l.msg)).not.toContain('live events: listening again');
  });
});
