import { useId } from 'react';
import { useI18n } from '../lib/i18n';
import { isLang, LANGS } from '../lib/translate';

/** A labelled select that switches the interface language (and `<html lang>`). */
export function LanguageSelect() {
  const { lang, setLang, t } = useI18n();
  const id = useId();
  return (
    <div className="language-select">
      <label htmlFor={id}>{t('lang.label')}</label>
      <select
        id={id}
        data-testid="lang-select"
        value={lang}
        onChange={(event) => {
          if (isLang(event.target.value)) setLang(event.target.value);
        }}
      >
        {LANGS.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`lang.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
