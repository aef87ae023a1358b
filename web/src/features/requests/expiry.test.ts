import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { expiresAtFor, expiryBounds, toDateInputValue } from './expiry';

describe('consent end dates', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 2, 10, 15, 30)); // 10 March 2026, local time
  });
  afterEach(() => vi.useRealTimers());

  it('suggests 30 days, allows from tomorrow to a year ahead', () => {
    expect(expiryBounds(new Date())).toEqual({
      min: '2026-03-11',
      suggested: '2026-04-09',
      max: '2027-03-10',
    });
  });

  it('ends at the last second of the chosen day, local time', () => {
    const iso = expiresAtFor('2026-04-09', new Date());
    expect(iso).toBe(new Date(2026, 3, 9, 23, 59, 59).toISOString());
    expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
  });

  it('refuses today, past days, more than a year ahead and days that do not exist', () => {
    const now = new Date();
    expect(expiresAtFor(toDateInputValue(now), now)).toBeNull();
    expect(expiresAtFor('2026-01-01', now)).toBeNull();
    expect(expiresAtFor('2027-03-11', now)).toBeNull();
    expect(expiresAtFor('2026-02-31', now)).toBeNull();
    expect(expiresAtFor('', now)).toBeNull();
    expect(expiresAtFor('2027-03-10', now)).not.toBeNull();
  });
});
