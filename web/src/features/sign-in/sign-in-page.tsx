import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { StatusMessage } from '../../components/status-message';
import { ApiError } from '../../lib/api';
import type { ErrorCode } from '../../lib/api-types';
import { configQuery, useConfig } from '../../lib/config-query';
import { useT } from '../../lib/i18n';
import { rememberSignedIn } from '../../lib/me-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { signInWithPasskey } from './sign-in-with-passkey';

/** Sign in with the city's eID (a full-page redirect) or with a passkey. */
export function SignInPage() {
  const t = useT();
  useDocumentTitle(t('signIn.title'));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const hintId = useId();
  const { data: config } = useConfig();
  const eidName = config?.eidName ?? t('common.eid');
  const passkeysSupported = browserSupportsWebAuthn();
  // The server sends a browser back here with `?error=CODE` when the eID sign-in could not start.
  // Only the code is used, to pick a translated message; unknown codes get the generic one.
  const [params] = useSearchParams();
  const startError = params.get('error');

  const passkey = useMutation({
    mutationFn: async () => {
      const { prfSalt } = await queryClient.fetchQuery(configQuery);
      return signInWithPasskey(prfSalt);
    },
    onSuccess: async ({ resident }) => {
      await rememberSignedIn(queryClient, resident);
      await navigate('/', { replace: true });
    },
  });

  return (
    <>
      <h1>{t('signIn.heading')}</h1>
      {startError && (
        <ErrorAlert error={new ApiError(0, startError as ErrorCode, 'eID sign-in did not start')} />
      )}
      <p className="lead">{t('signIn.intro')}</p>
      <div className="actions sign-in-actions">
        {/* A real link: the server answers with a redirect to the eID provider. */}
        <a className="button button-primary" href="/auth/eid/start" data-testid="eid-sign-in">
          {t('signIn.withEid', { eidName })}
        </a>
        <button
          type="button"
          className="button button-secondary"
          data-testid="passkey-sign-in"
          disabled={!passkeysSupported}
          aria-describedby={passkeysSupported ? undefined : hintId}
          aria-busy={passkey.isPending}
          onClick={() => {
            if (!passkey.isPending) passkey.mutate();
          }}
        >
          {t('signIn.withPasskey')}
        </button>
      </div>
      {!passkeysSupported && (
        <p id={hintId} className="hint">
          {t('signIn.passkeyUnsupported', { eidName })}
        </p>
      )}
      <StatusMessage>{passkey.isPending ? t('signIn.passkeyWaiting') : null}</StatusMessage>
      {passkey.isError && <ErrorAlert error={passkey.error} />}
    </>
  );
}
