import { Router, type RequestHandler } from 'express';
import { addConsentKeysBody, type ConsentResponse } from '../../../contracts/consent.js';
import { validate } from '../../../http/validate.js';
import { currentSession } from '../../auth/index.js';
import type { ConsentDeps } from '../consent-deps.js';
import { consentErrors } from '../lib/consent-errors.js';
import { idParam } from '../lib/route-params.js';
import type { ReceiptSigner } from '../receipts/receipt-signer.js';
import { addConsentKeys } from './add-consent-keys.js';
import { listConsents, readReceipt } from './read-consents.js';
import { revokeConsent } from './revoke-consent.js';

/**
 * The resident's consents (DESIGN §6): list, revoke, download the receipt, seal later documents
 * to a standing consent. Another resident's consent is answered like a missing one (404).
 */
export function consentRoutes(
  deps: ConsentDeps & { receiptSigner: ReceiptSigner },
  guards: { requireSession: RequestHandler },
): Router {
  const router = Router();
  const resident = (res: Parameters<typeof currentSession>[0]) => currentSession(res).resident.id;
  const consentId = (req: Parameters<typeof idParam>[0]) =>
    idParam(req, 'id', consentErrors.consentNotFound);

  router.get('/consents', guards.requireSession, async (_req, res) => {
    res.json(await listConsents(deps, resident(res)));
  });

  router.post('/consents/:id/revoke', guards.requireSession, async (req, res) => {
    const answer: ConsentResponse = {
      consent: await revokeConsent(deps, resident(res), consentId(req)),
    };
    res.json(answer);
  });

  router.get('/consents/:id/receipt', guards.requireSession, async (req, res) => {
    const id = consentId(req);
    const body = await readReceipt(deps, resident(res), id);
    res.set('Content-Disposition', `attachment; filename="consent-${id}.json"`).json(body);
  });

  router.post('/consents/:id/keys', guards.requireSession, async (req, res) => {
    const id = consentId(req);
    const body = validate(addConsentKeysBody, req.body);
    const answer: ConsentResponse = {
      consent: await addConsentKeys(deps, resident(res), id, body),
    };
    res.json(answer);
  });

  return router;
}
