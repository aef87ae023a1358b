import { Router } from 'express';
import { createServiceRequestBody, type ServiceRequestResponse } from '../../../contracts/index.js';
import { rateLimit } from '../../../http/rate-limit.js';
import { validate } from '../../../http/validate.js';
import type { CityServicesDeps } from '../city-services-deps.js';
import { idParam } from '../lib/route-params.js';
import { serviceErrors } from '../lib/service-errors.js';
import { currentService } from '../require-service.js';
import { createServiceRequest } from './create-service-request.js';
import { findRequestGrant } from './find-request-grant.js';
import { presentServiceRequest } from './present-service-request.js';

const requestNotFound = () => serviceErrors.notFound('This request');

/**
 * A service's requests (behind requireService): file one (rate-limited per service), read where
 * one of its own stands. Another service's request is answered exactly like a missing one.
 */
export function requestRoutes(deps: CityServicesDeps): Router {
  const { config, storage, now } = deps;
  const router = Router();

  router.post(
    '/requests',
    rateLimit({
      name: 'service-requests',
      limit: config.rateLimitServiceRequests,
      windowMs: config.rateLimitWindowMs,
      // Per service, not per address: one city office may sit behind one gateway with others.
      key: (req) => currentService(req.res!).id,
    }),
    async (req, res) => {
      const body = validate(createServiceRequestBody, req.body);
      const request = await createServiceRequest(deps, currentService(res), body);
      const answer: ServiceRequestResponse = {
        request: presentServiceRequest(request, null, now()),
      };
      res.status(201).json(answer);
    },
  );

  router.get('/requests/:id', async (req, res) => {
    const id = idParam(req, 'id', requestNotFound);
    const service = currentService(res);
    const request = await storage.getServiceRequest(id);
    if (!request || request.serviceId !== service.id) throw requestNotFound();
    const grantId =
      request.status === 'approved' ? await findRequestGrant(storage, service.id, id) : null;
    const answer: ServiceRequestResponse = {
      request: presentServiceRequest(request, grantId, now()),
    };
    res.json(answer);
  });

  return router;
}
