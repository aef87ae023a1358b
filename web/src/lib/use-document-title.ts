import { useEffect } from 'react';
import { useT } from './i18n';

/** Sets `document.title` to "<page> – Citizen Vault" in the current language. */
export function useDocumentTitle(page: string): void {
  const t = useT();
  useEffect(() => {
    document.title = t('app.pageTitle', { page });
  }, [t, page]);
}
