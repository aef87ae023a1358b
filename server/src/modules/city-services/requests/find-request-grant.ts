import type { VaultStorage } from '../../../storage/index.js';

/** How many of a service's grants are searched for the one that answered a request. */
const GRANT_SEARCH_LIMIT = 10_000;

/**
 * The id of the grant that answered an approved request of this service. Storage links a grant to
 * its request (`GrantRecord.requestId`) but has no lookup by request yet, so this reads the
 * service's grants, newest first; a recent approval is near the front.
 */
export async function findRequestGrant(
  storage: Pick<VaultStorage, 'listServiceGrants'>,
  serviceId: string,
  requestId: string,
): Promise<string | null> {
  const grants = await storage.listServiceGrants(serviceId, GRANT_SEARCH_LIMIT);
  return grants.find((g) => g.requestId === requestId)?.id ?? null;
}
