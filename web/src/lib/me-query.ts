import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { ApiError, apiGet } from './api';
import type { Me, MeResponse } from './api-types';

/** `GET /api/me`; signed out is a normal state (`null`), not an error. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return (await apiGet<MeResponse>('/api/me')).resident;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The signed-in resident, or `null` when signed out. */
export const meQuery = queryOptions({
  queryKey: ['me'] as const,
  queryFn: fetchMe,
  staleTime: 60_000,
});

/** The signed-in resident (`data === null` when signed out). */
export function useMe() {
  return useQuery(meQuery);
}

/**
 * Records a fresh sign-in: drops anything cached for a previous session and stores the
 * resident. A `/api/me` still in flight from before the sign-in is cancelled first, so its
 * late 401 cannot overwrite the new state.
 */
export async function rememberSignedIn(queryClient: QueryClient, me: Me): Promise<void> {
  await queryClient.cancelQueries({ queryKey: meQuery.queryKey });
  forgetResidentData(queryClient);
  queryClient.setQueryData(meQuery.queryKey, me);
}

/**
 * Removes every cached query except the public config and `/api/me` itself (whose observers
 * stay subscribed, so the caller sets it rather than removing it).
 */
export function forgetResidentData(queryClient: QueryClient): void {
  queryClient.removeQueries({
    predicate: (query) => query.queryKey[0] !== 'config' && query.queryKey[0] !== 'me',
  });
}
