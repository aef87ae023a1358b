import { apiPost } from '../../lib/api';
import type { MeResponse } from '../../lib/api-types';

/** Requests already sent, by query string: the authorization code is single-use. */
const sent = new Map<string, Promise<MeResponse>>();

/**
 * `POST /api/auth/eid/callback` with the query string the eID provider redirected back with
 * (a code, or an error). Sent at most once per query string, however often it is called:
 * React StrictMode runs effects twice in development, and a second exchange would fail.
 */
export function completeEidSignIn(query: string): Promise<MeResponse> {
  let request = sent.get(query);
  if (!request) {
    request = apiPost<MeResponse>('/api/auth/eid/callback', { query });
    sent.set(query, request);
  }
  return request;
}
