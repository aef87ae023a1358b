import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { I18nProvider } from '../lib/i18n';
import { createQueryClient } from './query-client';
import { createAppRouter } from './routes';

const queryClient = createQueryClient();
const router = createAppRouter();

/** The whole web app: i18n, data cache, routes. */
export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>
  );
}
