import { useState } from 'react';
import { KitSavedCheckbox, RecoveryKit } from '../../components/recovery-kit';
import { useT } from '../../lib/i18n';

/** Step 3: the recovery kit, printed or written down, confirmed before going on. */
export function RecoveryStep({
  code,
  residentName,
  onBack,
  onNext,
}: {
  code: string;
  residentName: string;
  onBack: () => void;
  onNext: () => void;
}) {
  const t = useT();
  const [saved, setSaved] = useState(false);
  const [tried, setTried] = useState(false);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (saved) onNext();
      }}
    >
      <p className="no-print">{t('setup.kitWhy')}</p>
      <RecoveryKit code={code} residentName={residentName} />
      <KitSavedCheckbox checked={saved} onChange={setSaved} showError={tried} />
      <div className="actions no-print">
        <button type="submit" className="button button-primary" data-testid="setup-recovery-next">
          {t('setup.next')}
        </button>
        <button type="button" className="button button-secondary" onClick={onBack}>
          {t('setup.back')}
        </button>
      </div>
    </form>
  );
}
