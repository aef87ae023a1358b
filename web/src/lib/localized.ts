import type { LocalizedTextView } from './consent-types';
import type { Lang } from './translate';

/** A city service's text (its name, a purpose) in the resident's language. */
export function localized(text: LocalizedTextView, lang: Lang): string {
  return text[lang] || text.en;
}
