import type { ResidentRequestView } from '../../../contracts/consent.js';
import type { ConsentDeps } from '../consent-deps.js';
import { consentErrors } from '../lib/consent-errors.js';
import { consentEvent } from '../lib/consent-event.js';
import { presentRequest } from '../presenters.js';
import { findOwnRequest } from './read-requests.js';

/**
 * `POST /api/requests/:id/refuse`: the resident says no to their own pending request. The refusal
 * and its log entry commit together; a request answered, withdrawn or past its answer-by date is
 * 409 ERR_REQUEST_NOT_PENDING.
 */
export async function refuseRequest(
  deps: ConsentDeps,
  residentId: string,
  requestId: string,
): Promise<ResidentRequestView> {
  const { storage, accessLog, notifier } = deps;
  const now = deps.now();
  const request = await findOwnRequest(deps, residentId, requestId);
  const service = await storage.getCityService(request.serviceId);
  const outcome = await storage.refuseServiceRequest(
    request.id,
    residentId,
    now,
    accessLog.audit((o) =>
      o === 'refused'
        ? consentEvent(residentId, now, 'request.refused', {
            service,
            serviceId: request.serviceId,
            purposeCode: request.purposeCode,
            legalBasis: request.legalBasis,
            detail: { request: request.id },
          })
        : null,
    ),
  );
  if (outcome === 'not-found') throw consentErrors.requestNotFound();
  if (outcome === 'not-pending') throw consentErrors.requestNotPending();
  deps.logger.info({ resident: residentId, request: request.id }, 'request refused');
  notifier.publish(residentId, { type: 'request.updated', requestId: request.id });
  const refused = (await storage.getServiceRequest(request.id)) ?? request;
  return presentRequest(refused, service, null, now);
}
