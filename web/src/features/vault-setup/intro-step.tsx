import { useMutation } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/error-alert';
import { StatusMessage } from '../../components/status-message';
import { useT } from '../../lib/i18n';
import { prepareEnrolment } from '../../lib/vault/vault-client';

/** Step 1: what the vault is and what the set-up asks for; starting makes the keys. */
export function IntroStep({
  residentId,
  onPrepared,
}: {
  residentId: string;
  onPrepared: (recoveryCode: string) => void;
}) {
  const t = useT();
  const prepare = useMutation({
    mutationFn: () => prepareEnrolment(residentId),
    onSuccess: onPrepared,
  });
  return (
    <>
      <p>{t('setup.introWhat')}</p>
      <p>{t('setup.introHow')}</p>
      <ul>
        <li>{t('setup.introPasskey')}</li>
        <li>{t('setup.introKit')}</li>
        <li>{t('setup.introPassphrase')}</li>
      </ul>
      <p>{t('setup.introWarning')}</p>
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="vault-setup-start"
          aria-busy={prepare.isPending}
          onClick={() => {
            if (!prepare.isPending) prepare.mutate();
          }}
        >
          {t('setup.start')}
        </button>
      </div>
      <StatusMessage>{prepare.isPending ? t('setup.preparing') : null}</StatusMessage>
      {prepare.isError && <ErrorAlert error={prepare.error} />}
    </>
  );
}
