import { describe, expect, it } from 'vitest';
import { bucketByTime } from './chart-buckets';

describe('bucketByTime', () => {
  it('counts per day by kind of actor, keeping empty days', () => {
    const data = bucketByTime([
      { at: new Date(2026, 2, 1, 9), kind: 'resident' },
      { at: new Date(2026, 2, 1, 23, 59), kind: 'resident' },
      { at: new Date(2026, 2, 3, 0, 0), kind: 'service' },
      { at: new Date(2026, 2, 3, 12), kind: 'resident' },
    ]);
    expect(data.unit).toBe('day');
    expect(data.buckets.map((b) => b.start.getDate())).toEqual([1, 2, 3]);
    expect(data.buckets.map((b) => b.total)).toEqual([2, 0, 2]);
    expect(data.buckets[2]!.counts).toEqual({ resident: 1, service: 1, operator: 0, system: 0 });
    expect(data.totals).toEqual({ resident: 3, service: 1, operator: 0, system: 0 });
    expect(data.max).toBe(2);
  });

  it('switches to months for long ranges', () => {
    const data = bucketByTime([
      { at: new Date(2025, 10, 20), kind: 'system' },
      { at: new Date(2026, 2, 3), kind: 'operator' },
    ]);
    expect(data.unit).toBe('month');
    expect(data.buckets.map((b) => `${b.start.getFullYear()}-${b.start.getMonth() + 1}`)).toEqual([
      '2025-11',
      '2025-12',
      '2026-1',
      '2026-2',
      '2026-3',
    ]);
    expect(data.buckets.map((b) => b.total)).toEqual([1, 0, 0, 0, 1]);
  });

  it('is empty without entries', () => {
    expect(bucketByTime([])).toMatchObject({ buckets: [], max: 0 });
  });
});
