import { Router, type RequestHandler } from 'express';
import { approveRequestBody, type ConsentResponse } from '../../../contracts/consent.js';
import { validate } from '../../../http/validate.js';
import { currentSession } from '../../auth/index.js';
import type { ConsentDeps } from '../consent-deps.js';
import { consentErrors } from '../lib/consent-errors.js';
import { idParam } from '../lib/route-params.js';
import type { ReceiptSigner } from '../receipts/receipt-signer.js';
import { approveRequest } from './approve-request.js';
import { listRequests, readRequest } from './read-requests.js';
import { refuseRequest } from './refuse-request.js';

/**
 * The resident's requests inbox (DESIGN §6): list, read, refuse, approve. Another resident's
 * request is answered exactly like a missing one (404 ERR_NOT_FOUND).
 */
export function requestRoutes(
  deps: ConsentDeps & { receiptSigner: ReceiptSigner },
  guards: { requireSession: RequestHandler },
): Router {
  const router = Router();
  const resident = (res: Parameters<typeof currentSession>[0]) => currentSession(res).resident.id;
  const requestId = (req: Parameters<typeof idParam>[0]) =>
    idParam(req, 'id', consentErrors.requestNotFound);

  router.get('/requests', guards.requireSession, async (_req, res) => {
    res.json(await listRequests(deps, resident(res)));
  });

  router.get('/requests/:id', guards.requireSession, async (req, res) => {
    res.json(await readRequest(deps, resident(res), requestId(req)));
  });

  router.post('/requests/:id/refuse', guards.requireSession, async (req, res) => {
    res.json({ request: await refuseRequest(deps, resident(res), requestId(req)) });
  });

  router.post('/requests/:id/approve', guards.requireSession, async (req, res) => {
    const id = requestId(req);
    const body = validate(approveRequestBody, req.body);
    const consent = await approveRequest(deps, resident(res), id, body);
    const answer: ConsentResponse = { consent };
    res.status(201).json(answer);
  });

  return router;
}
