import { AppError } from '../../../http/app-error.js';

/** Why a read of the service's own grant was refused (the grant itself is never in doubt). */
export type GrantDenialReason = 'ended' | 'purpose' | 'not-covered' | 'service-disabled';

const GRANT_DENIALS: Record<GrantDenialReason, string> = {
  ended: 'This grant has ended (revoked by the resident, or expired): it releases no more keys.',
  purpose: 'State the grant’s purpose (?purpose=<code>): this grant was given for another purpose.',
  'not-covered': 'This document is not in this grant, or no key is sealed for your service yet.',
  'service-disabled': 'Your service is disabled.',
};

/** The city-services module's errors (codes in contracts/error-codes.ts, docs/api.md). */
export const serviceErrors = {
  /** RFC 6749 §5.2 `invalid_client`: the same answer whatever failed; the reason goes to the log. */
  authFailed: () =>
    new AppError('ERR_SERVICE_AUTH_FAILED', 401, 'The client could not be authenticated.'),
  /** RFC 6749 §5.2 `invalid_request`. */
  invalidRequest: (message: string) =>
    new AppError('ERR_SERVICE_TOKEN_REQUEST_INVALID', 400, message),
  /** RFC 6749 §5.2 `unsupported_grant_type`. */
  unsupportedGrant: () =>
    new AppError(
      'ERR_SERVICE_GRANT_UNSUPPORTED',
      400,
      'The only grant type the vault issues tokens for is client_credentials.',
    ),
  /**
   * RFC 6750 §3: no token (the challenge carries no error code, §3.1) or a token that is unknown,
   * expired, or whose service was disabled (`error="invalid_token"`).
   */
  tokenInvalid: (presented: boolean) =>
    new AppError(
      'ERR_SERVICE_TOKEN_INVALID',
      401,
      'Send a valid access token from /api/v1/service/token as Authorization: Bearer.',
      {
        headers: {
          'WWW-Authenticate': presented ? 'Bearer error="invalid_token"' : 'Bearer',
        },
      },
    ),
  /** The service used up its quota on the service API for this window (issue 6). */
  quotaExceeded: (retryAfterSeconds: number) =>
    new AppError(
      'ERR_SERVICE_QUOTA_EXCEEDED',
      429,
      'Your service has used up its quota of requests for now. Wait for Retry-After seconds.',
      { headers: { 'Retry-After': String(retryAfterSeconds) } },
    ),

  /** Another service's request or grant is answered exactly like a missing one. */
  notFound: (what: string) => new AppError('ERR_NOT_FOUND', 404, `${what} was not found.`),
  /** The purpose or legal basis is not one the operator registered for this service. */
  purposeNotAllowed: (what: 'purpose' | 'legal basis') =>
    new AppError(
      'ERR_PURPOSE_NOT_ALLOWED',
      403,
      `This ${what} is not one registered for your service. Ask the vault's operator to register it.`,
    ),
  unknownResident: () =>
    new AppError(
      'ERR_UNKNOWN_RESIDENT',
      404,
      'No resident of this vault has this national identifier (they must sign in once first).',
    ),
  /** The resident has no keys yet, so nothing can be sealed to them. */
  residentNotEnrolled: () =>
    new AppError(
      'ERR_NOT_ENROLLED',
      409,
      'This resident has not set up their vault yet, so nothing can be deposited for them. Try again later.',
    ),
  /** A refused read of the service's own grant; the resident's log records it too. */
  grantDenied: (reason: GrantDenialReason) =>
    new AppError('ERR_GRANT_DENIED', 403, GRANT_DENIALS[reason], { detail: reason }),
  logUnavailable: (cause: unknown) =>
    new AppError(
      'ERR_LOG_UNAVAILABLE',
      503,
      'The vault cannot record this access in the resident’s access log right now, so it released nothing. Try again in a minute.',
      { cause },
    ),
};
