import { Router } from 'express';
import { deleteAccountBody } from '../../contracts/index.js';
import { clearCookie } from '../../http/cookies.js';
import { validate } from '../../http/validate.js';
import { currentSession } from '../auth/index.js';
import type { AccountDeletionDeps, AccountDeletionGuards } from './account-deletion-deps.js';
import { deleteAccount } from './delete-account.js';
import { assertRecentSignIn } from './deletion-policy.js';

/**
 * `POST /api/account/delete`: session (and, before it, the `/api` CSRF/Origin guard) → the
 * confirmation → a recent sign-in → delete → the signed receipt, with the session cookie cleared
 * (the session row went with the account).
 */
export function accountDeletionRoutes(
  deps: AccountDeletionDeps,
  guards: AccountDeletionGuards,
): Router {
  const router = Router();
  router.post('/account/delete', guards.requireSession, async (req, res) => {
    const { session, resident } = currentSession(res);
    validate(deleteAccountBody, req.body);
    assertRecentSignIn(session, deps.now());
    const body = await deleteAccount(deps, guards.receiptSigner, resident.id);
    clearCookie(res, deps.config.cookieName, deps.config.cookieSecure);
    res
      .set('Content-Disposition', 'attachment; filename="account-deletion-receipt.json"')
      .json(body);
  });
  return router;
}
