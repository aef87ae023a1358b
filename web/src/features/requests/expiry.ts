/**
 * The consent's end date (DESIGN §1 promise 4: every grant is time-bound): chosen as a day in the
 * resident's own calendar, it ends at the last second of that day, local time.
 */

/** The end date the form suggests, in days from today. */
export const DEFAULT_CONSENT_DAYS = 30;
/** The latest end date the form allows, in days from today. */
export const MAX_CONSENT_DAYS = 365;

const pad = (n: number) => String(n).padStart(2, '0');

/** `date` as an `<input type="date">` value (YYYY-MM-DD) in local time. */
export function toDateInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `date` plus `days` calendar days (local time). */
export function addDays(date: Date, days: number): Date {
  const next = new Date(date.getTime());
  next.setDate(next.getDate() + days);
  return next;
}

/** The earliest, suggested and latest end dates for a consent given at `now`. */
export function expiryBounds(now: Date): { min: string; suggested: string; max: string } {
  return {
    min: toDateInputValue(addDays(now, 1)),
    suggested: toDateInputValue(addDays(now, DEFAULT_CONSENT_DAYS)),
    max: toDateInputValue(addDays(now, MAX_CONSENT_DAYS)),
  };
}

/**
 * The consent's `expiresAt` for a chosen day: 23:59:59 local time that day, as ISO 8601 (UTC,
 * whole seconds). Null when `value` is not a day between tomorrow and a year from `now`.
 */
export function expiresAtFor(value: string, now: Date): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const end = new Date(year, month - 1, day, 23, 59, 59, 0);
  if (end.getFullYear() !== year || end.getMonth() !== month - 1 || end.getDate() !== day) {
    return null; // 31 February and the like
  }
  const { min, max } = expiryBounds(now);
  if (value < min || value > max) return null;
  return end.toISOString();
}
