import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  LogIntegrityError,
  type LogAppend,
  type LogCheckpointRecord,
  type LogEntryFilter,
  type LogEntryRecord,
  type LogNodeKey,
} from '../ports.js';
import { toBuffer } from './sqlite-helpers.js';
import { type EntryRow, type CheckpointRow, toEntry, toCheckpoint } from '../rows.js';

/**
 * The access log in SQLite (DESIGN §5): entries (the Merkle leaves, with a few columns to find a
 * resident's), the hash of every complete subtree (RFC 6962 §2.1; level 0 = leaf hashes), and the
 * signed checkpoints. Appending leaf i stores its leaf hash and the hash of every subtree it
 * completes — on average two rows — so proofs and tiles read O(log n) stored hashes and never
 * recompute the tree. SHA-256 comes from node:crypto here; the access-log module checks the stored
 * tree with crypto/'s independent implementation before it signs a checkpoint.
 */

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

const leafHash = (leaf: Uint8Array): Buffer =>
  createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer =>
  createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();

export function logSize(db: Database.Database): number {
  return db.prepare('SELECT COALESCE(MAX(idx) + 1, 0) FROM log_entries').pluck().get() as number;
}

/** Appends entries in order inside the caller's transaction (or savepoint). */
export function appendEntries(
  db: Database.Database,
  entries: readonly LogAppend[],
): LogEntryRecord[] {
  const insertEntry = db.prepare(
    `INSERT INTO log_entries (idx, resident_id, at, actor_kind, actor_id, action, document_id, leaf)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertNode = db.prepare('INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)');
  const selectNode = db.prepare('SELECT hash FROM log_nodes WHERE level = ? AND idx = ?').pluck();
  let next = logSize(db);
  const appended: LogEntryRecord[] = [];
  for (const entry of entries) {
    const index = next;
    next += 1;
    insertEntry.run(
      index,
      entry.residentId,
      entry.at.getTime(),
      entry.actorKind,
      entry.actorId,
      entry.action,
      entry.documentId,
      toBuffer(entry.leaf),
    );
    let hash = leafHash(entry.leaf);
    insertNode.run(0, index, hash);
    // Leaf `index` completes the subtree at each level while it is a right child.
    for (let level = 0, i = index; i % 2 === 1; level += 1, i = (i - 1) / 2) {
      const left = selectNode.get(level, i - 1) as Buffer | undefined;
      if (left === undefined)
        throw new LogIntegrityError(`access log: node ${level}/${i - 1} is missing`);
      hash = nodeHash(left, hash);
      insertNode.run(level + 1, (i - 1) / 2, hash);
    }
    appended.push({
      ...entry,
      index,
      at: new Date(entry.at.getTime()),
      leaf: new Uint8Array(entry.leaf),
    });
  }
  return appended;
}

export function getNodes(db: Database.Database, keys: readonly LogNodeKey[]): Uint8Array[] {
  const select = db.prepare('SELECT hash FROM log_nodes WHERE level = ? AND idx = ?').pluck();
  return keys.map(({ level, index }) => {
    const hash = select.get(level, index) as Buffer | undefined;
    if (hash === undefined)
      throw new LogIntegrityError(`access log: node ${level}/${index} is missing`);
    return new Uint8Array(hash);
  });
}

export function getNodeRange(
  db: Database.Database,
  level: number,
  fromIndex: number,
  count: number,
): Uint8Array[] {
  const rows = db
    .prepare('SELECT hash FROM log_nodes WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx')
    .pluck()
    .all(level, fromIndex, fromIndex + count) as Buffer[];
  return rows.map((hash) => new Uint8Array(hash));
}

export function listEntries(
  db: Database.Database,
  residentId: string,
  filter: LogEntryFilter,
  limit: number,
): LogEntryRecord[] {
  const where = ['resident_id = ?'];
  const args: (string | number)[] = [residentId];
  const add = (clause: string, value: string | number | undefined) => {
    if (value === undefined) return;
    where.push(clause);
    args.push(value);
  };
  add('actor_kind = ?', filter.actorKind);
  add('actor_id = ?', filter.actorId);
  add('action = ?', filter.action);
  add('document_id = ?', filter.documentId);
  add('at >= ?', filter.from?.getTime());
  add('at < ?', filter.to?.getTime());
  add('idx < ?', filter.beforeIndex);
  const rows = db
    .prepare(`SELECT * FROM log_entries WHERE ${where.join(' AND ')} ORDER BY idx DESC LIMIT ?`)
    .all(...args, limit) as EntryRow[];
  return rows.map(toEntry);
}

export function getEntries(db: Database.Database, indexes: readonly number[]): LogEntryRecord[] {
  const select = db.prepare('SELECT * FROM log_entries WHERE idx = ?');
  const found: LogEntryRecord[] = [];
  for (const index of indexes) {
    const row = select.get(index) as EntryRow | undefined;
    if (row) found.push(toEntry(row));
  }
  return found;
}

export function storeCheckpoint(
  db: Database.Database,
  checkpoint: LogCheckpointRecord,
): 'stored' | 'stale' {
  const largest = db.prepare('SELECT MAX(size) FROM log_checkpoints').pluck().get() as
    number | null;
  if (largest !== null && checkpoint.size <= largest) return 'stale';
  db.prepare('INSERT INTO log_checkpoints (size, root, note, created_at) VALUES (?, ?, ?, ?)').run(
    checkpoint.size,
    toBuffer(checkpoint.rootHash),
    checkpoint.note,
    checkpoint.createdAt.getTime(),
  );
  return 'stored';
}

export function latestCheckpoint(db: Database.Database): LogCheckpointRecord | null {
  const row = db.prepare('SELECT * FROM log_checkpoints ORDER BY size DESC LIMIT 1').get() as
    CheckpointRow | undefined;
  return row ? toCheckpoint(row) : null;
}

export function getCheckpoint(db: Database.Database, size: number): LogCheckpointRecord | null {
  const row = db.prepare('SELECT * FROM log_checkpoints WHERE size = ?').get(size) as
    CheckpointRow | undefined;
  return row ? toCheckpoint(row) : null;
}
