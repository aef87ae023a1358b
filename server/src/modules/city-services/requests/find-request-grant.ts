import type { VaultStorage } from '../../../storage/index.js';

/** The id of the grant that answered an approved request of this service (null if none). */
export async function findRequestGrant(
  storage: Pick<VaultStorage, 'getGrantByRequest'>,
  serviceId: string,
  requestId: string,
): Promise<string | null> {
  const grant = await storage.getGrantByRequest(requestId);
  return grant !== null && grant.serviceId === serviceId ? grant.id : null;
}
