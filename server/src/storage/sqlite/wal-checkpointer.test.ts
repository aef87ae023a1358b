import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, PAGE_SIZE } from './open-database.js';
import { SqliteStorage } from './sqlite-storage.js';
import { WalCheckpointer } from './wal-checkpointer.js';

describe('WalCheckpointer (WAL checkpoints on a worker thread)', () => {
  let dir: string;
  let file: string;
  let db: Database.Database;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-ckpt-'));
    file = path.join(dir, 'c.sqlite');
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // The writer never checkpoints on its own here: whatever reaches the main file was copied by
    // the worker thread.
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
  });
  afterEach(() => {
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const insertMiB = (from: number) =>
    db.transaction(() => {
      for (let i = from; i < from + 16; i++) {
        db.prepare('INSERT INTO t VALUES (?, ?)').run(i, Buffer.alloc(64 * 1024, i));
      }
    })();

  it('copies committed pages into the database file from its own thread', async () => {
    const checkpointer = new WalCheckpointer(file, (error) => {
      throw error;
    });
    insertMiB(0);
    const before = fs.statSync(file).size;
    expect(before).toBeLessThan(64 * 1024); // the data is only in the WAL so far
    checkpointer.nudge();
    await checkpointer.idle();
    expect(checkpointer.stats.error).toBeNull();
    expect(checkpointer.stats.checkpoints).toBe(1);
    expect(checkpointer.stats.framesCopied).toBeGreaterThan(0);
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(16 * 64 * 1024);

    // Nudges while one runs are coalesced into one more, paced; the data stays whole.
    insertMiB(16);
    checkpointer.nudge();
    insertMiB(32);
    checkpointer.nudge();
    checkpointer.nudge();
    await checkpointer.idle();
    await checkpointer.stop();
    expect(checkpointer.stats.checkpoints).toBeGreaterThanOrEqual(2);
    expect(checkpointer.stats.checkpoints).toBeLessThanOrEqual(3);
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(48 * 64 * 1024);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(48);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('truncate() copies every frame and empties the -wal file, after a checkpoint already running', async () => {
    const checkpointer = new WalCheckpointer(file, (error) => {
      throw error;
    });
    insertMiB(0);
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(16 * 64 * 1024);
    checkpointer.nudge(); // a PASSIVE one first: truncate() queues behind it on the thread
    expect(await checkpointer.truncate()).toBe(true);
    expect(fs.statSync(`${file}-wal`).size).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(16 * 64 * 1024);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(16);

    // A reader holding an old snapshot keeps it from completing: false, not a hang.
    insertMiB(16);
    const reader = new Database(file, { readonly: true });
    reader.pragma('busy_timeout = 0');
    const snapshot = reader.prepare('SELECT data FROM t');
    const rows = snapshot.iterate();
    rows.next(); // an open read transaction
    insertMiB(32);
    expect(await checkpointer.truncate()).toBe(false);
    rows.return?.();
    reader.close();
    expect(await checkpointer.truncate()).toBe(true);
    expect(fs.statSync(`${file}-wal`).size).toBe(0);

    await checkpointer.stop();
    expect(await checkpointer.truncate()).toBeNull();
    expect(checkpointer.stats.error).toBeNull();
  });

  it('stops cleanly and ignores nudges afterwards', async () => {
    const checkpointer = new WalCheckpointer(file, (error) => {
      throw error;
    });
    insertMiB(0);
    checkpointer.nudge();
    await checkpointer.stop();
    const done = checkpointer.stats.checkpoints;
    checkpointer.nudge();
    await checkpointer.idle();
    expect(checkpointer.stats.checkpoints).toBe(done);
  });

  it('reports a thread that cannot open the database once, and then stays out of the way', async () => {
    const failures: unknown[] = [];
    const missing = path.join(dir, 'missing.sqlite');
    const checkpointer = new WalCheckpointer(missing, (error) => failures.push(error));
    const failed = new Promise<void>((resolve) => {
      const poll = () => (failures.length > 0 ? resolve() : setImmediate(poll));
      poll();
    });
    checkpointer.nudge();
    await failed;
    await checkpointer.idle();
    checkpointer.nudge();
    await checkpointer.stop();
    expect(failures).toHaveLength(1);
    expect(checkpointer.stats.error).toMatch(/unable to open|does not exist|missing/i);
    expect(checkpointer.stats.checkpoints).toBe(0);
    expect(fs.existsSync(missing)).toBe(false); // it never creates a database
  });
});

describe('SqliteStorage and the checkpoint thread', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-ckpt-storage-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps the writer’s own automatic checkpoint as a backstop, and 16 KiB pages for new files', async () => {
    const file = path.join(dir, 'vault.sqlite');
    const storage = SqliteStorage.open(file);
    const probe = new Database(file, { readonly: true });
    try {
      expect(probe.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
      expect(storage.checkpointStats).toEqual({
        checkpoints: 0,
        framesCopied: 0,
        transientFailures: 0,
        error: null,
      });
    } finally {
      probe.close();
      await storage.close();
    }
    // The backstop is a property of the writer's connection: read it back on one set up the same way.
    const db = openDatabase(file);
    try {
      const backstop = new SqliteStorage(db);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(
        WalCheckpointer.BACKSTOP_PAGES,
      );
      await backstop.close();
    } finally {
      if (db.open) db.close();
    }
  });

  it('tells the composition root when the thread fails, and the writer checkpoints itself again', async () => {
    const file = path.join(dir, 'vault.sqlite');
    const db = openDatabase(file);
    const failures: unknown[] = [];
    const storage = new SqliteStorage(db, {
      onCheckpointThreadFailure: (error) => failures.push(error),
    });
    // The thread opens the file by name; moved away, it cannot, while the writer keeps its handle.
    fs.renameSync(file, path.join(dir, 'moved.sqlite'));
    await storage.saveChallenge({
      challenge: 'c-1',
      purpose: 'passkey.sign-in',
      residentId: null,
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
    });
    await storage.checkpointsIdle();
    expect(failures).toHaveLength(1);
    expect(storage.checkpointStats?.error).toBeTruthy();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WalCheckpointer.DEFAULT_PAGES);
    // Writes still commit.
    expect(await storage.takeChallenge('c-1', 'passkey.sign-in', new Date())).not.toBeNull();
    await storage.close();
  });

  it('runs no thread for an in-memory database', async () => {
    const storage = new SqliteStorage(new Database(':memory:'));
    expect(storage.checkpointStats).toBeNull();
    await storage.close();
  });

  it('opens an existing database with 4 KiB pages as it is', async () => {
    const file = path.join(dir, 'old.sqlite');
    const old = new Database(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE kept (x INTEGER)');
    old.close();
    const db = openDatabase(file);
    try {
      expect(db.pragma('page_size', { simple: true })).toBe(4096);
      expect(
        db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'kept'").pluck().get(),
      ).toBe(1);
    } finally {
      db.close();
    }
  });
});
