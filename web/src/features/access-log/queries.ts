import { queryOptions } from '@tanstack/react-query';
import type { AccessLogReport } from '../../lib/vault/protocol';
import { isVaultError } from '../../lib/vault/vault-error';
import { checkAccessLog, listDocuments } from '../../lib/vault/vault-client';
import { UNLOCKED_KEY } from '../../lib/vault/vault-queries';
import { parseAccessEvent } from './access-event';

/** How often the page checks again while entries wait for the next checkpoint. */
const PENDING_RECHECK_MS = 1500;

/** Entries waiting longer than this mean the log has stopped signing: check less often. */
export const STALLED_AFTER_MS = 60_000;
const STALLED_RECHECK_MS = 30_000;

/**
 * How long the oldest pending entry has been waiting for a checkpoint (0 when none is pending).
 * The log signs about every second: minutes mean it has stopped (the vault halts signing when
 * it finds its stored log changed).
 */
export function pendingForMs(report: AccessLogReport, now = Date.now()): number {
  const { outcome } = report;
  if (outcome.status !== 'verified' || outcome.pending.length === 0) return 0;
  const pending = new Set(outcome.pending);
  let oldest = now;
  for (const entry of report.entries) {
    if (!pending.has(entry.index)) continue;
    const at = parseAccessEvent(entry.leaf)?.at;
    if (at !== undefined) oldest = Math.min(oldest, new Date(at).getTime());
  }
  return Math.max(0, now - oldest);
}

/**
 * The resident's access log, checked in the vault worker. Checked again on every visit (never
 * served from the cache as fresh) and, while some entries wait for a checkpoint, every
 * {@link PENDING_RECHECK_MS} (every {@link STALLED_RECHECK_MS} once they have waited for
 * minutes). A check cut short by the vault locking is tried once more.
 */
export function accessLogQuery(residentId: string) {
  return queryOptions({
    queryKey: ['access-log', residentId] as const,
    queryFn: ({ signal }) => checkAccessLog(residentId, { signal }),
    staleTime: 0,
    refetchOnWindowFocus: false,
    retry: (failures, error) => isVaultError(error, 'ERR_VAULT_LOCKED') && failures < 1,
    refetchInterval: (query) => {
      const report = query.state.data;
      if (report?.outcome.status !== 'verified' || report.outcome.pending.length === 0) {
        return false;
      }
      return pendingForMs(report) < STALLED_AFTER_MS ? PENDING_RECHECK_MS : STALLED_RECHECK_MS;
    },
  });
}

/**
 * The documents with their decrypted names, to name them in the timeline. The same cache entry
 * as the documents page's list (same key, same worker call); dropped when the vault locks.
 */
export const documentNamesQuery = queryOptions({
  queryKey: [UNLOCKED_KEY, 'documents'] as const,
  queryFn: listDocuments,
  staleTime: 30_000,
});
