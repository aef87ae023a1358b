import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import {
  checkPassphrase,
  PassphraseFields,
  type PassphraseProblem,
} from '../../components/passphrase-fields';
import { StatusMessage } from '../../components/status-message';
import { useT } from '../../lib/i18n';
import { addPassphraseSlot } from '../../lib/vault/vault-client';
import { vaultStateQuery } from '../../lib/vault/vault-queries';

/** A new passphrase slot (Argon2id in the worker: a few seconds). */
export function AddPassphraseSlotForm({
  onDone,
  onCancel,
}: {
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<PassphraseProblem | null>(null);
  const add = useMutation({
    mutationFn: (value: string) => addPassphraseSlot(value),
    onSuccess: onDone,
    onSettled: () => queryClient.invalidateQueries({ queryKey: vaultStateQuery.queryKey }),
  });
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found = checkPassphrase(passphrase, confirm);
        setProblem(found);
        if (!found && !add.isPending) add.mutate(passphrase);
      }}
    >
      <h3>{t('slots.addPassphraseHeading')}</h3>
      <p>{t('slots.addPassphraseText')}</p>
      <PassphraseFields
        passphrase={passphrase}
        confirm={confirm}
        onPassphraseChange={setPassphrase}
        onConfirmChange={setConfirm}
        problem={problem}
      />
      <div className="actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="add-passphrase-submit"
          aria-busy={add.isPending}
        >
          {t('slots.addPassphraseSubmit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      <StatusMessage>{add.isPending ? t('slots.passphraseWorking') : null}</StatusMessage>
      {add.isError && <ErrorAlert error={add.error} />}
    </form>
  );
}
