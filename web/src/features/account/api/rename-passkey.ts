import { apiPatch } from '../../../lib/api';
import type { PasskeyResponse, PasskeyView } from '../../../lib/api-types';

/** `PATCH /api/passkeys/:id` with a new display name. */
export async function renamePasskey(id: string, name: string): Promise<PasskeyView> {
  const path = `/api/passkeys/${encodeURIComponent(id)}`;
  return (await apiPatch<PasskeyResponse>(path, { name })).passkey;
}
