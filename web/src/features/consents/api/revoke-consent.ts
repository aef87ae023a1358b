import { apiPost } from '../../../lib/api';

/** `POST /api/consents/:id/revoke`: the service's keys are deleted; no more reads from now on. */
export async function revokeConsent(consentId: string): Promise<void> {
  await apiPost<unknown>(`/api/consents/${encodeURIComponent(consentId)}/revoke`);
}
