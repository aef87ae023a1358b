import express, { Router } from 'express';
import { serviceTokenRequest } from '../../contracts/index.js';
import { apiNotFound } from '../../http/error-handler.js';
import { jsonBody } from '../../http/json-body.js';
import { rateLimit } from '../../http/rate-limit.js';
import serviceApiDocument from '../../../../docs/api/service-api.openapi.json' with { type: 'json' };
import type { CityServicesDeps } from './city-services-deps.js';
import { depositRoutes } from './deposits/deposit-routes.js';
import { grantRoutes } from './grants/grant-routes.js';
import { issueServiceToken } from './issue-service-token.js';
import { oauthErrorHandler } from './lib/oauth-error-handler.js';
import { serviceErrors } from './lib/service-errors.js';
import { createServiceKeyCache } from './lib/service-key-cache.js';
import { toServiceProfile } from './presenters.js';
import { currentService, requireService } from './require-service.js';
import { requestRoutes } from './requests/request-routes.js';

/** Parameters a token request may carry; more is not a token request (RFC 6749 §4.4.2, 7521 §4.2). */
const MAX_FORM_PARAMETERS = 16;

/**
 * The city-service API, mounted at `/api/v1/service` outside the resident's `/api` router: services
 * send no cookies and no Origin, so neither the session nor the cookie-CSRF guard applies here.
 * `POST /token` is the token endpoint and `GET /openapi.json` describes the API; every other route
 * sits behind {@link requireService} and the service's quota: requests, grants and granted reads,
 * deposits.
 */
export function serviceRoutes(deps: CityServicesDeps): Router {
  const { config, storage, logger, now } = deps;
  const tokenDeps = { ...deps, importKey: createServiceKeyCache() };
  const router = Router();
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.post(
    '/token',
    rateLimit({
      name: 'service-token',
      limit: config.rateLimitServiceToken,
      windowMs: config.rateLimitWindowMs,
    }),
    (req, _res, next) => {
      // RFC 6749 §4.4.2: form-encoded; §2.3: one client authentication method per request.
      if (!req.is('application/x-www-form-urlencoded')) {
        return next(serviceErrors.invalidRequest('Send application/x-www-form-urlencoded.'));
      }
      if (req.get('authorization') !== undefined) {
        return next(
          serviceErrors.invalidRequest('Authenticate with client_assertion only, not a header.'),
        );
      }
      next();
    },
    express.urlencoded({
      extended: false,
      limit: config.bodyLimitBytes,
      parameterLimit: MAX_FORM_PARAMETERS,
    }),
    async (req, res) => {
      const form = serviceTokenRequest.safeParse(req.body ?? {});
      if (!form.success) {
        throw serviceErrors.invalidRequest('A parameter is repeated or too long.');
      }
      const body = await issueServiceToken(tokenDeps, form.data);
      res.set('Pragma', 'no-cache').json(body);
    },
  );
  router.use('/token', oauthErrorHandler(logger));

  // The API's description (OpenAPI 3.1), public like any API documentation.
  router.get('/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(serviceApiDocument);
  });

  const guarded = Router();
  guarded.use(requireService(storage, now));
  // Each service's quota over the whole API (issue 6), counted after authentication so that one
  // service's flood never uses up another's; on the vault's clock, so tests can move past a window.
  guarded.use(
    rateLimit({
      name: 'service-quota',
      limit: config.serviceQuota.limit,
      windowMs: config.serviceQuota.windowMs,
      now: () => now().getTime(),
      key: (req) => currentService(req.res!).id,
      refuse: serviceErrors.quotaExceeded,
    }),
  );
  guarded.use(jsonBody(config.bodyLimitBytes));
  guarded.get('/profile', (_req, res) => {
    res.json(toServiceProfile(currentService(res)));
  });
  guarded.use(requestRoutes(deps));
  guarded.use(grantRoutes(deps));
  guarded.use(depositRoutes(deps));
  router.use(guarded);
  router.use(apiNotFound);
  return router;
}
