import type { AccessLogReport } from '../../lib/vault/protocol';
import { parseAccessEvent, type AccessEvent, type ActorKind } from './access-event';

/** How far an entry was checked: in the signed log, waiting for the next checkpoint, or not. */
export type EntryStatus = 'verified' | 'pending' | 'unverified';

/** One entry of the timeline. */
export interface LogItem {
  index: number;
  /** Null when the entry cannot be read by this version of the app (it was still checked). */
  event: AccessEvent | null;
  status: EntryStatus;
  /** True for the entry an alarm is about. */
  failed: boolean;
}

/** The report's entries, newest first, each with what the check said about it. */
export function toLogItems(report: AccessLogReport): LogItem[] {
  const { outcome } = report;
  const pending = new Set(outcome.status === 'verified' ? outcome.pending : []);
  const failedIndex =
    outcome.status === 'alarm' && 'index' in outcome.alarm ? outcome.alarm.index : null;
  return report.entries
    .map((entry) => ({
      index: entry.index,
      event: parseAccessEvent(entry.leaf),
      status:
        outcome.status === 'alarm'
          ? ('unverified' as const)
          : pending.has(entry.index)
            ? ('pending' as const)
            : ('verified' as const),
      failed: entry.index === failedIndex,
    }))
    .sort((a, b) => b.index - a.index);
}

/** The timeline's filters; an empty string means "any". Dates are `YYYY-MM-DD`, local time. */
export interface LogFilter {
  actor: ActorKind | '';
  action: string;
  document: string;
  from: string;
  to: string;
}

export const NO_FILTER: LogFilter = { actor: '', action: '', document: '', from: '', to: '' };

/** The local calendar day of a time, as `YYYY-MM-DD` (what `<input type="date">` holds). */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** True when any filter is set. */
export function isFiltering(filter: LogFilter): boolean {
  return Object.values(filter).some((v) => v !== '');
}

/** The items that match every filter set (an unreadable entry matches only when none is). */
export function filterLogItems(items: readonly LogItem[], filter: LogFilter): LogItem[] {
  if (!isFiltering(filter)) return [...items];
  return items.filter(({ event }) => {
    if (event === null) return false;
    if (filter.actor !== '' && event.actor.kind !== filter.actor) return false;
    if (filter.action !== '' && event.action !== filter.action) return false;
    if (filter.document !== '' && event.document?.id !== filter.document) return false;
    const day = localDay(new Date(event.at));
    if (filter.from !== '' && day < filter.from) return false;
    if (filter.to !== '' && day > filter.to) return false;
    return true;
  });
}
