import { apiGet } from '../../../lib/api';
import type { SessionListResponse, SessionView } from '../../../lib/api-types';

/** `GET /api/sessions`: where the resident is signed in, this device first. */
export async function listSessions(): Promise<SessionView[]> {
  const { sessions } = await apiGet<SessionListResponse>('/api/sessions');
  return [...sessions].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  );
}
