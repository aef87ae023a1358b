import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorAlert } from '../components/error-alert';
import { Spinner } from '../components/spinner';
import { useT } from '../lib/i18n';
import { useVaultUnlocked } from '../lib/vault/vault-client';
import { useVaultState } from '../lib/vault/vault-queries';

/**
 * Route guard for the vault's own pages: a resident without a vault goes to the set-up, a
 * locked vault goes to the unlock page (and comes back here afterwards).
 */
export function RequireUnlockedVault() {
  const t = useT();
  const location = useLocation();
  const state = useVaultState();
  const unlocked = useVaultUnlocked();
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
  if (!unlocked) {
    return <Navigate to="/unlock" replace state={{ from: location.pathname }} />;
  }
  return <Outlet />;
}
