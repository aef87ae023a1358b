import { apiDelete } from '../../../lib/api';

/** `DELETE /api/passkeys/:id`; the server refuses to remove the last way to sign in. */
export function removePasskey(id: string): Promise<void> {
  return apiDelete(`/api/passkeys/${encodeURIComponent(id)}`);
}
