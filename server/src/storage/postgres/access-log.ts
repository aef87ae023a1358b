import { createHash } from 'node:crypto';
import {
  LogIntegrityError,
  type LogActorKind,
  type LogAppend,
  type LogCheckpointRecord,
  type LogEntryFilter,
  type LogEntryRecord,
  type LogNodeKey,
} from '../ports.js';
import { bytea, fromBytea, type Sql } from './pg-database.js';

/**
 * The access log in PostgreSQL (DESIGN §5, §8): the same entries, subtree hashes (RFC 6962 §2.1;
 * level 0 = leaf hashes) and signed checkpoints as SQLite's (sqlite/access-log.ts), for several
 * nodes appending at once. SQLite has one writer; here the one row of `log_head` (the log's size)
 * is what serialises appends: each locks it until its transaction commits, so appends from every
 * node take consecutive indexes in commit order — none lost, none reordered — and the subtree
 * hashes an append reads were written by the appends committed before it.
 */

interface EntryRow {
  idx: number;
  resident_id: string;
  at: number;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  document_id: string | null;
  leaf: Buffer;
}

interface CheckpointRow {
  size: number;
  root: Buffer;
  note: string;
  created_at: number;
}

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

const leafHash = (leaf: Uint8Array): Buffer =>
  createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer =>
  createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();

const ENTRY_COLUMNS = 'idx, resident_id, at, actor_kind, actor_id, action, document_id, leaf';

const toEntry = (r: EntryRow): LogEntryRecord => ({
  index: r.idx,
  residentId: r.resident_id,
  at: new Date(r.at),
  actorKind: r.actor_kind as LogActorKind,
  actorId: r.actor_id,
  action: r.action,
  documentId: r.document_id,
  leaf: fromBytea(r.leaf),
});

const toCheckpoint = (r: CheckpointRow): LogCheckpointRecord => ({
  size: r.size,
  rootHash: fromBytea(r.root),
  note: r.note,
  createdAt: new Date(r.created_at),
});

const nodeKey = (level: number, index: number): string => `${level}/${index}`;

export async function logSize(sql: Sql): Promise<number> {
  const [row] = await sql.rows<{ size: number }>('SELECT size FROM log_head WHERE id = 1');
  if (row === undefined) throw new LogIntegrityError('access log: log_head is missing');
  return row.size;
}

/**
 * The stored subtrees an append of leaves `size`…`size + count - 1` hashes with: each new leaf
 * completes the subtree at every level while it is a right child, and a left sibling that ends
 * before `size` was stored by an earlier append (the others this append makes itself). At most one
 * per level: the complete subtrees on the right edge of the tree of `size` leaves.
 */
function storedSiblings(size: number, count: number): LogNodeKey[] {
  const keys = new Map<string, LogNodeKey>();
  for (let index = size; index < size + count; index += 1) {
    for (let level = 0, i = index; i % 2 === 1; level += 1, i = (i - 1) / 2) {
      if (i * 2 ** level <= size) keys.set(nodeKey(level, i - 1), { level, index: i - 1 });
    }
  }
  return [...keys.values()];
}

/**
 * Appends entries in order inside the caller's transaction. Locking `log_head` first makes every
 * other append (from this node or another) wait until this transaction ends; the size read under
 * the lock is then the committed end of the log. Four round trips whatever the batch: the lock, the
 * stored siblings, the rows, the new size.
 */
export async function appendEntries(
  sql: Sql,
  entries: readonly LogAppend[],
): Promise<LogEntryRecord[]> {
  if (entries.length === 0) return [];
  const [head] = await sql.rows<{ size: number }>(
    'SELECT size FROM log_head WHERE id = 1 FOR UPDATE',
  );
  if (head === undefined) throw new LogIntegrityError('access log: log_head is missing');
  const size = head.size;

  const nodes = new Map<string, Uint8Array>();
  const wanted = storedSiblings(size, entries.length);
  const found = await getNodes(sql, wanted);
  wanted.forEach(({ level, index }, i) => nodes.set(nodeKey(level, index), found[i]!));

  const newNodes: { level: number; index: number; hash: Buffer }[] = [];
  const appended: LogEntryRecord[] = entries.map((entry, k) => {
    const index = size + k;
    let hash = leafHash(entry.leaf);
    newNodes.push({ level: 0, index, hash });
    nodes.set(nodeKey(0, index), hash);
    // Leaf `index` completes the subtree at each level while it is a right child.
    for (let level = 0, i = index; i % 2 === 1; level += 1, i = (i - 1) / 2) {
      const left = nodes.get(nodeKey(level, i - 1));
      if (left === undefined)
        throw new LogIntegrityError(`access log: node ${level}/${i - 1} is missing`);
      hash = nodeHash(left, hash);
      const parent = (i - 1) / 2;
      newNodes.push({ level: level + 1, index: parent, hash });
      nodes.set(nodeKey(level + 1, parent), hash);
    }
    return { ...entry, index, at: new Date(entry.at.getTime()), leaf: new Uint8Array(entry.leaf) };
  });

  await sql.run(
    `INSERT INTO log_entries (${ENTRY_COLUMNS})
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[],
                          $6::text[], $7::text[], $8::bytea[])`,
    [
      appended.map((e) => e.index),
      appended.map((e) => e.residentId),
      appended.map((e) => e.at.getTime()),
      appended.map((e) => e.actorKind),
      appended.map((e) => e.actorId),
      appended.map((e) => e.action),
      appended.map((e) => e.documentId),
      appended.map((e) => bytea(e.leaf)),
    ],
  );
  await sql.run(
    `INSERT INTO log_nodes (level, idx, hash)
     SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`,
    [newNodes.map((n) => n.level), newNodes.map((n) => n.index), newNodes.map((n) => n.hash)],
  );
  await sql.run('UPDATE log_head SET size = $1 WHERE id = 1', [size + entries.length]);
  return appended;
}

/** One query for all keys, answered in the order asked; any key not stored throws. */
export async function getNodes(sql: Sql, keys: readonly LogNodeKey[]): Promise<Uint8Array[]> {
  if (keys.length === 0) return [];
  // Levels as int[], not smallint[]: a nonsense level is then simply not found.
  const rows = await sql.rows<{ level: number; idx: number; hash: Buffer | null }>(
    `SELECT k.level, k.idx, n.hash
       FROM unnest($1::int[], $2::bigint[]) WITH ORDINALITY AS k(level, idx, ord)
       LEFT JOIN log_nodes n ON n.level = k.level AND n.idx = k.idx
      ORDER BY k.ord`,
    [keys.map((k) => k.level), keys.map((k) => k.index)],
  );
  return rows.map(({ level, idx, hash }) => {
    if (hash === null) throw new LogIntegrityError(`access log: node ${level}/${idx} is missing`);
    return fromBytea(hash);
  });
}

export async function getNodeRange(
  sql: Sql,
  level: number,
  fromIndex: number,
  count: number,
): Promise<Uint8Array[]> {
  const rows = await sql.rows<{ hash: Buffer }>(
    'SELECT hash FROM log_nodes WHERE level = $1 AND idx >= $2 AND idx < $3 ORDER BY idx',
    [level, fromIndex, fromIndex + count],
  );
  return rows.map((r) => fromBytea(r.hash));
}

/** Newest first along the (resident_id, idx) index; `beforeIndex` pages backwards. */
export async function listEntries(
  sql: Sql,
  residentId: string,
  filter: LogEntryFilter,
  limit: number,
): Promise<LogEntryRecord[]> {
  const where = ['resident_id = $1'];
  const values: (string | number)[] = [residentId];
  const add = (column: string, operator: string, value: string | number | undefined) => {
    if (value === undefined) return;
    values.push(value);
    where.push(`${column} ${operator} $${values.length}`);
  };
  add('actor_kind', '=', filter.actorKind);
  add('actor_id', '=', filter.actorId);
  add('action', '=', filter.action);
  add('document_id', '=', filter.documentId);
  add('at', '>=', filter.from?.getTime());
  add('at', '<', filter.to?.getTime());
  add('idx', '<', filter.beforeIndex);
  values.push(limit);
  const rows = await sql.rows<EntryRow>(
    `SELECT ${ENTRY_COLUMNS} FROM log_entries WHERE ${where.join(' AND ')}
      ORDER BY idx DESC LIMIT $${values.length}`,
    values,
  );
  return rows.map(toEntry);
}

/** The entries in the order asked; missing ones are left out. */
export async function getEntries(sql: Sql, indexes: readonly number[]): Promise<LogEntryRecord[]> {
  if (indexes.length === 0) return [];
  const rows = await sql.rows<EntryRow>(
    `SELECT e.*
       FROM unnest($1::bigint[]) WITH ORDINALITY AS k(idx, ord)
       JOIN log_entries e ON e.idx = k.idx
      ORDER BY k.ord`,
    [indexes],
  );
  return rows.map(toEntry);
}

/**
 * Stores a checkpoint if it is larger than every stored one, inside the caller's transaction. Two
 * nodes storing at once could both read the same largest size and both insert: the table lock
 * (SHARE ROW EXCLUSIVE conflicts with itself and with inserts, not with reads) makes the
 * compare-and-insert one step across nodes, without holding up appends as a lock on log_head would.
 */
export async function storeCheckpoint(
  sql: Sql,
  checkpoint: LogCheckpointRecord,
): Promise<'stored' | 'stale'> {
  await sql.run('LOCK TABLE log_checkpoints IN SHARE ROW EXCLUSIVE MODE');
  const [largest] = await sql.rows<{ size: number }>(
    'SELECT size FROM log_checkpoints ORDER BY size DESC LIMIT 1',
  );
  if (largest !== undefined && checkpoint.size <= largest.size) return 'stale';
  await sql.run(
    'INSERT INTO log_checkpoints (size, root, note, created_at) VALUES ($1, $2, $3, $4)',
    [checkpoint.size, bytea(checkpoint.rootHash), checkpoint.note, checkpoint.createdAt.getTime()],
  );
  return 'stored';
}

export async function latestCheckpoint(sql: Sql): Promise<LogCheckpointRecord | null> {
  const [row] = await sql.rows<CheckpointRow>(
    'SELECT size, root, note, created_at FROM log_checkpoints ORDER BY size DESC LIMIT 1',
  );
  return row === undefined ? null : toCheckpoint(row);
}

export async function getCheckpoint(sql: Sql, size: number): Promise<LogCheckpointRecord | null> {
  const [row] = await sql.rows<CheckpointRow>(
    'SELECT size, root, note, created_at FROM log_checkpoints WHERE size = $1',
    [size],
  );
  return row === undefined ? null : toCheckpoint(row);
}
