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
