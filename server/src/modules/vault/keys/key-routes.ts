import { Router, type RequestHandler } from 'express';
import {
  addSlotRequest,
  enrolRequest,
  replaceRecoveryRequest,
  type VaultStateResponse,
} from '../../../contracts/index.js';
import { validate } from '../../../http/validate.js';
import { currentSession } from '../../auth/index.js';
import { vaultErrors } from '../lib/vault-errors.js';
import { idParam } from '../lib/route-params.js';
import type { KeyService } from './key-service.js';

/** The vault's keys and ways to unlock: state, enrolment, slots, recovery kit. */
export function keyRoutes(keys: KeyService, guards: { requireSession: RequestHandler }): Router {
  const router = Router();

  router.get('/vault', guards.requireSession, async (_req, res) => {
    const body: VaultStateResponse = await keys.state(currentSession(res).resident.id);
    res.json(body);
  });

  router.post('/vault/enrol', guards.requireSession, async (req, res) => {
    const request = validate(enrolRequest, req.body);
    const { resident } = currentSession(res);
    await keys.enrol(resident.id, request);
    res.status(201).json(await keys.state(resident.id));
  });

  router.post('/vault/slots', guards.requireSession, async (req, res) => {
    const { slot } = validate(addSlotRequest, req.body);
    const { resident } = currentSession(res);
    await keys.addSlot(resident.id, slot);
    res.status(201).json(await keys.state(resident.id));
  });

  router.delete('/vault/slots/:id', guards.requireSession, async (req, res) => {
    const slotId = idParam(req, 'id', vaultErrors.slotNotFound);
    await keys.removeSlot(currentSession(res).resident.id, slotId);
    res.status(204).end();
  });

  router.put('/vault/recovery', guards.requireSession, async (req, res) => {
    const { slot } = validate(replaceRecoveryRequest, req.body);
    const { resident } = currentSession(res);
    await keys.replaceRecovery(resident.id, slot);
    res.json(await keys.state(resident.id));
  });

  return router;
}
