import type { CityServiceRecord, ReleaseResult } from '../../../storage/index.js';
import type { CityServicesDeps } from '../city-services-deps.js';
import { serviceErrors } from '../lib/service-errors.js';
import { serviceEvent, statedPurpose } from '../lib/service-event.js';

/** A released document: what the stream needs, from the transaction that logged the read. */
export type ReleasedDocument = Extract<ReleaseResult, { ok: true }>;

/**
 * A service's read of a granted document (DESIGN §1 promise 2, §6): storage checks the grant
 * (the service's own, active, this purpose, this document) and appends the log entry in the one
 * transaction that releases the sealed key — `document.read` with purpose, legal basis and grant,
 * or `access.denied` with the reason when the grant is this service's. No entry, no key: if the
 * entry cannot be written, nothing is released (503). A grant that is not this service's is
 * answered 404 and logged nowhere (it concerns no resident of the service's).
 */
export async function releaseGrantedDocument(
  deps: Pick<CityServicesDeps, 'storage' | 'accessLog' | 'logger' | 'now'>,
  service: CityServiceRecord,
  read: { grantId: string; documentId: string; purposeCode: string },
): Promise<ReleasedDocument> {
  const { storage, accessLog, logger } = deps;
  const now = deps.now();
  const purpose = statedPurpose(service, read.purposeCode);
  let result: ReleaseResult;
  try {
    result = await storage.releaseGrantedDocument(
      { serviceId: service.id, ...read, now },
      accessLog.audit((outcome) => {
        if (outcome.ok) {
          return serviceEvent(service, outcome.grant.residentId, now, 'document.read', {
            document: {
              id: outcome.document.id,
              category: outcome.document.category,
              version: outcome.version.version,
            },
            purpose,
            legalBasis: outcome.grant.legalBasis,
            grantId: outcome.grant.id,
          });
        }
        const { grant } = outcome;
        if (grant === null || grant.serviceId !== service.id) return null;
        return serviceEvent(service, grant.residentId, now, 'access.denied', {
          document: { id: read.documentId, category: null },
          purpose,
          legalBasis: grant.legalBasis,
          grantId: grant.id,
          outcome: 'denied',
          detail: { reason: outcome.reason },
        });
      }),
    );
  } catch (error) {
    throw serviceErrors.logUnavailable(error);
  }
  if (!result.ok) {
    logger.info(
      {
        service: service.id,
        grant: read.grantId,
        document: read.documentId,
        reason: result.reason,
      },
      'granted read refused',
    );
    if (result.reason === 'not-found' || result.grant?.serviceId !== service.id) {
      throw serviceErrors.notFound('This grant');
    }
    throw serviceErrors.grantDenied(result.reason);
  }
  logger.info(
    { service: service.id, grant: read.grantId, document: read.documentId },
    'granted document released',
  );
  return result;
}
