import { messagesEn, type MessageKey, type Messages } from './messages.en';
import { messagesIt } from './messages.it';

/** The languages the web app speaks. */
export type Lang = 'en' | 'it';

/** In the order the language switcher lists them. */
export const LANGS: readonly Lang[] = ['en', 'it'];

/** Where the resident's choice is remembered (a preference, nothing personal). */
export const LANG_STORAGE_KEY = 'cv.lang';

/** Values substituted for `{placeholders}`. */
export type MessageParams = Record<string, string | number>;

/** Looks up a message and fills its placeholders. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const catalogues: Record<Lang, Messages> = { en: messagesEn, it: messagesIt };

/** True for a supported language code. */
export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'it';
}

/** Picks the language: the stored choice, else the browser's if it is Italian, else English. */
export function detectLang(stored: string | null, browserLanguage: string | undefined): Lang {
  if (isLang(stored)) return stored;
  return browserLanguage?.toLowerCase().startsWith('it') ? 'it' : 'en';
}

/** Builds the translate function for one language. Unknown placeholders are left visible. */
export function createTranslate(lang: Lang): Translate {
  const messages = catalogues[lang];
  return (key, params) => {
    const text = messages[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
  };
}

/** True when `key` is a message key (for keys built at run time, e.g. from error codes). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messagesEn, key);
}
