import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { Spinner } from '../components/spinner';
import { AuthCallbackPage } from '../features/auth-callback/auth-callback-page';
import { SignInPage } from '../features/sign-in/sign-in-page';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';
import { RequireSignedIn } from './require-signed-in';
import { RequireSignedOut } from './require-signed-out';
import { RequireUnlockedVault } from './require-unlocked-vault';
import { RouteErrorPage } from './route-error-page';

// Loaded on demand: keeps the ceremonies, the vault pages, the account UI and the access log out
// of the sign-in bundle. The vault worker (and libsodium with it) is a chunk of its own, started
// by these pages.
const AccessLogPage = lazy(() =>
  import('../features/access-log/access-log-page').then((module) => ({
    default: module.AccessLogPage,
  })),
);
const AccountPage = lazy(() =>
  import('../features/account/account-page').then((module) => ({ default: module.AccountPage })),
);
const ConsentsPage = lazy(() =>
  import('../features/consents/consents-page').then((module) => ({
    default: module.ConsentsPage,
  })),
);
const RequestPage = lazy(() =>
  import('../features/requests/request-page').then((module) => ({
    default: module.RequestPage,
  })),
);
const RequestsPage = lazy(() =>
  import('../features/requests/requests-page').then((module) => ({
    default: module.RequestsPage,
  })),
);
const DocumentsPage = lazy(() =>
  import('../features/documents/documents-page').then((module) => ({
    default: module.DocumentsPage,
  })),
);
const SetupPage = lazy(() =>
  import('../features/vault-setup/setup-page').then((module) => ({ default: module.SetupPage })),
);
const UnlockPage = lazy(() =>
  import('../features/unlock/unlock-page').then((module) => ({ default: module.UnlockPage })),
);

/** A lazily loaded page with the loading status while its code arrives. */
function page(element: ReactNode) {
  return <Suspense fallback={<Spinner />}>{element}</Suspense>;
}

/** The app's routes; guards are pathless layout routes. */
export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      children: [
        {
          errorElement: <RouteErrorPage />,
          children: [
            {
              element: <RequireSignedOut />,
              children: [{ path: 'sign-in', element: <SignInPage /> }],
            },
            { path: 'auth/callback', element: <AuthCallbackPage /> },
            {
              element: <RequireSignedIn />,
              children: [
                {
                  element: <RequireUnlockedVault />,
                  children: [
                    { index: true, element: page(<DocumentsPage />) },
                    { path: 'requests', element: page(<RequestsPage />) },
                    { path: 'requests/:id', element: page(<RequestPage />) },
                    { path: 'consents', element: page(<ConsentsPage />) },
                  ],
                },
                { path: 'setup', element: page(<SetupPage />) },
                { path: 'unlock', element: page(<UnlockPage />) },
                { path: 'account', element: page(<AccountPage />) },
                { path: 'access-log', element: page(<AccessLogPage />) },
              ],
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
