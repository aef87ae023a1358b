import { Router, type RequestHandler } from 'express';
import type {
  EndOtherSessionsResponse,
  MeResponse,
  SessionListResponse,
} from '../../../contracts/index.js';
import { AppError } from '../../../http/app-error.js';
import type { AuthDeps } from '../auth-deps.js';
import { presentMe, presentSession } from '../presenters.js';
import { currentSession } from './require-session.js';
import type { SessionService } from './session-service.js';

/** The signed-in resident, their sessions, and sign-out. */
export function sessionRoutes(
  deps: AuthDeps,
  sessions: SessionService,
  guards: { requireSession: RequestHandler },
): Router {
  const { storage } = deps;
  const router = Router();

  router.get('/me', guards.requireSession, (_req, res) => {
    const current = currentSession(res);
    const body: MeResponse = { resident: presentMe(current, sessions.expiresAt(current.session)) };
    res.json(body);
  });

  router.post('/auth/sign-out', async (req, res) => {
    await sessions.end(req, res);
    res.status(204).end();
  });

  router.get('/sessions', guards.requireSession, async (_req, res) => {
    const { session, resident } = currentSession(res);
    const body: SessionListResponse = {
      sessions: (await storage.listSessions(resident.id)).map((s) =>
        presentSession(s, session.idHash),
      ),
    };
    res.json(body);
  });

  router.post('/sessions/end-others', guards.requireSession, async (_req, res) => {
    const { session, resident } = currentSession(res);
    const body: EndOtherSessionsResponse = {
      ended: await storage.deleteOtherSessions(resident.id, session.idHash),
    };
    res.json(body);
  });

  router.delete('/sessions/:id', guards.requireSession, async (req, res) => {
    const { resident } = currentSession(res);
    if (!(await storage.deleteSessionByPublicId(resident.id, String(req.params['id'])))) {
      throw new AppError('ERR_SESSION_NOT_FOUND', 404, 'This session was not found.');
    }
    res.status(204).end();
  });

  return router;
}
