import { Navigate, Outlet } from 'react-router';
import { useMe } from '../lib/me-query';

/**
 * Route guard for the sign-in page: a signed-in resident goes home. While `/api/me` is loading
 * or failing, the page still shows, since signing in must never depend on it.
 */
export function RequireSignedOut() {
  const { data: me } = useMe();
  if (me) return <Navigate to="/" replace />;
  return <Outlet />;
}
