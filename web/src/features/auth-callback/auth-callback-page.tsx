import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Spinner } from '../../components/spinner';
import { ApiError } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { rememberSignedIn } from '../../lib/me-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { completeEidSignIn } from './complete-eid-sign-in';

const noTransaction = new ApiError(400, 'ERR_EID_NO_TRANSACTION', 'No query string');

/** Where the eID provider sends the resident back: finish the sign-in, then go home. */
export function AuthCallbackPage() {
  const t = useT();
  useDocumentTitle(t('callback.title'));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const query = useLocation().search.slice(1);
  const [failure, setFailure] = useState<{ query: string; error: unknown } | null>(null);

  useEffect(() => {
    if (!query) return;
    let active = true;
    completeEidSignIn(query).then(
      async ({ resident }) => {
        await rememberSignedIn(queryClient, resident);
        if (active) await navigate('/', { replace: true });
      },
      (error: unknown) => {
        if (active) setFailure({ query, error });
      },
    );
    return () => {
      active = false;
    };
  }, [query, queryClient, navigate]);

  const error = query ? (failure?.query === query ? failure.error : null) : noTransaction;
  if (!error) {
    return (
      <>
        <h1>{t('callback.title')}</h1>
        <Spinner label={t('callback.working')} />
      </>
    );
  }
  return (
    <>
      <h1>{t('callback.failedHeading')}</h1>
      <ErrorAlert error={error}>
        <p>
          <Link to="/sign-in">{t('callback.backToSignIn')}</Link>
        </p>
      </ErrorAlert>
    </>
  );
}
