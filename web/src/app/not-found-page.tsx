import { Link } from 'react-router';
import { useT } from '../lib/i18n';
import { useDocumentTitle } from '../lib/use-document-title';

/** Any unknown path. */
export function NotFoundPage() {
  const t = useT();
  useDocumentTitle(t('notFound.title'));
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
