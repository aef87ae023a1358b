import type { AddConsentKeysBody, ConsentView } from '../../../contracts/consent.js';
import type { ConsentDeps } from '../consent-deps.js';
import { consentErrors } from '../lib/consent-errors.js';
import { consentEvent, grantSubject } from '../lib/consent-event.js';
import { decodeSealedKeys } from '../lib/sealed-keys.js';
import { findOwnConsent, viewConsent } from './read-consents.js';

/**
 * `POST /api/consents/:id/keys` (DESIGN §6, standing consent): the resident's browser seals
 * documents added since to the service; they join the consent with a log entry. Only an active,
 * standing consent takes them, and only documents of the resident in its categories.
 */
export async function addConsentKeys(
  deps: ConsentDeps,
  residentId: string,
  id: string,
  body: AddConsentKeysBody,
): Promise<ConsentView> {
  const { storage, accessLog, notifier } = deps;
  const now = deps.now();
  const keys = decodeSealedKeys(body.documents);
  if (new Set(keys.map((k) => k.documentId)).size !== keys.length) {
    throw consentErrors.duplicateDocument();
  }
  const grant = await findOwnConsent(deps, residentId, id);
  const service = await storage.getCityService(grant.serviceId);
  const outcome = await storage.addGrantKeys(
    grant.id,
    residentId,
    keys,
    now,
    accessLog.audit((o) =>
      o === 'added'
        ? consentEvent(residentId, now, 'grant.keys-added', {
            ...grantSubject(grant, service),
            detail: { documents: keys.length },
          })
        : null,
    ),
  );
  switch (outcome) {
    case 'added':
      break;
    case 'not-found':
      throw consentErrors.consentNotFound();
    case 'not-active':
      throw consentErrors.grantNotActive();
    case 'not-standing':
      throw consentErrors.notStanding();
    case 'document-not-found':
      throw consentErrors.documentNotFound();
    case 'category-not-granted':
      throw consentErrors.categoryNotGranted();
  }
  notifier.publish(residentId, { type: 'consent.updated', consentId: grant.id });
  return viewConsent(deps, grant);
}
