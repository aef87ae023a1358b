import { apiPost } from '../../../lib/api';
import type { EndOtherSessionsResponse } from '../../../lib/api-types';

/** `POST /api/sessions/end-others`: signs out everywhere but here; resolves how many ended. */
export async function endOtherSessions(): Promise<number> {
  return (await apiPost<EndOtherSessionsResponse>('/api/sessions/end-others')).ended;
}
