import {
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  importJWK,
  jwtVerify,
  type JWTPayload,
} from 'jose';
import { SERVICE_ID_PATTERN } from '../../contracts/index.js';
import type { CityServiceRecord, VaultStorage } from '../../storage/index.js';
import type { ImportServiceKey } from './lib/service-key-cache.js';

/** How far the vault's clock may be ahead of a service's: `exp`, `nbf` and `iat` get this much. */
export const ASSERTION_CLOCK_SKEW_S = 30;
/** The latest `exp` accepted, counted from now (no skew added): an assertion is short-lived. */
export const ASSERTION_MAX_LIFETIME_S = 300;
/** RFC 7519 puts no bound on `jti`; the vault stores it, so it does. */
const MAX_JTI_LENGTH = 256;

/** Options for {@link verifyClientAssertion}. */
export interface VerifyClientAssertionOptions {
  /** The vault's issuer identifier (its public origin): `aud` must be exactly this one string. */
  expectedAudience: string;
  /** The request's `client_id`, if it sent one: `iss` must then equal it (RFC 7521 §4.2). */
  expectedClientId?: string | undefined;
  /** The registry, and the single-use record of `jti`s (shared by every node, kept on restart). */
  storage: Pick<VaultStorage, 'getCityService' | 'useServiceAssertion'>;
  now: () => Date;
  /** Imports the registered JWK; default `importJWK` every time (the module passes a cache). */
  importKey?: ImportServiceKey;
}

/** The outcome: the authenticated service, or why not (for the server log only, never the client). */
export type ClientAssertionResult =
  | { ok: true; service: CityServiceRecord }
  | {
      ok: false;
      /** For the log: what failed, without any part of the assertion. */
      reason: string;
      /** The claimed client id, when it had the form of one (unverified: for the log only). */
      clientId: string | undefined;
    };

/**
 * Authenticates a city service by its client assertion (`private_key_jwt`, RFC 7523 §3 and
 * RFC 7521 §5.2). Checks, all of which must pass: the service named by `iss` exists and is enabled;
 * the header's `alg` is the service's registered algorithm and its `kid` the registered key id
 * (so `none`, HS256 signed with the public key, or another key are refused before jose is asked);
 * the signature, with the registered public JWK; `iss` = `sub` = the client id; `aud` is exactly
 * the vault's issuer identifier, a single string (RFC 7523 §3 point 3; an array or the token
 * endpoint's URL is refused, so an assertion minted for another audience cannot be replayed here);
 * `iss` equals `client_id` when the request sent one; `exp` present and at most {@link ASSERTION_MAX_LIFETIME_S} ahead; `iat`, if present, not in the
 * future; `jti` present and never seen before for this service (RFC 7523 §3 point 7).
 *
 * The `jti` is consumed last, through storage, atomically: of concurrent requests with the same
 * assertion exactly one passes, on any node, also after a restart.
 */
export async function verifyClientAssertion(
  assertion: string,
  options: VerifyClientAssertionOptions,
): Promise<ClientAssertionResult> {
  const { expectedAudience, expectedClientId, storage, now } = options;
  const importKey = options.importKey ?? ((k) => importJWK(k.authJwk, k.authAlgorithm));
  const claimed = readClaimedClient(assertion);
  if (!claimed.ok) return { ok: false, reason: claimed.reason, clientId: undefined };
  const { header, clientId } = claimed;
  const refuse = (reason: string): ClientAssertionResult => ({ ok: false, reason, clientId });
  if (expectedClientId !== undefined && expectedClientId !== clientId) {
    return refuse('client_id is not the assertion’s iss');
  }

  const service = await storage.getCityService(clientId);
  if (!service) return refuse('unknown client');
  if (!service.enabled) return refuse('client disabled');
  if (header.alg !== service.authAlgorithm) {
    return refuse(`alg ${String(header.alg).slice(0, 20)} is not the registered algorithm`);
  }
  if (header.kid === undefined) return refuse('no kid');
  if (header.kid !== service.authKeyId) return refuse('kid is not the registered key');

  let payload: JWTPayload;
  try {
    const key = await importKey(service);
    ({ payload } = await jwtVerify(assertion, key, {
      algorithms: [service.authAlgorithm],
      issuer: clientId,
      subject: clientId,
      requiredClaims: ['exp', 'jti', 'aud'],
      currentDate: now(),
      clockTolerance: ASSERTION_CLOCK_SKEW_S,
    }));
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return refuse(`${error.code}: ${error.message}`);
    throw error;
  }

  // jose accepts an `aud` array that contains the audience; RFC 7523 §3 lets the server be
  // stricter, and a single exact value is what a service can always send.
  if (typeof payload.aud !== 'string') return refuse('aud is not a single string');
  if (payload.aud !== expectedAudience) return refuse('aud is not the vault');

  const nowS = now().getTime() / 1000;
  const exp = payload.exp!;
  if (exp > nowS + ASSERTION_MAX_LIFETIME_S) return refuse('exp is more than 5 minutes ahead');
  if (payload.iat !== undefined && payload.iat > nowS + ASSERTION_CLOCK_SKEW_S) {
    return refuse('iat is in the future');
  }
  const jti = payload.jti;
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_JTI_LENGTH) {
    return refuse('jti is not a string of 1 to 256 characters');
  }

  // The jti is remembered for as long as the assertion could still be accepted: `exp` plus the
  // skew jose allowed. Remembering it only until `exp` would let an assertion that arrived within
  // the skew be replayed once its record had expired.
  const acceptableUntil = new Date((exp + ASSERTION_CLOCK_SKEW_S) * 1000);
  if (!(await storage.useServiceAssertion(service.id, jti, acceptableUntil, now()))) {
    return refuse('jti already used');
  }
  return { ok: true, service };
}

/** Unverified reads of the header and `iss`, only to find whose key to verify with. */
function readClaimedClient(
  assertion: string,
):
  | { ok: true; header: ReturnType<typeof decodeProtectedHeader>; clientId: string }
  | { ok: false; reason: string } {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claimed: JWTPayload;
  try {
    header = decodeProtectedHeader(assertion);
    claimed = decodeJwt(assertion);
  } catch {
    return { ok: false, reason: 'not a JWT' };
  }
  if (typeof claimed.iss !== 'string' || !SERVICE_ID_PATTERN.test(claimed.iss)) {
    return { ok: false, reason: 'iss is not a client id' };
  }
  return { ok: true, header, clientId: claimed.iss };
}
