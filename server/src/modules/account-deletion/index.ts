import { Router } from 'express';
import type { AccountDeletionDeps, AccountDeletionGuards } from './account-deletion-deps.js';
import { accountDeletionRoutes } from './account-deletion-routes.js';

export type { AccountDeletionDeps, AccountDeletionGuards } from './account-deletion-deps.js';

/** The account-deletion module's router, for the composition in app.ts. */
export interface AccountDeletionModule {
  /** JSON API, mounted under `/api` behind the CSRF guard. */
  api: Router;
}

/**
 * Builds account deletion (GDPR Art. 17, issue 6): the resident deletes everything the vault holds
 * of theirs and gets a receipt signed with the vault's receipt key.
 */
export function createAccountDeletionModule(
  deps: AccountDeletionDeps,
  guards: AccountDeletionGuards,
): AccountDeletionModule {
  const api = Router();
  api.use(accountDeletionRoutes(deps, guards));
  return { api };
}
