import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { eidCallbackRequest, type MeResponse } from '../../../contracts/index.js';
import { AppError, isAppError } from '../../../http/app-error.js';
import { clearCookie, readCookie, setCookie } from '../../../http/cookies.js';
import { validate } from '../../../http/validate.js';
import type { AuthDeps } from '../auth-deps.js';
import { presentMe } from '../presenters.js';
import type { SessionService } from '../sessions/session-service.js';
import type { EidClient } from './eid-client.js';

/** How long a resident has to finish signing in at the eID provider. */
const TRANSACTION_TTL_MS = 10 * 60_000;

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * eID sign-in routes (OpenID Connect authorization code flow):
 * `GET /auth/eid/start` redirects to the provider; the provider redirects to the web app's
 * `/auth/callback`, which posts the query to `POST /api/auth/eid/callback`.
 */
export function eidRoutes(
  deps: AuthDeps,
  eid: EidClient,
  sessions: SessionService,
  guards: { signInRateLimit: RequestHandler },
): { start: Router; api: Router } {
  const { config, storage, logger } = deps;
  const txCookie = config.cookieSecure ? '__Host-cv_eid_tx' : 'cv_eid_tx';

  const start = Router();
  start.get('/auth/eid/start', guards.signInRateLimit, async (req: Request, res: Response) => {
    try {
      const auth = await eid.begin();
      const now = deps.now();
      const id = randomBytes(24).toString('base64url');
      await storage.saveOidcTransaction({
        id,
        state: auth.state,
        nonce: auth.nonce,
        codeVerifier: auth.codeVerifier,
        createdAt: now,
        expiresAt: new Date(now.getTime() + TRANSACTION_TTL_MS),
      });
      setCookie(res, txCookie, id, {
        secure: config.cookieSecure,
        sameSite: 'Lax',
        maxAgeSeconds: TRANSACTION_TTL_MS / 1000,
      });
      res.redirect(303, auth.url.href);
    } catch (error) {
      // A browser navigated here: send it back to the sign-in page with a code it can explain.
      if (isAppError(error) && req.accepts(['json', 'html']) === 'html') {
        logger.warn({ code: error.code, detail: error.detail }, 'eID sign-in could not start');
        res.redirect(303, `/sign-in?error=${error.code}`);
        return;
      }
      throw error;
    }
  });

  const api = Router();
  api.post('/auth/eid/callback', guards.signInRateLimit, async (req: Request, res: Response) => {
    const { query } = validate(eidCallbackRequest, req.body);
    const txId = readCookie(req, txCookie);
    clearCookie(res, txCookie, config.cookieSecure);
    const tx = txId === undefined ? null : await storage.takeOidcTransaction(txId, deps.now());
    if (!tx) {
      throw new AppError(
        'ERR_EID_NO_TRANSACTION',
        400,
        'This sign-in has expired or was already used. Start again from the sign-in page.',
      );
    }
    const params = new URLSearchParams(query);
    const state = params.get('state');
    if (state === null || !sameString(state, tx.state)) {
      throw new AppError(
        'ERR_EID_STATE_MISMATCH',
        400,
        'This sign-in response does not belong to your sign-in. Start again from the sign-in page.',
        { detail: state === null ? 'state missing' : 'state differs' },
      );
    }
    const callbackUrl = new URL(`${config.publicOrigin}/auth/callback`);
    callbackUrl.search = params.toString();
    const identity = await eid.complete(callbackUrl, tx);
    const resident = await storage.upsertResidentFromEid(identity, deps.now());
    const session = await sessions.start(req, res, resident.id, 'eid');
    logger.info({ resident: resident.id, acr: identity.acr }, 'eID sign-in');
    const body: MeResponse = {
      resident: presentMe({ session, resident }, sessions.expiresAt(session)),
    };
    res.json(body);
  });

  return { start, api };
}
