import { useT } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/use-document-title';
import { DeleteAccountSection } from './delete-account-section';
import { ExportSection } from './export-section';
import { PasskeysSection } from './passkeys-section';
import { SessionsSection } from './sessions-section';
import { UnlockMethodsSection } from './unlock-methods-section';

/** Settings: passkeys, the vault's unlock methods, sessions, exporting everything, deleting the account. */
export function AccountPage() {
  const t = useT();
  useDocumentTitle(t('account.title'));
  return (
    <>
      <h1>{t('account.heading')}</h1>
      <p className="lead">{t('account.intro')}</p>
      <PasskeysSection />
      <UnlockMethodsSection />
      <SessionsSection />
      <ExportSection />
      <DeleteAccountSection />
    </>
  );
}
