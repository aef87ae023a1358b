import { Router } from 'express';
import type { ConsentAuth, ConsentDeps } from './consent-deps.js';

export type { ConsentAuth, ConsentDeps } from './consent-deps.js';

/** The consent module's routers, for the composition in app.ts. */
export interface ConsentModule {
  /** The resident's side (requests inbox, answers, consents, live events): mount under `/api`. */
  api: Router;
}

/**
 * Builds the consent module (issue 5, DESIGN §6): what a resident does with city services'
 * requests and the consents that answer them.
 */
export function createConsentModule(_deps: ConsentDeps, _auth: ConsentAuth): ConsentModule {
  return { api: Router() };
}
