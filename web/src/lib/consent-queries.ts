import { queryOptions } from '@tanstack/react-query';
import { apiGet } from './api';
import type {
  ConsentListResponse,
  RequestDetailResponse,
  RequestListResponse,
} from './consent-types';

/**
 * The queries of consent (issue 5), shared by the requests and consents pages, the navigation's
 * count and the live events that invalidate them. None of them is decrypted: they survive a lock
 * and are dropped at sign-out with the rest of the resident's data.
 */

/** The first element of every request query key. */
export const REQUESTS_KEY = 'requests';
/** The first element of every consent query key. */
export const CONSENTS_KEY = 'consents';

/** `GET /api/requests`: the resident's requests, newest first. */
export const requestsQuery = queryOptions({
  queryKey: [REQUESTS_KEY, 'list'] as const,
  queryFn: ({ signal }) => apiGet<RequestListResponse>('/api/requests', { signal }),
  staleTime: 10_000,
});

/** `GET /api/requests/:id`: one request, the service's sealing key and the matching documents. */
export function requestQuery(id: string) {
  return queryOptions({
    queryKey: [REQUESTS_KEY, 'detail', id] as const,
    queryFn: ({ signal }) =>
      apiGet<RequestDetailResponse>(`/api/requests/${encodeURIComponent(id)}`, { signal }),
    staleTime: 10_000,
  });
}

/** `GET /api/consents`: every consent of the resident (ended ones too). */
export const consentsQuery = queryOptions({
  queryKey: [CONSENTS_KEY, 'list'] as const,
  queryFn: ({ signal }) => apiGet<ConsentListResponse>('/api/consents', { signal }),
  staleTime: 10_000,
});
