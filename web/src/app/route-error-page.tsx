import { useT } from '../lib/i18n';
import { useDocumentTitle } from '../lib/use-document-title';

/**
 * Shown inside the layout when a page throws while rendering or its code fails to load (for
 * example after a new version was deployed). A full reload fetches the current version.
 */
export function RouteErrorPage() {
  const t = useT();
  useDocumentTitle(t('routeError.title'));
  return (
    <div className="alert alert-error" role="alert" data-testid="error">
      <h1>{t('routeError.title')}</h1>
      <p>{t('routeError.text')}</p>
      <p>
        <a href={window.location.pathname}>{t('routeError.reload')}</a>
      </p>
    </div>
  );
}
