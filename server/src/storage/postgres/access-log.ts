import {
  LogIntegrityError,
  type LogAppend,
  type LogCheckpointRecord,
  type LogEntryFilter,
  type LogEntryRecord,
  type LogNodeKey,
} from '../ports.js';
import { bytea, fromBytea, type Sql } from './pg-database.js';
import { type EntryRow, type CheckpointRow, toEntry, toCheckpoint } from '../rows.js';

/**
 * The access log in PostgreSQL (DESIGN §5, §8): the same entries, subtree hashes (RFC 6962 §2.1;
 * level 0 = leaf hashes) and signed checkpoints as SQLite's (sqlite/access-log.ts), for several
 * nodes appending at once. SQLite has one writer; here the one row of `log_head` (the log's size)
 * is what serialises appends: each locks it until its transaction commits, so appends from every
 * node take consecutive indexes in commit order — none lost, none reordered — and the subtree
 * hashes an append reads were written by the appends committed before it.
 */

const ENTRY_COLUMNS = 'idx, resident_id, at, actor_kind, actor_id, action, document_id, leaf';

export async function logSize(sql: Sql): Promise<number> {
  const [row] = await sql.rows<{ size: number }>('SELECT size FROM log_head WHERE id = 1');
  if (row === undefined) throw new LogIntegrityError('access log: log_head is missing');
  return row.size;
}

/**
 * Appends entries in order inside the caller's transaction. Locking `log_head` first makes every
 * other append (from this node or another) wait until this transaction ends; the size read under
 * the lock is then the committed end of the log. The hashes are computed by PostgreSQL's sha256():
 * the access-log module checks the stored tree with crypto/'s own implementation before it signs.
 */
export async function appendEntries(
  sql: Sql,
  entries: readonly LogAppend[],
): Promise<LogEntryRecord[]> {
  if (entries.length === 0) return [];
  // One round trip (migration 10's cv_log_append): lock log_head FOR UPDATE, which sequences the
  // appends of every node in commit order; insert the entries, their leaf hashes and every
  // subtree hash they complete; move the size.
  let start: number;
  try {
    const [row] = await sql.rows<{ start: number }>(
      'SELECT cv_log_append($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bytea[]) AS start',
      [
        entries.map((e) => e.residentId),
        entries.map((e) => e.at.getTime()),
        entries.map((e) => e.actorKind),
        entries.map((e) => e.actorId),
        entries.map((e) => e.action),
        entries.map((e) => e.documentId),
        entries.map((e) => bytea(e.leaf)),
      ],
    );
    start = row!.start;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'CVL01') {
      throw new LogIntegrityError((error as Error).message);
    }
    throw error;
  }
  return entries.map((entry, k) => ({
    ...entry,
    index: start + k,
    at: new Date(entry.at.getTime()),
    leaf: new Uint8Array(entry.leaf),
  }));
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
