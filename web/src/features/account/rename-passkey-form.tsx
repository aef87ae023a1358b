import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import type { PasskeyView } from '../../lib/api-types';
import { useT } from '../../lib/i18n';
import { renamePasskey } from './api/rename-passkey';
import { passkeysQuery } from './queries';

/** The inline form that renames one passkey. */
export function RenamePasskeyForm({
  passkey,
  onCancel,
  onRenamed,
}: {
  passkey: PasskeyView;
  onCancel: () => void;
  onRenamed: (passkey: PasskeyView) => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const inputId = useId();
  const errorId = useId();
  const [name, setName] = useState(passkey.name);
  const [missing, setMissing] = useState(false);

  const rename = useMutation({
    mutationFn: (newName: string) => renamePasskey(passkey.id, newName),
    onSuccess: (renamed) => {
      queryClient.setQueryData(passkeysQuery.queryKey, (old) =>
        old?.map((p) => (p.id === renamed.id ? renamed : p)),
      );
      onRenamed(renamed);
    },
    // Also after a failure: "not found" means the list here is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: passkeysQuery.queryKey }),
  });

  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = name.trim();
        setMissing(trimmed === '');
        if (trimmed !== '' && !rename.isPending) rename.mutate(trimmed);
      }}
    >
      <label htmlFor={inputId}>{t('passkeys.renameLabel', { name: passkey.name })}</label>
      <input
        id={inputId}
        data-testid="rename-passkey-name"
        value={name}
        maxLength={64}
        autoComplete="off"
        autoFocus // opened by the resident's own click, so moving focus here is expected
        aria-invalid={missing || undefined}
        aria-describedby={missing ? errorId : undefined}
        onChange={(event) => setName(event.target.value)}
      />
      {missing && (
        <p id={errorId} className="field-error" role="alert" data-testid="error">
          {t('passkeys.nameRequired')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" aria-busy={rename.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      {rename.isError && <ErrorAlert error={rename.error} />}
    </form>
  );
}
