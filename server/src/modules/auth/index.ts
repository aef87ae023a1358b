import { Router } from 'express';
import { rateLimit } from '../../http/rate-limit.js';
import type { AuthDeps } from './auth-deps.js';
import type { EidClient } from './eid/eid-client.js';
import { eidRoutes } from './eid/eid-routes.js';
import { passkeyRoutes } from './passkeys/passkey-routes.js';
import { PasskeyService } from './passkeys/passkey-service.js';
import { requireSession } from './sessions/require-session.js';
import { SessionService } from './sessions/session-service.js';
import { sessionRoutes } from './sessions/session-routes.js';

export type { AuthDeps } from './auth-deps.js';
export type { EidClient, EidIdentity } from './eid/eid-client.js';
export { createOpenidEidClient } from './eid/openid-eid-client.js';
export { PRF_SALT_V1 } from './passkeys/prf-salt.js';
export { currentSession } from './sessions/require-session.js';

/** The auth module's routers and its session guard, for the composition in app.ts. */
export interface AuthModule {
  /** Browser navigations (`GET /auth/eid/start`), mounted at the root. */
  pages: Router;
  /** JSON API, mounted under `/api`. */
  api: Router;
  /** Session guard for other modules' routes. */
  requireSession: ReturnType<typeof requireSession>;
}

/** Builds the auth module: eID sign-in, passkeys, sessions (DESIGN §7). */
export function createAuthModule(deps: AuthDeps, eid: EidClient): AuthModule {
  const sessions = new SessionService(deps);
  const passkeys = new PasskeyService(deps);
  const guards = {
    signInRateLimit: rateLimit({
      name: 'sign-in',
      limit: deps.config.rateLimitSignIn,
      windowMs: deps.config.rateLimitWindowMs,
    }),
    requireSession: requireSession(sessions),
  };
  const eidRouters = eidRoutes(deps, eid, sessions, guards);
  const api = Router();
  api.use(eidRouters.api);
  api.use(passkeyRoutes(deps, passkeys, sessions, guards));
  api.use(sessionRoutes(deps, sessions, guards));
  return { pages: eidRouters.start, api, requireSession: guards.requireSession };
}
