import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { StatusMessage } from '../../components/status-message';
import { configQuery } from '../../lib/config-query';
import { useT } from '../../lib/i18n';
import {
  accountCredentialIds,
  evaluatePasskeyPrf,
  hasSignInPrfOutput,
  registerPasskeyWithPrf,
  takeSignInPrfOutput,
} from '../../lib/vault/passkey-prf';
import type { PasskeySecret } from '../../lib/vault/protocol';
import { addEnrolmentPasskey } from '../../lib/vault/vault-client';
import { isVaultError, VaultError } from '../../lib/vault/vault-error';

type Source = 'signed-in' | 'existing' | 'new';

/**
 * Step 2: the passkey that will unlock the vault. The one the resident signed in with (its PRF
 * output is already in memory), another passkey of theirs, or a new one. A passkey whose
 * authenticator has no PRF cannot unlock a vault: then the resident is told so plainly and can
 * go on with a passphrase instead.
 */
export function PasskeyStep({
  ready,
  onReady,
  onWithoutPasskey,
}: {
  ready: boolean;
  onReady: () => void;
  onWithoutPasskey: () => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const nameId = useId();
  const nameHintId = useId();
  const supported = browserSupportsWebAuthn();
  const [signedInPrf] = useState(hasSignInPrfOutput);
  const [name, setName] = useState(() => t('setup.passkeyDefaultName'));
  const [noPrf, setNoPrf] = useState(!supported);

  const add = useMutation({
    mutationFn: async (source: Source) => {
      let secret: PasskeySecret | null;
      if (source === 'signed-in') {
        secret = takeSignInPrfOutput();
      } else {
        const { prfSalt } = await queryClient.fetchQuery(configQuery);
        if (source === 'existing') {
          secret = await evaluatePasskeyPrf(prfSalt, await accountCredentialIds());
        } else {
          const created = await registerPasskeyWithPrf(
            name.trim() || t('setup.passkeyDefaultName'),
            prfSalt,
          );
          if (created.prfError && !isVaultError(created.prfError, 'ERR_PASSKEY_NO_PRF')) {
            throw created.prfError;
          }
          secret = created.secret;
        }
      }
      if (!secret) throw new VaultError('ERR_PASSKEY_NO_PRF');
      await addEnrolmentPasskey(secret);
    },
    onSuccess: onReady,
    // A new passkey appears on the account page too.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['passkeys'] }),
    onError: (error) => {
      if (isVaultError(error, 'ERR_PASSKEY_NO_PRF')) setNoPrf(true);
    },
  });

  const busy = add.isPending;
  const run = (source: Source) => {
    if (!busy) add.mutate(source);
  };

  return (
    <>
      <p>{t('setup.passkeyWhy')}</p>
      {ready && <p className="notice">{t('setup.passkeyReady')}</p>}
      {noPrf && (
        <div className="alert alert-warning" data-testid="setup-no-prf">
          <p>{supported ? t('setup.noPrf') : t('setup.noWebAuthn')}</p>
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              data-testid="setup-passkey-skip"
              onClick={onWithoutPasskey}
            >
              {t('setup.usePassphraseInstead')}
            </button>
          </div>
        </div>
      )}
      {supported && (
        <>
          {signedInPrf && (
            <div className="choice">
              <h3>{t('setup.signedInPasskeyHeading')}</h3>
              <p>{t('setup.signedInPasskeyText')}</p>
              <button
                type="button"
                className="button button-primary"
                data-testid="setup-passkey-signed-in"
                aria-busy={busy && add.variables === 'signed-in'}
                onClick={() => run('signed-in')}
              >
                {t('setup.useSignedInPasskey')}
              </button>
            </div>
          )}
          <div className="choice">
            <h3>{t('setup.existingPasskeyHeading')}</h3>
            <p>{t('setup.existingPasskeyText')}</p>
            <button
              type="button"
              className={signedInPrf ? 'button button-secondary' : 'button button-primary'}
              data-testid="setup-passkey-existing"
              aria-busy={busy && add.variables === 'existing'}
              onClick={() => run('existing')}
            >
              {t('setup.useExistingPasskey')}
            </button>
          </div>
          <form
            className="choice"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              run('new');
            }}
          >
            <h3>{t('setup.newPasskeyHeading')}</h3>
            <p>{t('setup.newPasskeyText')}</p>
            <label htmlFor={nameId}>{t('passkeys.nameLabel')}</label>
            <p id={nameHintId} className="hint">
              {t('passkeys.nameHint')}
            </p>
            <input
              id={nameId}
              data-testid="setup-passkey-name"
              value={name}
              maxLength={64}
              autoComplete="off"
              aria-describedby={nameHintId}
              onChange={(event) => setName(event.target.value)}
            />
            <div className="actions">
              <button
                type="submit"
                className="button button-secondary"
                data-testid="setup-passkey-create"
                aria-busy={busy && add.variables === 'new'}
              >
                {t('setup.createPasskey')}
              </button>
            </div>
          </form>
        </>
      )}
      <StatusMessage>{busy ? t('setup.passkeyWaiting') : null}</StatusMessage>
      {add.isError && !isVaultError(add.error, 'ERR_PASSKEY_NO_PRF') && (
        <ErrorAlert error={add.error} />
      )}
      {ready && (
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            data-testid="setup-passkey-next"
            onClick={onReady}
          >
            {t('setup.next')}
          </button>
        </div>
      )}
    </>
  );
}
