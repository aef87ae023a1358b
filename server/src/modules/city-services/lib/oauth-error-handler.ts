import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ErrorCode, OAuthErrorBody, OAuthErrorCode } from '../../../contracts/index.js';
import { AppError, isAppError } from '../../../http/app-error.js';
import { serviceErrors } from './service-errors.js';

/** RFC 6749 §5.2's `error` for each code the token endpoint can answer with. */
const OAUTH_ERRORS: Partial<Record<ErrorCode, OAuthErrorCode>> = {
  ERR_SERVICE_AUTH_FAILED: 'invalid_client',
  ERR_SERVICE_GRANT_UNSUPPORTED: 'unsupported_grant_type',
};

/** What body-parser throws: a status and a type (`entity.too.large`, `parameters.too.many`…). */
interface BodyParserError {
  type: string;
  status: number;
}

const isBodyParserError = (err: unknown): err is BodyParserError =>
  typeof err === 'object' &&
  err !== null &&
  typeof (err as BodyParserError).type === 'string' &&
  typeof (err as BodyParserError).status === 'number';

/**
 * The token endpoint's error answer (RFC 6749 §5.2): `{ error, error_description }` for OAuth
 * client libraries, beside the vault's own `code` and `message`, with `Cache-Control: no-store`.
 * Every 4xx gets an RFC `error` (`invalid_request` unless the code maps to another: a 429 or 413
 * keeps its own `code`); a server error goes on to the central error handler.
 */
export function oauthErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    let appError: AppError;
    if (isAppError(err)) appError = err;
    else if (isBodyParserError(err) && err.type === 'entity.too.large') {
      appError = new AppError('ERR_PAYLOAD_TOO_LARGE', 413, 'The request body is too large.');
    } else if (isBodyParserError(err) && err.status < 500) {
      appError = serviceErrors.invalidRequest('The request body could not be read as a form.');
    } else return next(err);
    if (appError.status >= 500 || res.headersSent) return next(appError);

    logger.info(
      {
        code: appError.code,
        status: appError.status,
        detail: appError.detail,
        method: req.method,
        path: req.path,
      },
      'request refused',
    );
    const message = appError.expose ? appError.message : 'The request could not be completed.';
    const body: OAuthErrorBody = {
      error: OAUTH_ERRORS[appError.code] ?? 'invalid_request',
      error_description: message,
      code: appError.code,
      message,
    };
    res
      .status(appError.status)
      .set({ ...appError.headers, 'Cache-Control': 'no-store', Pragma: 'no-cache' })
      .json(body);
  };
}
