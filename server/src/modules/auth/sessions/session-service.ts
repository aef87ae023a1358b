import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { clearCookie, readCookie, setCookie } from '../../../http/cookies.js';
import {
  StorageFullError,
  type ResidentRecord,
  type SessionRecord,
  type SignInMethod,
} from '../../../storage/index.js';
import { residentEvent } from '../../access-log/index.js';
import type { AuthDeps } from '../auth-deps.js';
import { createSessionToken, hashSessionToken } from './session-tokens.js';

/** A resolved, unexpired session and its resident. */
export interface CurrentSession {
  session: SessionRecord;
  resident: ResidentRecord;
}

/** lastSeenAt is written at most this often per session, to keep reads from becoming writes. */
const TOUCH_INTERVAL_MS = 60_000;

/** Session lifecycle: start at sign-in, resolve per request, end at sign-out or expiry (DESIGN §7). */
export class SessionService {
  readonly #deps: AuthDeps;
  constructor(deps: AuthDeps) {
    this.#deps = deps;
  }

  #hash(token: string): string {
    return hashSessionToken(this.#deps.config.sessionSecret, token);
  }

  /**
   * Starts a session with a fresh id (never reusing one the browser brought: session fixation)
   * and replaces the browser's previous session, if it had one.
   */
  async start(
    req: Request,
    res: Response,
    residentId: string,
    method: SignInMethod,
  ): Promise<SessionRecord> {
    const { config, storage } = this.#deps;
    const now = this.#deps.now();
    const token = createSessionToken();
    const previous = readCookie(req, config.cookieName);
    const session: SessionRecord = {
      idHash: this.#hash(token),
      publicId: randomBytes(16).toString('base64url'),
      residentId,
      method,
      userAgent: (req.get('user-agent') ?? '').slice(0, 512),
      createdAt: now,
      lastSeenAt: now,
      absoluteExpiresAt: new Date(now.getTime() + config.sessionAbsoluteMs),
    };
    // The sign-in is logged for the resident in the same transaction that creates the session.
    await storage.createSession(
      session,
      previous === undefined ? undefined : this.#hash(previous),
      this.#deps.accessLog.audit(() =>
        residentEvent(residentId, now, 'sign-in', { detail: { method } }),
      ),
    );
    setCookie(res, config.cookieName, token, {
      secure: config.cookieSecure,
      sameSite: 'Lax',
      maxAgeSeconds: config.sessionAbsoluteMs / 1000,
    });
    return session;
  }

  /**
   * The request's session if it exists and has neither idled out nor passed its absolute expiry.
   *
   * An unknown or expired session's cookie is left in the browser, never cleared here: the answer
   * to a request sent with a session that a sign-in has just replaced can arrive after the sign-in's
   * answer, and a clearing Set-Cookie would then delete the new session's cookie and sign the
   * resident out (seen as a flaky end-to-end test). A dead cookie is harmless — its value is
   * random and its session row gone — and the next sign-in overwrites it; sign-out clears it.
   */
  async resolve(req: Request, _res: Response): Promise<CurrentSession | null> {
    const { config, storage } = this.#deps;
    const token = readCookie(req, config.cookieName);
    if (token === undefined) return null;
    const idHash = this.#hash(token);
    const session = await storage.findSession(idHash);
    const now = this.#deps.now();
    if (!session) return null;
    const idleExpired = now.getTime() - session.lastSeenAt.getTime() >= config.sessionIdleMs;
    const absoluteExpired = now.getTime() >= session.absoluteExpiresAt.getTime();
    if (idleExpired || absoluteExpired) {
      await storage.deleteSession(idHash);
      return null;
    }
    const resident = await storage.getResident(session.residentId);
    if (!resident) return null;
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      // With the disk full the session stays usable for reading: the touch waits for the next
      // request (the idle clock runs from the last touch that was stored, never later).
      const touched = await storage.touchSession(idHash, now).then(
        () => true,
        (error: unknown) => {
          if (error instanceof StorageFullError) return false;
          throw error;
        },
      );
      if (touched) session.lastSeenAt = now;
    }
    return { session, resident };
  }

  /** When the session expires if the resident stays idle, capped by its absolute expiry. */
  expiresAt(session: SessionRecord): Date {
    const idle = session.lastSeenAt.getTime() + this.#deps.config.sessionIdleMs;
    return new Date(Math.min(idle, session.absoluteExpiresAt.getTime()));
  }

  /** Ends the request's session server-side and clears the cookie. */
  async end(req: Request, res: Response): Promise<void> {
    const { config, storage } = this.#deps;
    const token = readCookie(req, config.cookieName);
    if (token !== undefined) await storage.deleteSession(this.#hash(token));
    clearCookie(res, config.cookieName, config.cookieSecure);
  }
}
