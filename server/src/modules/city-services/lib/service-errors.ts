import { AppError } from '../../../http/app-error.js';

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
};
