import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WriteQueue } from './write-queue.js';

describe('WriteQueue (group commit)', () => {
  let dir: string;
  let db: Database.Database;
  let queue: WriteQueue;
  const rows = () => db.prepare('SELECT x FROM t ORDER BY x').pluck().all();

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-wq-'));
    db = new Database(path.join(dir, 'q.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
    queue = new WriteQueue(db);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('commits writes that arrive together in one transaction, and settles only after it', async () => {
    const insert = (x: number) =>
      queue.run(() => db.prepare('INSERT INTO t VALUES (?)').run(x).changes);
    const settled: number[] = [];
    const all = [1, 2, 3, 4, 5].map((x) => insert(x).then(() => settled.push(x)));
    // Nothing runs or settles before the batch: the caller has not been acknowledged yet.
    expect(rows()).toEqual([]);
    expect(settled).toEqual([]);
    await Promise.all(all);
    expect(rows()).toEqual([1, 2, 3, 4, 5]);
    expect(queue.stats).toMatchObject({ batches: 1, writes: 5, largestBatch: 5 });
  });

  it('rolls back a failing write alone; the others in its batch commit', async () => {
    const ok = queue.run(() => db.prepare('INSERT INTO t VALUES (1)').run());
    const failing = queue.run(() => {
      db.prepare('INSERT INTO t VALUES (2)').run();
      throw new Error('refused');
    });
    const duplicate = queue.run(() => db.prepare('INSERT INTO t VALUES (1)').run());
    const ok3 = queue.run(() => db.prepare('INSERT INTO t VALUES (3)').run());
    await expect(ok).resolves.toBeDefined();
    await expect(failing).rejects.toThrow('refused');
    await expect(duplicate).rejects.toThrow(/UNIQUE/);
    await expect(ok3).resolves.toBeDefined();
    expect(rows()).toEqual([1, 3]);
  });

  it('acknowledges nothing in a batch whose transaction SQLite aborted', async () => {
    const before = queue.run(() => db.prepare('INSERT INTO t VALUES (1)').run());
    // Stands in for SQLITE_FULL / SQLITE_IOERR, after which SQLite rolls the whole transaction back.
    const abort = queue.run(() => db.exec('ROLLBACK'));
    const after = queue.run(() => db.prepare('INSERT INTO t VALUES (2)').run());
    await expect(before).rejects.toBeDefined();
    await expect(abort).rejects.toBeDefined();
    await expect(after).rejects.toBeDefined();
    expect(rows()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    // The queue keeps working afterwards.
    await queue.run(() => db.prepare('INSERT INTO t VALUES (9)').run());
    expect(rows()).toEqual([9]);
  });
});
