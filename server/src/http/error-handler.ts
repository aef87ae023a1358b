import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ErrorBody } from '../contracts/index.js';
import { StorageFullError } from '../storage/index.js';
import { AppError, isAppError } from './app-error.js';
import { httpErrors } from './errors.js';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** Translates whatever was thrown into an {@link AppError}: the one central error translator. */
function toAppError(err: unknown, bodyLimit: number): AppError {
  if (isAppError(err)) return err;
  if (err instanceof StorageFullError) return httpErrors.storageFull(err);
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
