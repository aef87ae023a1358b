import type {
  LogAppend,
  LogCheckpointRecord,
  LogEntryFilter,
  LogEntryRecord,
  LogNodeKey,
} from '../ports.js';
import type { Sql } from './pg-database.js';

export async function logSize(sql: Sql): Promise<number> {
  void [sql];
  throw new Error('postgres adapter: logSize is not built yet');
}

export async function getNodes(sql: Sql, keys: readonly LogNodeKey[]): Promise<Uint8Array[]> {
  void [sql, keys];
  throw new Error('postgres adapter: getNodes is not built yet');
}

export async function getNodeRange(
  sql: Sql,
  level: number,
  fromIndex: number,
  count: number,
): Promise<Uint8Array[]> {
  void [sql, level, fromIndex, count];
  throw new Error('postgres adapter: getNodeRange is not built yet');
}

export async function listEntries(
  sql: Sql,
  residentId: string,
  filter: LogEntryFilter,
  limit: number,
): Promise<LogEntryRecord[]> {
  void [sql, residentId, filter, limit];
  throw new Error('postgres adapter: listEntries is not built yet');
}

export async function getEntries(sql: Sql, indexes: readonly number[]): Promise<LogEntryRecord[]> {
  void [sql, indexes];
  throw new Error('postgres adapter: getEntries is not built yet');
}

export async function storeCheckpoint(
  sql: Sql,
  checkpoint: LogCheckpointRecord,
): Promise<'stored' | 'stale'> {
  void [sql, checkpoint];
  throw new Error('postgres adapter: storeCheckpoint is not built yet');
}

export async function latestCheckpoint(sql: Sql): Promise<LogCheckpointRecord | null> {
  void [sql];
  throw new Error('postgres adapter: latestCheckpoint is not built yet');
}

export async function getCheckpoint(sql: Sql, size: number): Promise<LogCheckpointRecord | null> {
  void [sql, size];
  throw new Error('postgres adapter: getCheckpoint is not built yet');
}

export async function appendEntries(
  sql: Sql,
  entries: readonly LogAppend[],
): Promise<LogEntryRecord[]> {
  void [sql, entries];
  throw new Error('postgres adapter: appendEntries is not built yet');
}
