import { useId, useState } from 'react';
import { useT } from '../../lib/i18n';
import { DeleteAccountDialog } from './delete-account-dialog';

/** Settings' last section: the way to delete the account (GDPR Art. 17), behind a confirmation. */
export function DeleteAccountSection() {
  const t = useT();
  const headingId = useId();
  const [open, setOpen] = useState(false);
  return (
    <section className="section" aria-labelledby={headingId} data-testid="delete-account-section">
      <h2 id={headingId}>{t('deleteAccount.heading')}</h2>
      <p>{t('deleteAccount.intro')}</p>
      <div className="actions">
        <button
          type="button"
          className="button button-danger"
          data-testid="open-delete-account"
          onClick={() => setOpen(true)}
        >
          {t('deleteAccount.open')}
        </button>
      </div>
      {open && <DeleteAccountDialog onClose={() => setOpen(false)} />}
    </section>
  );
}
