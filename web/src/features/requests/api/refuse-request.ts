import { apiPost } from '../../../lib/api';

/** `POST /api/requests/:id/refuse`: the service gets nothing for this request. */
export async function refuseRequest(requestId: string): Promise<void> {
  await apiPost<unknown>(`/api/requests/${encodeURIComponent(requestId)}/refuse`);
}
