import { Router, type Request } from 'express';
import type { ServiceGrantListResponse, ServiceGrantResponse } from '../../../contracts/index.js';
import type { CityServicesDeps } from '../city-services-deps.js';
import { idParam } from '../lib/route-params.js';
import { serviceErrors } from '../lib/service-errors.js';
import { currentService } from '../require-service.js';
import { presentServiceGrant } from './present-service-grant.js';
import { releaseGrantedDocument } from './release-granted-document.js';
import { streamGrantedDocument } from './stream-granted-document.js';

/** The most grants one list answers with, newest first. */
export const MAX_GRANT_LIST = 200;

const grantNotFound = () => serviceErrors.notFound('This grant');

/**
 * The purpose a read states (`?purpose=<code>`). A missing or malformed one is not rejected here:
 * it reaches storage as '' so that the refusal is logged in the resident's log like any other.
 */
function statedPurposeCode(req: Request): string {
  const value = req.query['purpose'];
  return typeof value === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(value) ? value : '';
}

/**
 * What a service was granted (behind requireService): its grants, one grant, and the read of a
 * granted document, which releases the key sealed to the service with its log entry.
 */
export function grantRoutes(deps: CityServicesDeps): Router {
  const { storage, logger, notifier, now } = deps;
  const router = Router();

  router.get('/grants', async (_req, res) => {
    const service = currentService(res);
    const t = now();
    const grants = await storage.listServiceGrants(service.id, MAX_GRANT_LIST);
    const body: ServiceGrantListResponse = {
      grants: await Promise.all(grants.map((g) => presentServiceGrant(storage, g, t))),
    };
    res.json(body);
  });

  router.get('/grants/:id', async (req, res) => {
    const id = idParam(req, 'id', grantNotFound);
    const grant = await storage.getGrant(id);
    if (!grant || grant.serviceId !== currentService(res).id) throw grantNotFound();
    const body: ServiceGrantResponse = { grant: await presentServiceGrant(storage, grant, now()) };
    res.json(body);
  });

  router.get('/grants/:grantId/documents/:documentId', async (req, res) => {
    const grantId = idParam(req, 'grantId', grantNotFound);
    const documentId = idParam(req, 'documentId', grantNotFound);
    const service = currentService(res);
    const released = await releaseGrantedDocument(deps, service, {
      grantId,
      documentId,
      purposeCode: statedPurposeCode(req),
    });
    notifier.publish(released.grant.residentId, {
      type: 'document.read',
      consentId: released.grant.id,
      documentId: released.document.id,
      service: { id: service.id, name: { en: service.name.en, it: service.name.it } },
      at: now().toISOString(),
    });
    await streamGrantedDocument(res, storage, logger, released);
  });

  return router;
}
