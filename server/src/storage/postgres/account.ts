import type { AccountDeletionCounts } from '../ports.js';
import type { Sql } from './pg-database.js';

export async function deleteAccount(
  sql: Sql,
  residentId: string,
  now: Date,
): Promise<AccountDeletionCounts | null> {
  void [sql, residentId, now];
  throw new Error('postgres adapter: deleteAccount is not built yet');
}
