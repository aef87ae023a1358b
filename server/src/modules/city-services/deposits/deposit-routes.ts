import { Router } from 'express';
import { prepareDepositBody, type DepositResponse } from '../../../contracts/index.js';
import { httpErrors } from '../../../http/errors.js';
import { readBoundedBody } from '../../../http/read-bounded-body.js';
import { validate } from '../../../http/validate.js';
import type { CityServicesDeps } from '../city-services-deps.js';
import { LOWERCASE_UUID } from '../lib/route-params.js';
import { currentService } from '../require-service.js';
import { depositErrors } from './deposit-errors.js';
import { MAX_DEPOSIT_REQUEST_BYTES, parseDepositBody } from './parse-deposit-body.js';
import { prepareDeposit } from './prepare-deposit.js';
import { storeDeposit } from './store-deposit.js';

/**
 * Deposits (behind requireService): ask for the resident's sealing key, then send the document
 * encrypted for them in one request (DESIGN §6).
 */
export function depositRoutes(deps: CityServicesDeps): Router {
  const router = Router();

  router.post('/deposits', async (req, res) => {
    const { nationalId } = validate(prepareDepositBody, req.body);
    res.json(await prepareDeposit(deps, nationalId));
  });

  router.put('/deposits/:documentId', async (req, res) => {
    const documentId = req.params['documentId'];
    if (typeof documentId !== 'string' || !LOWERCASE_UUID.test(documentId)) {
      throw httpErrors.validation('The request is not valid (documentId: a lowercase UUID).');
    }
    if (req.is('application/octet-stream') === false) throw depositErrors.unsupportedMediaType();
    const { prelude, chunks } = parseDepositBody(
      await readBoundedBody(req, MAX_DEPOSIT_REQUEST_BYTES),
    );
    const { created, document } = await storeDeposit(
      deps,
      currentService(res),
      documentId,
      prelude,
      chunks,
    );
    const body: DepositResponse = {
      documentId: document.id,
      ownerId: document.ownerId,
      version: 1,
    };
    res.status(created ? 201 : 200).json(body);
  });

  return router;
}
