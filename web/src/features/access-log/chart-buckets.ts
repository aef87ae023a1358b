import { ACTOR_KINDS, type ActorKind } from './access-event';

/** Bars per day for up to this many days; beyond it, bars per month. */
export const MAX_DAY_BUCKETS = 62;

/** One bar of the chart: a day or a month, and how many entries each kind of actor made. */
export interface ChartBucket {
  /** Local midnight of the day, or of the first day of the month. */
  start: Date;
  counts: Record<ActorKind, number>;
  total: number;
}

export interface ChartData {
  unit: 'day' | 'month';
  buckets: ChartBucket[];
  /** Entries per kind of actor over the whole range. */
  totals: Record<ActorKind, number>;
  /** The largest bar. */
  max: number;
}

const zero = (): Record<ActorKind, number> =>
  Object.fromEntries(ACTOR_KINDS.map((k) => [k, 0])) as Record<ActorKind, number>;

/**
 * Counts entries per day (a range of up to {@link MAX_DAY_BUCKETS} days) or per month, from the
 * first entry's day to the last one's, in local time. Days or months without entries are kept
 * as empty bars, so that the chart's time axis is even.
 */
export function bucketByTime(points: readonly { at: Date; kind: ActorKind }[]): ChartData {
  const totals = zero();
  if (points.length === 0) return { unit: 'day', buckets: [], totals, max: 0 };
  const times = points.map((p) => p.at.getTime());
  const first = new Date(Math.min(...times));
  const last = new Date(Math.max(...times));
  const firstDay = new Date(first.getFullYear(), first.getMonth(), first.getDate());
  const lastDay = new Date(last.getFullYear(), last.getMonth(), last.getDate());
  const days = Math.round((lastDay.getTime() - firstDay.getTime()) / 86_400_000) + 1;
  const unit = days <= MAX_DAY_BUCKETS ? 'day' : 'month';

  const buckets: ChartBucket[] = [];
  const keyOf = (d: Date) =>
    unit === 'day'
      ? `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`
      : `${d.getFullYear()}-${d.getMonth()}`;
  const byKey = new Map<string, ChartBucket>();
  let cursor = unit === 'day' ? firstDay : new Date(first.getFullYear(), first.getMonth(), 1);
  while (cursor <= lastDay) {
    const bucket = { start: cursor, counts: zero(), total: 0 };
    buckets.push(bucket);
    byKey.set(keyOf(cursor), bucket);
    cursor =
      unit === 'day'
        ? new Date(cursor.getFullYear(), cursor.getMonth(), cursor.getDate() + 1)
        : new Date(cursor.getFullYear(), cursor.getMonth() + 1, 1);
  }
  for (const { at, kind } of points) {
    const bucket = byKey.get(keyOf(at))!;
    bucket.counts[kind] += 1;
    bucket.total += 1;
    totals[kind] += 1;
  }
  return { unit, buckets, totals, max: Math.max(...buckets.map((b) => b.total)) };
}
