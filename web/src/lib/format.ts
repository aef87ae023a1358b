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
