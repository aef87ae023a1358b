import type { ConsentView } from '../../../contracts/consent.js';
import type { ConsentDeps } from '../consent-deps.js';
import { consentErrors } from '../lib/consent-errors.js';
import { consentEvent, grantSubject } from '../lib/consent-event.js';
import { findOwnConsent, viewConsent } from './read-consents.js';

/**
 * `POST /api/consents/:id/revoke` (DESIGN §1 promise 4): ends the resident's own active consent
 * and deletes every key sealed for it, with its log entry, in one transaction; from the next read
 * on, the service gets nothing. An ended consent is 409 ERR_GRANT_NOT_ACTIVE.
 */
export async function revokeConsent(
  deps: ConsentDeps,
  residentId: string,
  id: string,
): Promise<ConsentView> {
  const { storage, accessLog, notifier } = deps;
  const now = deps.now();
  const grant = await findOwnConsent(deps, residentId, id);
  const service = await storage.getCityService(grant.serviceId);
  const outcome = await storage.revokeGrant(
    grant.id,
    residentId,
    now,
    accessLog.audit((o) =>
      o === 'revoked'
        ? consentEvent(residentId, now, 'grant.revoked', grantSubject(grant, service))
        : null,
    ),
  );
  if (outcome === 'not-found') throw consentErrors.consentNotFound();
  if (outcome === 'not-active') throw consentErrors.grantNotActive();
  deps.logger.info({ resident: residentId, consent: grant.id }, 'consent revoked');
  notifier.publish(residentId, { type: 'consent.updated', consentId: grant.id });
  return viewConsent(deps, (await storage.getGrant(grant.id)) ?? grant);
}
