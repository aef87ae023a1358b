import { randomUUID } from 'node:crypto';
import type * as WebAuthnLibraryModule from '@simplewebauthn/server';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { AppError } from '../../../http/app-error.js';
import type { ChallengePurpose, PasskeyRecord, ResidentRecord } from '../../../storage/index.js';
import { residentEvent } from '../../access-log/index.js';
import type { AuthDeps } from '../auth-deps.js';

type WebAuthnLibrary = typeof WebAuthnLibraryModule;

/**
 * @simplewebauthn/server and its ASN.1 dependencies take ~0.35 s to load on this machine: loaded
 * on the first ceremony, not at start-up (docs/performance.md, "Start-up").
 */
let webauthnLibrary: Promise<WebAuthnLibrary> | undefined;
const webauthn = () => (webauthnLibrary ??= import('@simplewebauthn/server'));

/** A WebAuthn ceremony must finish within this time (also the `timeout` hint to the browser). */
const CHALLENGE_TTL_MS = 5 * 60_000;

const verificationFailed = (detail: string, cause?: unknown) =>
  new AppError('ERR_PASSKEY_VERIFICATION_FAILED', 401, 'The passkey could not be verified.', {
    detail,
    cause,
  });

const challengeFailed = (detail: string) =>
  new AppError(
    'ERR_PASSKEY_CHALLENGE',
    400,
    'This passkey request has expired or was already used. Try again.',
    { detail },
  );

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The challenge the browser signed, read from clientDataJSON (WebAuthn §5.8.1). */
function challengeOf(response: { response: { clientDataJSON?: unknown } }): string {
  const clientDataJSON = response.response.clientDataJSON;
  if (typeof clientDataJSON !== 'string' || clientDataJSON.length > 4096) {
    throw verificationFailed('clientDataJSON missing or too long');
  }
  try {
    const clientData = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as {
      challenge?: unknown;
    };
    if (typeof clientData.challenge !== 'string') throw new Error('no challenge');
    return clientData.challenge;
  } catch (error) {
    throw verificationFailed(`clientDataJSON unreadable: ${describe(error)}`);
  }
}

/**
 * The PRF output is a secret of the browser's (DESIGN §7): a response that still carries it is
 * refused, so that a client bug cannot silently leak it into server memory or logs.
 */
function refusePrfOutput(response: { clientExtensionResults: object }): void {
  if ('prf' in response.clientExtensionResults) {
    throw new AppError(
      'ERR_PASSKEY_PRF_LEAKED',
      400,
      'The browser sent a passkey secret it must keep. Update the page and try again.',
    );
  }
}

/** The WebAuthn user handle for a resident: the UTF-8 bytes of their id (not personal data). */
export function userHandleFor(residentId: string): string {
  return Buffer.from(residentId, 'utf8').toString('base64url');
}

/** Passkey ceremonies (DESIGN §7): one method per ceremony step, challenges stored server-side. */
export class PasskeyService {
  readonly #deps: AuthDeps;
  constructor(deps: AuthDeps) {
    this.#deps = deps;
  }

  async #saveChallenge(
    challenge: string,
    purpose: ChallengePurpose,
    residentId: string | null,
  ): Promise<void> {
    const now = this.#deps.now();
    await this.#deps.storage.saveChallenge({
      challenge,
      purpose,
      residentId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    });
  }

  /** Options for adding a passkey to a signed-in resident's account. */
  async registrationOptions(
    resident: ResidentRecord,
  ): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const { config, storage } = this.#deps;
    const existing = await storage.listPasskeys(resident.id);
    const options = await (
      await webauthn()
    ).generateRegistrationOptions({
      rpName: config.rpName,
      rpID: config.rpId,
      userID: new TextEncoder().encode(resident.id),
      userName: resident.displayName,
      userDisplayName: resident.displayName,
      attestationType: 'none',
      timeout: CHALLENGE_TTL_MS,
      excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    await this.#saveChallenge(options.challenge, 'passkey.register', resident.id);
    return options;
  }

  /** Verifies a registration response and stores the new passkey. */
  async register(
    resident: ResidentRecord,
    name: string,
    response: RegistrationResponseJSON,
  ): Promise<PasskeyRecord> {
    const { config, storage } = this.#deps;
    refusePrfOutput(response);
    const challenge = challengeOf(response);
    const stored = await storage.takeChallenge(challenge, 'passkey.register', this.#deps.now());
    if (!stored) throw challengeFailed('registration challenge unknown, used or expired');
    if (stored.residentId !== resident.id) {
      throw challengeFailed('registration challenge issued to another resident');
    }
    let verification;
    try {
      verification = await (
        await webauthn()
      ).verifyRegistrationResponse({
        response,
        expectedChallenge: stored.challenge,
        expectedOrigin: config.publicOrigin,
        expectedRPID: config.rpId,
        requireUserVerification: true,
      });
    } catch (error) {
      throw verificationFailed(`registration: ${describe(error)}`, error);
    }
    if (!verification.verified) throw verificationFailed('registration not verified');
    const info = verification.registrationInfo;
    const now = this.#deps.now();
    const passkey: PasskeyRecord = {
      id: randomUUID(),
      residentId: resident.id,
      credentialId: info.credential.id,
      publicKey: info.credential.publicKey,
      counter: info.credential.counter,
      transports: (info.credential.transports ?? []).slice(0, 8),
      name,
      backedUp: info.credentialBackedUp,
      createdAt: now,
      lastUsedAt: null,
    };
    const logged = this.#deps.accessLog.audit((added: boolean) =>
      added ? residentEvent(resident.id, now, 'passkey.added') : null,
    );
    if (!(await storage.addPasskey(passkey, logged))) {
      throw new AppError(
        'ERR_PASSKEY_ALREADY_REGISTERED',
        409,
        'This passkey is already registered.',
      );
    }
    return passkey;
  }

  /** Options for signing in with a passkey alone (discoverable credential, no user named). */
  async signInOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const options = await (
      await webauthn()
    ).generateAuthenticationOptions({
      rpID: this.#deps.config.rpId,
      userVerification: 'required',
      timeout: CHALLENGE_TTL_MS,
      allowCredentials: [],
    });
    await this.#saveChallenge(options.challenge, 'passkey.sign-in', null);
    return options;
  }

  /**
   * Verifies a sign-in assertion: the challenge is consumed first (so a replayed assertion finds
   * it gone), then signature, origin, RP ID, user verification and the signature counter.
   */
  async signIn(response: AuthenticationResponseJSON): Promise<PasskeyRecord> {
    const { storage } = this.#deps;
    refusePrfOutput(response);
    const challenge = challengeOf(response);
    const stored = await storage.takeChallenge(challenge, 'passkey.sign-in', this.#deps.now());
    if (!stored) throw challengeFailed('sign-in challenge unknown, used or expired');
    const passkey = await storage.findPasskeyByCredentialId(response.id);
    if (!passkey) throw verificationFailed('unknown credential id');
    try {
      return await this.#verifySignIn(response, passkey, stored.challenge);
    } catch (error) {
      await this.#logFailedSignIn(passkey.residentId);
      throw error;
    }
  }

  /** Checks a sign-in assertion against a known passkey and records its use. */
  async #verifySignIn(
    response: AuthenticationResponseJSON,
    passkey: PasskeyRecord,
    expectedChallenge: string,
  ): Promise<PasskeyRecord> {
    const { config, storage } = this.#deps;
    const userHandle = response.response.userHandle;
    if (userHandle !== undefined && userHandle !== userHandleFor(passkey.residentId)) {
      throw verificationFailed('userHandle names another resident than the credential');
    }
    let verification;
    try {
      verification = await (
        await webauthn()
      ).verifyAuthenticationResponse({
        response,
        expectedChallenge,
        expectedOrigin: config.publicOrigin,
        expectedRPID: config.rpId,
        credential: {
          id: passkey.credentialId,
          publicKey: new Uint8Array(passkey.publicKey),
          counter: passkey.counter,
          transports: passkey.transports as never,
        },
        requireUserVerification: true,
      });
    } catch (error) {
      const message = describe(error);
      if (/counter/i.test(message)) {
        throw new AppError(
          'ERR_PASSKEY_COUNTER',
          401,
          'This passkey may have been copied. Sign in with your eID and check your passkeys.',
          { detail: message },
        );
      }
      throw verificationFailed(`authentication: ${message}`, error);
    }
    if (!verification.verified) throw verificationFailed('authentication not verified');
    const { newCounter } = verification.authenticationInfo;
    const now = this.#deps.now();
    if (!(await storage.recordPasskeyUse(passkey.id, passkey.counter, newCounter, now))) {
      throw new AppError('ERR_PASSKEY_COUNTER', 401, 'The passkey could not be verified.', {
        detail: 'counter changed concurrently',
      });
    }
    return { ...passkey, counter: newCounter, lastUsedAt: now };
  }

  /**
   * A failed sign-in on an existing account is the resident's business: it is logged for them. A
   * log failure is reported to the operator but does not change the answer (still a refusal).
   */
  async #logFailedSignIn(residentId: string): Promise<void> {
    await this.#deps.accessLog
      .record({
        at: this.#deps.now(),
        residentId,
        actor: { kind: 'resident', id: null },
        action: 'sign-in.failed',
        outcome: 'failed',
        detail: { method: 'passkey' },
      })
      .catch((error: unknown) => {
        this.#deps.logger.error({ err: error }, 'access log: a failed sign-in was not logged');
      });
  }
}
