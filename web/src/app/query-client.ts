import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isUnauthenticated } from '../lib/api';
import { meQuery } from '../lib/me-query';
import { lockVaultNow, onVaultLock } from '../lib/vault/vault-client';
import { UNLOCKED_KEY } from '../lib/vault/vault-queries';

/** Retries only what may heal by itself: network failures and 5xx, twice. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return (error.status === 0 || error.status >= 500) && failureCount < 2;
}

/**
 * The query client. Any request answered "unauthenticated" (the session expired or was ended
 * from another device) marks the resident signed out, so the route guards send them to sign-in,
 * and locks the vault. Whenever the vault locks, everything decrypted is dropped from the cache.
 */
export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: onUnauthenticated }),
    mutationCache: new MutationCache({ onError: onUnauthenticated }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });

  function onUnauthenticated(error: unknown): void {
    if (!isUnauthenticated(error)) return;
    lockVaultNow();
    queryClient.setQueryData(meQuery.queryKey, null);
  }

  onVaultLock(() => queryClient.removeQueries({ queryKey: [UNLOCKED_KEY] }));

  return queryClient;
}
