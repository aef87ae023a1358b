import { Router, type RequestHandler } from 'express';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import {
  passkeyRegisterRequest,
  passkeyRenameRequest,
  passkeySignInRequest,
  type MeResponse,
  type PasskeyCreationOptionsResponse,
  type PasskeyListResponse,
  type PasskeyResponse,
  type PasskeySignInOptionsResponse,
} from '../../../contracts/index.js';
import { AppError } from '../../../http/app-error.js';
import { validate } from '../../../http/validate.js';
import { residentEvent } from '../../access-log/index.js';
import type { AuthDeps } from '../auth-deps.js';
import { presentMe, presentPasskey } from '../presenters.js';
import { currentSession } from '../sessions/require-session.js';
import type { SessionService } from '../sessions/session-service.js';
import type { PasskeyService } from './passkey-service.js';

const passkeyNotFound = () =>
  new AppError('ERR_PASSKEY_NOT_FOUND', 404, 'This passkey was not found.');

/** Passkey sign-in (signed out) and passkey management (signed in). */
export function passkeyRoutes(
  deps: AuthDeps,
  passkeys: PasskeyService,
  sessions: SessionService,
  guards: { signInRateLimit: RequestHandler; requireSession: RequestHandler },
): Router {
  const { storage, logger } = deps;
  const router = Router();

  router.post('/auth/passkey/options', guards.signInRateLimit, async (_req, res) => {
    const body: PasskeySignInOptionsResponse = { optionsJSON: await passkeys.signInOptions() };
    res.json(body);
  });

  router.post('/auth/passkey/verify', guards.signInRateLimit, async (req, res) => {
    const { response } = validate(passkeySignInRequest, req.body);
    const passkey = await passkeys.signIn(response as unknown as AuthenticationResponseJSON);
    const resident = await storage.getResident(passkey.residentId);
    if (!resident)
      throw new AppError(
        'ERR_PASSKEY_VERIFICATION_FAILED',
        401,
        'The passkey could not be verified.',
      );
    const session = await sessions.start(req, res, resident.id, 'passkey');
    logger.info({ resident: resident.id, passkey: passkey.id }, 'passkey sign-in');
    const body: MeResponse = {
      resident: presentMe({ session, resident }, sessions.expiresAt(session)),
    };
    res.json(body);
  });

  router.get('/passkeys', guards.requireSession, async (_req, res) => {
    const { resident } = currentSession(res);
    const body: PasskeyListResponse = {
      passkeys: (await storage.listPasskeys(resident.id)).map(presentPasskey),
    };
    res.json(body);
  });

  router.post('/passkeys/options', guards.requireSession, async (_req, res) => {
    const body: PasskeyCreationOptionsResponse = {
      optionsJSON: await passkeys.registrationOptions(currentSession(res).resident),
    };
    res.json(body);
  });

  router.post('/passkeys', guards.requireSession, async (req, res) => {
    const { name, response } = validate(passkeyRegisterRequest, req.body);
    const { resident } = currentSession(res);
    const passkey = await passkeys.register(
      resident,
      name,
      response as unknown as RegistrationResponseJSON,
    );
    logger.info({ resident: resident.id, passkey: passkey.id }, 'passkey added');
    const body: PasskeyResponse = { passkey: presentPasskey(passkey) };
    res.status(201).json(body);
  });

  router.patch('/passkeys/:id', guards.requireSession, async (req, res) => {
    const { name } = validate(passkeyRenameRequest, req.body);
    const residentId = currentSession(res).resident.id;
    const renamed = await storage.renamePasskey(
      residentId,
      String(req.params['id']),
      name,
      deps.accessLog.audit((done) =>
        done ? residentEvent(residentId, deps.now(), 'passkey.renamed') : null,
      ),
    );
    if (!renamed) throw passkeyNotFound();
    const body: PasskeyResponse = { passkey: presentPasskey(renamed) };
    res.json(body);
  });

  router.delete('/passkeys/:id', guards.requireSession, async (req, res) => {
    const { resident } = currentSession(res);
    const result = await storage.removePasskey(
      resident.id,
      String(req.params['id']),
      deps.accessLog.audit((outcome) =>
        outcome === 'removed' ? residentEvent(resident.id, deps.now(), 'passkey.removed') : null,
      ),
    );
    if (result === 'not-found') throw passkeyNotFound();
    if (result === 'last-sign-in-method') {
      throw new AppError(
        'ERR_LAST_SIGN_IN_METHOD',
        409,
        'This is your last way to sign in. Add another passkey before removing this one.',
      );
    }
    if (result === 'last-key-slot') {
      throw new AppError(
        'ERR_LAST_KEY_SLOT',
        409,
        'This passkey is your last way to unlock your documents. Add a passphrase or a new recovery kit first.',
      );
    }
    logger.info(
      { resident: resident.id, passkey: req.params['id'] },
      'passkey removed (with its key slot)',
    );
    res.status(204).end();
  });

  return router;
}
