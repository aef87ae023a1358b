import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { configQuery } from '../../lib/config-query';
import { useT } from '../../lib/i18n';
import { addPasskey } from './api/add-passkey';
import { passkeysQuery, type Status } from './queries';

/** Names and registers one more passkey. */
export function AddPasskeyForm({ onStatus }: { onStatus: (status: Status) => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const headingId = useId();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [name, setName] = useState('');
  const [missing, setMissing] = useState(false);
  const supported = browserSupportsWebAuthn();

  const add = useMutation({
    mutationFn: async (passkeyName: string) => {
      const { prfSalt } = await queryClient.fetchQuery(configQuery);
      return addPasskey(passkeyName, prfSalt);
    },
    onSuccess: (passkey) => {
      setName('');
      onStatus({ key: 'passkeys.addedStatus', params: { name: passkey.name } });
    },
    // Also after a failure: "not found" means the list here is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: passkeysQuery.queryKey }),
  });

  return (
    <form
      className="add-passkey"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = name.trim();
        setMissing(trimmed === '');
        if (trimmed !== '' && !add.isPending) add.mutate(trimmed);
      }}
    >
      <h3 id={headingId}>{t('passkeys.addHeading')}</h3>
      <label htmlFor={inputId}>{t('passkeys.nameLabel')}</label>
      <p id={hintId} className="hint">
        {t('passkeys.nameHint')}
      </p>
      <input
        id={inputId}
        data-testid="add-passkey-name"
        value={name}
        maxLength={64}
        autoComplete="off"
        aria-invalid={missing || undefined}
        aria-describedby={missing ? `${hintId} ${errorId}` : hintId}
        onChange={(event) => setName(event.target.value)}
      />
      {missing && (
        <p id={errorId} className="field-error" role="alert" data-testid="error">
          {t('passkeys.nameRequired')}
        </p>
      )}
      <div className="actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="add-passkey"
          disabled={!supported}
          aria-busy={add.isPending}
        >
          {t('passkeys.add')}
        </button>
      </div>
      {!supported && <p className="hint">{t('passkeys.unsupported')}</p>}
      {add.isPending && <p className="hint">{t('passkeys.adding')}</p>}
      {add.isError && <ErrorAlert error={add.error} />}
    </form>
  );
}
