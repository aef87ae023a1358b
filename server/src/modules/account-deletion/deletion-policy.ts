import { RECENT_SIGN_IN_MINUTES } from '../../contracts/index.js';
import { AppError } from '../../http/app-error.js';
import type { SessionRecord } from '../../storage/index.js';

/**
 * Deleting an account cannot be undone, so it asks for more than a live session (OWASP ASVS
 * V3.7.1, re-authentication before sensitive operations): the session must have been signed in
 * within the last {@link RECENT_SIGN_IN_MINUTES} minutes. A browser left signed in, or a session
 * cookie that leaked, is not enough; a resident who signed in a while ago signs in again (eID or
 * passkey — whichever they have; no vault key is needed, so a resident who lost every way to
 * unlock their vault can still leave).
 */
export function assertRecentSignIn(session: SessionRecord, now: Date): void {
  const age = now.getTime() - session.createdAt.getTime();
  if (age > RECENT_SIGN_IN_MINUTES * 60_000) {
    throw new AppError(
      'ERR_REAUTH_REQUIRED',
      403,
      `Sign in again to delete your account: it needs a sign-in from the last ${RECENT_SIGN_IN_MINUTES} minutes.`,
    );
  }
}
