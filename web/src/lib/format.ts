import type { Lang } from './translate';

/** The locale used for dates: European day-month order for English too. */
const dateLocales: Record<Lang, string> = { en: 'en-GB', it: 'it-IT' };

const formatters = new Map<Lang, Intl.DateTimeFormat>();

/** Formats an ISO timestamp as a medium date and short time in the resident's language. */
export function formatDateTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let formatter = formatters.get(lang);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(dateLocales[lang], {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    formatters.set(lang, formatter);
  }
  return formatter.format(date);
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * Formats a size in bytes for people: decimal units (1 kB = 1000 bytes, as file managers show
 * them), at most one decimal, in the resident's language ("1.5 MB", "1,5 MB").
 */
export function formatBytes(bytes: number, lang: Lang): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(dateLocales[lang], {
    style: 'unit',
    unit: BYTE_UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

type DatePart = 'longDate' | 'time' | 'dayMonth' | 'monthYear';

const partOptions: Record<DatePart, Intl.DateTimeFormatOptions> = {
  longDate: { day: 'numeric', month: 'long', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  dayMonth: { day: 'numeric', month: 'short' },
  monthYear: { month: 'short', year: 'numeric' },
};

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One part of a date for sentences and chart labels, in the resident's language and time zone:
 * `longDate` "3 March 2026" / "3 marzo 2026", `time` "10:42", `dayMonth` "3 Mar", `monthYear`
 * "Mar 2026". An unreadable date is returned as it was given.
 */
export function formatDatePart(value: string | Date, lang: Lang, part: DatePart): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const key = `${lang}:${part}`;
  let formatter = partFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(dateLocales[lang], partOptions[part]);
    partFormatters.set(key, formatter);
  }
  return formatter.format(date);
}
