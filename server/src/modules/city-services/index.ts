import type { Router } from 'express';
import type { CityServicesDeps } from './city-services-deps.js';
import { serviceRoutes } from './service-routes.js';

export type { CityServicesDeps } from './city-services-deps.js';
export {
  ASSERTION_CLOCK_SKEW_S,
  ASSERTION_MAX_LIFETIME_S,
  verifyClientAssertion,
} from './client-assertion.js';
export type { ClientAssertionResult, VerifyClientAssertionOptions } from './client-assertion.js';
export { currentService } from './require-service.js';
export { expireGrants } from './grants/expire-grants.js';
export { createServiceRequest } from './requests/create-service-request.js';

/** The city-services module's router, for the composition in app.ts. */
export interface CityServicesModule {
  /** The city-service API: mount at `/api/v1/service`, before the resident's `/api` router. */
  api: Router;
}

/** Builds the city-services module (issue 5, DESIGN §6): the token endpoint and the service API. */
export function createCityServicesModule(deps: CityServicesDeps): CityServicesModule {
  return { api: serviceRoutes(deps) };
}
