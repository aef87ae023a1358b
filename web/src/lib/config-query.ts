import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from './api';
import type { PublicConfig } from './api-types';

/** `GET /api/config`: public facts that do not change while the page is open. */
export const configQuery = queryOptions({
  queryKey: ['config'] as const,
  queryFn: () => apiGet<PublicConfig>('/api/config'),
  staleTime: Infinity,
});

/** The vault's public configuration. */
export function useConfig() {
  return useQuery(configQuery);
}
