import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageFullError } from '../ports.js';
import { asStorageFull } from './storage-full.js';
import { WriteQueue } from './write-queue.js';

describe('a full disk, as SQLite reports it', () => {
  let dir: string;
  let db: Database.Database;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-full-'));
    db = new Database(path.join(dir, 'full.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x BLOB)');
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A real SQLITE_FULL: the database may not grow past the pages it has. */
  function capAtCurrentSize(): void {
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 1}`);
  }

  it('maps SQLITE_FULL to StorageFullError; an I/O error with room on the disk, or any other error, stays as it is', () => {
    capAtCurrentSize();
    let thrown: unknown;
    try {
      db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(200_000));
    } catch (error) {
      thrown = error;
    }
    expect((thrown as { code?: string }).code).toBe('SQLITE_FULL');
    const mapped = asStorageFull(thrown, dir);
    expect(mapped).toBeInstanceOf(StorageFullError);
    expect(mapped?.cause).toBe(thrown);
    // This temporary directory has room: an I/O error here is not a full disk.
    expect(
      asStorageFull(
        Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_FSYNC' }),
        dir,
      ),
    ).toBeNull();
    expect(
      asStorageFull(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }), dir),
    ).toBeNull();
    expect(asStorageFull(new Error('no code'), dir)).toBeNull();
  });

  it('the write queue fails only the writes that did not fit, and commits again once there is room', async () => {
    const queue = new WriteQueue(db);
    const rows = () => db.prepare('SELECT COUNT(*) FROM t').pluck().get();
    await queue.run(() => db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(10)));
    capAtCurrentSize();
    const tooBig = queue.run(() =>
      db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(500_000)),
    );
    await expect(tooBig).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    expect(db.inTransaction).toBe(false);
    expect(rows()).toBe(1);
    // Room again: the next batch commits.
    db.pragma('max_page_count = 1000000');
    await queue.run(() => db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(500_000)));
    expect(rows()).toBe(2);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
