import { apiGet } from '../../../lib/api';
import type { PasskeyListResponse, PasskeyView } from '../../../lib/api-types';

/** `GET /api/passkeys`: the signed-in resident's passkeys. */
export async function listPasskeys(): Promise<PasskeyView[]> {
  return (await apiGet<PasskeyListResponse>('/api/passkeys')).passkeys;
}
