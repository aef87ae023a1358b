import { useT } from '../lib/i18n';

/** The contentinfo landmark. */
export function SiteFooter() {
  const t = useT();
  return (
    <footer className="site-footer">
      <p>{t('footer.text')}</p>
    </footer>
  );
}
