import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { httpErrors } from '../../../http/errors.js';
import type { CurrentSession, SessionService } from './session-service.js';

/** The session that {@link requireSession} resolved for this request. */
export function currentSession(res: Response): CurrentSession {
  const current = res.locals['session'] as CurrentSession | undefined;
  if (!current) throw new TypeError('currentSession() used on a route without requireSession');
  return current;
}

/** Guard: the request must carry a live session, or it is answered 401 ERR_UNAUTHENTICATED. */
export function requireSession(sessions: SessionService): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const current = await sessions.resolve(req, res);
    if (!current) return next(httpErrors.unauthenticated());
    res.locals['session'] = current;
    next();
  };
}
