import { useId, useState } from 'react';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { QrCode } from './qr-code';

/**
 * The recovery kit: the code, its QR code and what to do with them, plus a button that prints
 * just the kit (the print stylesheet hides everything else). Shown once: the code is not stored
 * anywhere, the server only keeps a slot encrypted under it.
 */
export function RecoveryKit({ code, residentName }: { code: string; residentName: string }) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const [madeAt] = useState(() => new Date().toISOString());
  return (
    <>
      <section className="recovery-kit" aria-labelledby={headingId} data-testid="recovery-kit">
        <h3 id={headingId}>{t('kit.title')}</h3>
        <p>{t('kit.madeFor', { name: residentName, date: formatDateTime(madeAt, lang) })}</p>
        <p className="kit-code-label">{t('kit.codeLabel')}</p>
        <p className="kit-code" data-testid="recovery-code" translate="no">
          {code}
        </p>
        <QrCode value={code} label={t('kit.qrLabel')} testId="recovery-qr" />
        <ul className="kit-notes">
          <li>{t('kit.noteWhat')}</li>
          <li>{t('kit.noteKeep')}</li>
          <li>{t('kit.noteOnce')}</li>
        </ul>
      </section>
      <div className="actions no-print">
        <button
          type="button"
          className="button button-secondary"
          data-testid="print-kit"
          onClick={() => window.print()}
        >
          {t('kit.print')}
        </button>
      </div>
    </>
  );
}

/** The required "I have saved my recovery kit" checkbox, with its error. */
export function KitSavedCheckbox({
  checked,
  onChange,
  showError,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  showError: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const errorId = useId();
  return (
    <div className="checkbox-field no-print">
      <input
        type="checkbox"
        id={id}
        data-testid="recovery-saved"
        checked={checked}
        required
        aria-invalid={showError && !checked ? true : undefined}
        aria-describedby={showError && !checked ? errorId : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{t('kit.saved')}</label>
      {showError && !checked && (
        <p id={errorId} className="field-error" role="alert" data-testid="error">
          {t('kit.savedRequired')}
        </p>
      )}
    </div>
  );
}
