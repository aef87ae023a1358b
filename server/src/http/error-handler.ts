import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ErrorBody } from '../contracts/index.js';
import { LogAppendError, StorageFullError } from '../storage/index.js';
import { AppError, isAppError } from './app-error.js';
import { httpErrors } from './errors.js';
import { INVALID_UTF8 } from './json-body.js';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  /** http-errors' flag: the error describes the request, not a fault of the server. */
  expose?: boolean;
}

/** Translates whatever was thrown into an {@link AppError}: the one central error translator. */
function toAppError(err: unknown, bodyLimit: number): AppError {
  if (isAppError(err)) return err;
  if (err instanceof StorageFullError) return httpErrors.storageFull(err);
  // No change without its log entry: the write was rolled back with the entry that failed.
  if (err instanceof LogAppendError) return httpErrors.logUnavailable(err.cause);
  // The router could not percent-decode a path parameter (`/api/documents/%ff`): it names nothing.
  if (err instanceof URIError) {
    return new AppError('ERR_BAD_REQUEST', 400, 'The request path is not valid.');
  }
  const bp = err as BodyParserError;
  if (bp && typeof bp === 'object') {
    if (bp.type === 'entity.parse.failed') return httpErrors.malformedJson();
    if (bp.type === 'entity.too.large') return httpErrors.payloadTooLarge(bp.limit ?? bodyLimit);
    if (bp.type === 'encoding.unsupported' || bp.type === 'charset.unsupported') {
      return httpErrors.unsupportedMediaType();
    }
    if (bp.type === 'request.aborted' || bp.type === 'request.size.invalid') {
      return new AppError('ERR_BAD_REQUEST', 400, 'The request body was incomplete.');
    }
    if (bp.type === INVALID_UTF8) {
      return new AppError('ERR_BAD_REQUEST', 400, 'The request body is not valid UTF-8.');
    }
    // Any other client error from Express's own parts (http-errors: a 4xx status, `expose`),
    // such as a body whose gzip, deflate or brotli stream is corrupt: the client sent something
    // unreadable, a 400, never a 500 (issue 6, found by the fuzz test).
    if (
      bp.expose === true &&
      typeof bp.status === 'number' &&
      bp.status >= 400 &&
      bp.status < 500
    ) {
      if (bp.status === 413) return httpErrors.payloadTooLarge(bp.limit ?? bodyLimit);
      if (bp.status === 415) return httpErrors.unsupportedMediaType();
      if (bp.status === 404) return httpErrors.notFound();
      return new AppError('ERR_BAD_REQUEST', 400, 'The request could not be read.');
    }
  }
  return httpErrors.internal(err);
}

/**
 * The one error handler: JSON `{ error: { code, message } }`, the status of the error, no stack
 * trace outward. Server errors are logged with their cause; client errors at debug level.
 */
export function errorHandler(logger: Logger, bodyLimit: number): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const appError = toAppError(err, bodyLimit);
    const logObject = {
      code: appError.code,
      status: appError.status,
      detail: appError.detail,
      method: req.method,
      path: req.path,
    };
    if (appError.status >= 500)
      logger.error({ ...logObject, err: appError.cause ?? err }, 'request failed');
    else logger.info(logObject, 'request refused');

    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const [name, value] of Object.entries(appError.headers)) res.setHeader(name, value);
    const body: ErrorBody = {
      error: {
        code: appError.code,
        message: appError.expose ? appError.message : 'The request could not be completed.',
      },
    };
    res.status(appError.status).json(body);
  };
}

/** 404 for API paths no route answered. */
export const apiNotFound: RequestHandler = (_req, _res, next) => {
  next(httpErrors.notFound('This API endpoint'));
};
