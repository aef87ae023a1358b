import { Navigate, Outlet } from 'react-router';
import { ErrorAlert } from '../components/error-alert';
import { Spinner } from '../components/spinner';
import { useT } from '../lib/i18n';
import { useMe } from '../lib/me-query';

/** Route guard: renders the child routes for a signed-in resident, else goes to sign-in. */
export function RequireSignedIn() {
  const t = useT();
  const me = useMe();
  if (me.isPending) return <Spinner />;
  if (me.isError) {
    return (
      <ErrorAlert error={me.error}>
        <button type="button" className="button" onClick={() => void me.refetch()}>
          {t('common.retry')}
        </button>
      </ErrorAlert>
    );
  }
  if (me.data === null) return <Navigate to="/sign-in" replace />;
  return <Outlet />;
}
