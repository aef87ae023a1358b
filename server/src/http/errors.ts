import { AppError, type AppErrorOptions } from './app-error.js';

/**
 * Constructors for the errors the transport layer raises. Modules raise their own codes
 * with `new AppError(...)`; these are the shared, cross-cutting ones.
 */
export const httpErrors = {
  validation: (message: string, options?: AppErrorOptions) =>
    new AppError('ERR_VALIDATION', 400, message, options),
  malformedJson: () =>
    new AppError('ERR_MALFORMED_JSON', 400, 'The request body is not valid JSON.'),
  payloadTooLarge: (limit: number) =>
    new AppError('ERR_PAYLOAD_TOO_LARGE', 413, `The request body is larger than ${limit} bytes.`),
  unsupportedMediaType: () =>
    new AppError('ERR_UNSUPPORTED_MEDIA_TYPE', 415, 'Send the request body as application/json.'),
  csrf: (detail: string) =>
    new AppError('ERR_CSRF', 403, 'This request did not come from the vault’s own pages.', {
      detail,
    }),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('ERR_RATE_LIMITED', 429, 'Too many attempts. Wait a moment and try again.', {
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  unauthenticated: () => new AppError('ERR_UNAUTHENTICATED', 401, 'Sign in to continue.'),
  notFound: (what = 'The resource') => new AppError('ERR_NOT_FOUND', 404, `${what} was not found.`),
  logUnavailable: (cause: unknown) =>
    new AppError(
      'ERR_LOG_UNAVAILABLE',
      503,
      'The vault cannot write to the access log right now, so it changed nothing. Try again in a minute.',
      { cause },
    ),
  /** The disk is full (RFC 4918 §11.5, 507 Insufficient Storage): nothing of the request was kept. */
  storageFull: (cause: unknown) =>
    new AppError(
      'ERR_STORAGE_FULL',
      507,
      'The vault has run out of storage space, so this was not saved. Nothing you saved before is lost. Try again later.',
      { expose: true, cause, headers: { 'Retry-After': '60' } },
    ),
  internal: (cause: unknown) =>
    new AppError('ERR_INTERNAL', 500, 'Something went wrong on our side. Try again later.', {
      expose: true,
      cause,
    }),
};
