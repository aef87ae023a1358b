import type {
  DocumentCategory,
  ServiceGrantStatus,
  ServiceGrantView,
} from '../../../contracts/index.js';
import type { GrantRecord, VaultStorage } from '../../../storage/index.js';

/** Where a grant stands at `now`: ended by the resident, ended by time, or active. */
export function grantStatus(grant: GrantRecord, now: Date): ServiceGrantStatus {
  if (grant.endReason === 'revoked') return 'revoked';
  if (grant.endReason === 'expired' || grant.expiresAt.getTime() <= now.getTime()) {
    return 'expired';
  }
  return 'active';
}

/**
 * A grant as its service sees it, with the documents whose keys are sealed to it now (none once
 * it ended): ids, versions, categories and ciphertext sizes — what it needs to plan its reads.
 */
export async function presentServiceGrant(
  storage: Pick<VaultStorage, 'listGrantKeys' | 'getDocument'>,
  grant: GrantRecord,
  now: Date,
): Promise<ServiceGrantView> {
  const status = grantStatus(grant, now);
  const keys = status === 'active' ? await storage.listGrantKeys(grant.id) : [];
  const documents: ServiceGrantView['documents'] = [];
  for (const key of keys) {
    const found = await storage.getDocument(grant.residentId, key.documentId);
    const version = found?.versions.find((v) => v.version === key.version);
    // A document the resident deleted since keeps no key worth listing.
    if (!found || !version) continue;
    documents.push({
      id: key.documentId,
      version: key.version,
      category: found.document.category,
      size: version.size,
    });
  }
  return {
    id: grant.id,
    requestId: grant.requestId,
    status,
    purpose: grant.purposeCode,
    legalBasis: grant.legalBasis,
    categories: [...grant.categories] as DocumentCategory[],
    standing: grant.standing,
    expiresAt: grant.expiresAt.toISOString(),
    createdAt: grant.createdAt.toISOString(),
    documents,
  };
}
