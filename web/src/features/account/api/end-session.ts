import { apiDelete } from '../../../lib/api';

/** `DELETE /api/sessions/:id`: signs another device out. */
export function endSession(id: string): Promise<void> {
  return apiDelete(`/api/sessions/${encodeURIComponent(id)}`);
}
