import { useT } from '../lib/i18n';

/** The first focusable element on every page: jumps past the header to `#main`. */
export function SkipLink() {
  const t = useT();
  return (
    <a className="skip-link" href="#main">
      {t('skipLink')}
    </a>
  );
}
