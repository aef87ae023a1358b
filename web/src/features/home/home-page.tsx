import { Link } from 'react-router';
import { useT } from '../../lib/i18n';
import { useMe } from '../../lib/me-query';
import { useDocumentTitle } from '../../lib/use-document-title';

/** The signed-in start page; documents will live here. */
export function HomePage() {
  const t = useT();
  useDocumentTitle(t('home.title'));
  const { data: me } = useMe();
  if (!me) return null; // the route guard only renders this page for a signed-in resident
  return (
    <>
      <h1 data-testid="welcome">{t('home.welcome', { name: me.displayName })}</h1>
      <p className="lead">{t('home.intro')}</p>
      <p>
        {t('home.accountHint')} <Link to="/account">{t('home.accountLink')}</Link>
      </p>
    </>
  );
}
