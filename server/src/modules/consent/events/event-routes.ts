import { Router, type RequestHandler, type Response } from 'express';
import type { ResidentEvent } from '../../../contracts/consent.js';
import { currentSession } from '../../auth/index.js';
import type { ConsentDeps } from '../consent-deps.js';
import { consentErrors } from '../lib/consent-errors.js';

/** Writes to the stream now: any compression middleware (which adds `flush`) must not hold it. */
function send(res: Response, text: string): void {
  res.write(text);
  (res as Response & { flush?: () => void }).flush?.();
}

/** One server-sent event (WHATWG HTML §9.2): its type, and its JSON on one `data:` line. */
export function formatEvent(event: ResidentEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * `GET /api/events`: the signed-in resident's live events as server-sent events (DESIGN §6: the
 * inbox updates live). A comment line every heartbeat keeps proxies from closing an idle stream;
 * at each heartbeat the session is looked up again, so a stream ends soon after its session does
 * (sign-out, expiry, ended from another device). A resident may hold a few streams at once.
 *
 * The count of open streams is this node's (issue 7): with N nodes a resident may hold up to
 * N × VAULT_EVENTS_MAX_STREAMS, one node's share each. It bounds one node's open connections,
 * which is what it is for; the events themselves reach every node (notifications/pg-notifier.ts).
 */
export function eventRoutes(deps: ConsentDeps, guards: { requireSession: RequestHandler }): Router {
  const { notifier, storage, config } = deps;
  const { maxEventStreams, eventsHeartbeatMs } = config.consent;
  const open = new Map<string, number>();
  const router = Router();

  router.get('/events', guards.requireSession, (req, res) => {
    const { session, resident } = currentSession(res);
    const count = open.get(resident.id) ?? 0;
    if (count >= maxEventStreams) throw consentErrors.tooManyStreams(maxEventStreams);
    open.set(resident.id, count + 1);

    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // nginx and similar proxies buffer responses unless told not to.
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    send(res, ': open\n\n');

    const unsubscribe = notifier.subscribe(resident.id, (event) => send(res, formatEvent(event)));
    const stillSignedIn = async (): Promise<boolean> => {
      const found = await storage.findSession(session.idHash);
      const now = deps.now().getTime();
      return (
        found !== null &&
        now < found.absoluteExpiresAt.getTime() &&
        now - found.lastSeenAt.getTime() < config.sessionIdleMs
      );
    };
    const heartbeat = setInterval(() => {
      stillSignedIn().then(
        (alive) => (alive ? send(res, ': heartbeat\n\n') : res.end()),
        (error: unknown) => {
          deps.logger.warn({ err: error }, 'event stream: session check failed; stream ended');
          res.end();
        },
      );
    }, eventsHeartbeatMs);

    let closed = false;
    res.on('close', () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      const left = (open.get(resident.id) ?? 1) - 1;
      if (left > 0) open.set(resident.id, left);
      else open.delete(resident.id);
    });
  });

  return router;
}
