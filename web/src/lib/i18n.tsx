import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import {
  createTranslate,
  detectLang,
  LANG_STORAGE_KEY,
  type Lang,
  type Translate,
} from './translate';

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function readStoredLang(): string | null {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null; // storage can be disabled; the browser language still applies
  }
}

/** Provides the current language and `t`; keeps `<html lang>` in step. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() =>
    detectLang(readStoredLang(), navigator.language),
  );

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // Not remembered across visits; fine.
    }
  }, []);

  const value = useMemo(() => ({ lang, setLang, t: createTranslate(lang) }), [lang, setLang]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

/** The current language and a setter. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new TypeError('useI18n outside I18nProvider');
  return value;
}

/** The translate function for the current language. */
export function useT(): Translate {
  return useI18n().t;
}
