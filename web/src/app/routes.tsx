import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { Spinner } from '../components/spinner';
import { AuthCallbackPage } from '../features/auth-callback/auth-callback-page';
import { HomePage } from '../features/home/home-page';
import { SignInPage } from '../features/sign-in/sign-in-page';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';
import { RequireSignedIn } from './require-signed-in';
import { RequireSignedOut } from './require-signed-out';
import { RouteErrorPage } from './route-error-page';

// Loaded on demand: keeps the registration ceremony and account UI out of the sign-in bundle.
const AccountPage = lazy(() =>
  import('../features/account/account-page').then((module) => ({ default: module.AccountPage })),
);

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
                { index: true, element: <HomePage /> },
                {
                  path: 'account',
                  element: (
                    <Suspense fallback={<Spinner />}>
                      <AccountPage />
                    </Suspense>
                  ),
                },
              ],
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
