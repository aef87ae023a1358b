import type { RequestHandler, Response } from 'express';
import type { CityServiceRecord, VaultStorage } from '../../storage/index.js';
import { hashAccessToken } from './lib/access-tokens.js';
import { serviceErrors } from './lib/service-errors.js';

/** RFC 6750 §2.1: `Bearer` (any case), one space, a `b64token`. */
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/** The service that {@link requireService} authenticated for this request. */
export function currentService(res: Response): CityServiceRecord {
  const service = res.locals['service'] as CityServiceRecord | undefined;
  if (!service) throw new TypeError('currentService() used on a route without requireService');
  return service;
}

/**
 * Guard for the city-service API: the request must carry `Authorization: Bearer <token>` for an
 * unexpired token of a service that is still registered and enabled (re-read on every request, so
 * disabling a service locks it out at once). Cookies play no part. Else 401
 * `ERR_SERVICE_TOKEN_INVALID` with an RFC 6750 §3 `WWW-Authenticate` challenge.
 */
export function requireService(
  storage: Pick<VaultStorage, 'findServiceToken' | 'getCityService'>,
  now: () => Date,
): RequestHandler {
  return async (req, res, next) => {
    const authorization = req.get('authorization');
    if (authorization === undefined || !/^Bearer(\s|$)/i.test(authorization)) {
      return next(serviceErrors.tokenInvalid(false));
    }
    const token = BEARER.exec(authorization)?.[1];
    if (token === undefined) return next(serviceErrors.tokenInvalid(true));
    const record = await storage.findServiceToken(hashAccessToken(token), now());
    const service = record && (await storage.getCityService(record.serviceId));
    if (!service?.enabled) return next(serviceErrors.tokenInvalid(true));
    res.locals['service'] = service;
    next();
  };
}
