import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Spinner } from '../../components/spinner';
import { StatusMessage } from '../../components/status-message';
import { configQuery } from '../../lib/config-query';
import { useT } from '../../lib/i18n';
import { useMe } from '../../lib/me-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import {
  evaluatePasskeyPrf,
  hasSignInPrfOutput,
  takeSignInPrfOutput,
} from '../../lib/vault/passkey-prf';
import type { UnlockSecret } from '../../lib/vault/protocol';
import { unlockVault, useVaultUnlocked } from '../../lib/vault/vault-client';
import { isVaultError } from '../../lib/vault/vault-error';
import { useVaultState } from '../../lib/vault/vault-queries';
import { WeakKdfAlarm } from './weak-kdf-alarm';

type Method = 'passkey' | 'passphrase' | 'recovery';

/** Where to go once unlocked: back to the page that asked, else the documents. */
function useReturnPath(): string {
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

/**
 * The vault is set up but locked: unlock with a passkey (a WebAuthn ceremony limited to the
 * passkeys that have a slot), the passphrase, or the recovery code. A passkey sign-in in this tab
 * has already produced the PRF output, so the vault opens without asking again.
 */
export function UnlockPage() {
  const t = useT();
  useDocumentTitle(t('unlock.title'));
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const state = useVaultState();
  const unlocked = useVaultUnlocked();
  const returnPath = useReturnPath();
  const passphraseId = useId();
  const recoveryId = useId();
  const recoveryHintId = useId();
  const [passphrase, setPassphrase] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const autoTried = useRef(false);

  const slots = state.data?.slots ?? [];
  const passkeyIds = slots
    .filter((s) => s.kind === 'passkey' && s.credentialId)
    .map((s) => s.credentialId as string);
  const hasPassphrase = slots.some((s) => s.kind === 'passphrase');
  const hasRecovery = slots.some((s) => s.kind === 'recovery');

  const unlock = useMutation({
    mutationFn: async (secret: UnlockSecret | 'passkey-ceremony' | 'passkey-sign-in') => {
      if (!me) throw new TypeError('not signed in');
      let offered: UnlockSecret;
      if (secret === 'passkey-sign-in') {
        const taken = takeSignInPrfOutput(passkeyIds);
        if (!taken) throw new TypeError('no sign-in PRF output');
        offered = { kind: 'passkey', ...taken };
      } else if (secret === 'passkey-ceremony') {
        const { prfSalt } = await queryClient.fetchQuery(configQuery);
        offered = { kind: 'passkey', ...(await evaluatePasskeyPrf(prfSalt, passkeyIds)) };
      } else {
        offered = secret;
      }
      await unlockVault(me.id, offered);
    },
    onSuccess: () => {
      setPassphrase('');
      setRecoveryCode('');
    },
  });

  // A passkey sign-in in this tab already gave the PRF output: use it once, at once.
  const canAutoUnlock = state.isSuccess && !unlocked && hasSignInPrfOutput(passkeyIds);
  useEffect(() => {
    if (!canAutoUnlock || autoTried.current) return;
    autoTried.current = true;
    unlock.mutate('passkey-sign-in');
  }, [canAutoUnlock, unlock]);

  if (!me) return null;
  if (state.isPending) return <Spinner />;
  if (state.isError) {
    return (
      <ErrorAlert error={state.error}>
        <button type="button" className="button" onClick={() => void state.refetch()}>
          {t('common.retry')}
        </button>
      </ErrorAlert>
    );
  }
  if (!state.data.enrolled) return <Navigate to="/setup" replace />;
  if (unlocked) return <Navigate to={returnPath} replace />;

  const asked = unlock.variables;
  const method: Method | null =
    asked === undefined ? null : typeof asked === 'string' ? 'passkey' : asked.kind;
  const weak = unlock.isError && isVaultError(unlock.error, 'ERR_WEAK_KDF_PARAMS');
  const errorFor = (m: Method) =>
    unlock.isError && method === m && !weak ? <ErrorAlert error={unlock.error} /> : null;
  const busy = unlock.isPending;
  const submit = (secret: UnlockSecret | 'passkey-ceremony') => {
    if (!busy) unlock.mutate(secret);
  };

  return (
    <>
      <h1 data-testid="welcome">{t('unlock.welcome', { name: me.displayName })}</h1>
      <p className="lead">{t('unlock.lead')}</p>
      {weak && <WeakKdfAlarm />}
      <StatusMessage>
        {busy
          ? method === 'passphrase'
            ? t('unlock.checkingPassphrase')
            : method === 'passkey'
              ? t('unlock.waitingPasskey')
              : t('unlock.checking')
          : null}
      </StatusMessage>

      {passkeyIds.length > 0 && (
        <section className="section unlock-method" aria-labelledby="unlock-passkey-heading">
          <h2 id="unlock-passkey-heading">{t('unlock.passkeyHeading')}</h2>
          <p>{t('unlock.passkeyText')}</p>
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              data-testid="unlock-passkey"
              disabled={!browserSupportsWebAuthn()}
              aria-busy={busy && method === 'passkey'}
              onClick={() => submit('passkey-ceremony')}
            >
              {t('unlock.withPasskey')}
            </button>
          </div>
          {errorFor('passkey')}
        </section>
      )}

      {hasPassphrase && (
        <section className="section unlock-method" aria-labelledby="unlock-passphrase-heading">
          <h2 id="unlock-passphrase-heading">{t('unlock.passphraseHeading')}</h2>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (passphrase !== '') submit({ kind: 'passphrase', passphrase });
            }}
          >
            <label htmlFor={passphraseId}>{t('unlock.passphraseLabel')}</label>
            <input
              id={passphraseId}
              type="password"
              data-testid="unlock-passphrase-input"
              autoComplete="current-password"
              spellCheck={false}
              value={passphrase}
              onChange={(event) => setPassphrase(event.target.value)}
            />
            <div className="actions">
              <button
                type="submit"
                className="button button-secondary"
                data-testid="unlock-passphrase-submit"
                aria-busy={busy && method === 'passphrase'}
              >
                {t('unlock.withPassphrase')}
              </button>
            </div>
          </form>
          {errorFor('passphrase')}
        </section>
      )}

      {hasRecovery && (
        <section className="section unlock-method" aria-labelledby="unlock-recovery-heading">
          <h2 id="unlock-recovery-heading">{t('unlock.recoveryHeading')}</h2>
          <p>{t('unlock.recoveryText')}</p>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (recoveryCode.trim() !== '') {
                submit({ kind: 'recovery', code: recoveryCode });
              }
            }}
          >
            <label htmlFor={recoveryId}>{t('unlock.recoveryLabel')}</label>
            <p id={recoveryHintId} className="hint">
              {t('unlock.recoveryHint')}
            </p>
            <input
              id={recoveryId}
              data-testid="unlock-recovery-input"
              className="input-code"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={recoveryCode}
              aria-describedby={recoveryHintId}
              onChange={(event) => setRecoveryCode(event.target.value)}
            />
            <div className="actions">
              <button
                type="submit"
                className="button button-secondary"
                data-testid="unlock-recovery-submit"
                aria-busy={busy && method === 'recovery'}
              >
                {t('unlock.withRecovery')}
              </button>
            </div>
          </form>
          {errorFor('recovery')}
        </section>
      )}
    </>
  );
}
