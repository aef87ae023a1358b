import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import {
  checkPassphrase,
  PassphraseFields,
  type PassphraseProblem,
} from '../../components/passphrase-fields';
import { StatusMessage } from '../../components/status-message';
import { useT } from '../../lib/i18n';
import { addEnrolmentPassphrase, finishEnrolment } from '../../lib/vault/vault-client';

/**
 * Step 4: an optional passphrase (required when there is no passkey), then the set-up is sent:
 * `POST /api/vault/enrol` with the public keys, the encrypted secret keys and every slot.
 */
export function PassphraseStep({
  required,
  onBack,
  onFinished,
}: {
  required: boolean;
  onBack: () => void;
  onFinished: () => Promise<void>;
}) {
  const t = useT();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<PassphraseProblem | null>(null);

  const finish = useMutation({
    mutationFn: async (withPassphrase: string | null) => {
      if (withPassphrase !== null) await addEnrolmentPassphrase(withPassphrase);
      await finishEnrolment();
      await onFinished();
    },
  });

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (finish.isPending) return;
        const skip = !required && passphrase === '' && confirm === '';
        const found = skip ? null : checkPassphrase(passphrase, confirm);
        setProblem(found);
        if (!found) finish.mutate(skip ? null : passphrase);
      }}
    >
      <p>{required ? t('setup.passphraseRequired') : t('setup.passphraseOptional')}</p>
      <PassphraseFields
        passphrase={passphrase}
        confirm={confirm}
        onPassphraseChange={setPassphrase}
        onConfirmChange={setConfirm}
        problem={problem}
        optional={!required}
      />
      <div className="actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="enrol-finish"
          aria-busy={finish.isPending}
        >
          {t('setup.finish')}
        </button>
        <button type="button" className="button button-secondary" onClick={onBack}>
          {t('setup.back')}
        </button>
      </div>
      <StatusMessage>
        {finish.isPending
          ? passphrase
            ? t('setup.finishingWithPassphrase')
            : t('setup.finishing')
          : null}
      </StatusMessage>
      {finish.isError && <ErrorAlert error={finish.error} />}
    </form>
  );
}
