import type { Request } from 'express';
import type { AppError } from '../../../http/app-error.js';
import { httpErrors } from '../../../http/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A path parameter that must be an id. A malformed id names nothing, so it is answered with
 * `notFound()`: the same answer as an unknown id, or another resident's.
 */
export function idParam(req: Request, name: string, notFound: () => AppError): string {
  const value = req.params[name];
  if (typeof value !== 'string' || !UUID.test(value)) throw notFound();
  return value;
}

/** A version number in the path (1, 2, …); anything else names no version. */
export function versionParam(req: Request, notFound: () => AppError): number {
  const value = req.params['version'];
  if (typeof value !== 'string' || !/^[1-9]\d{0,8}$/.test(value)) throw notFound();
  return Number(value);
}

/** The `from` query parameter of a chunk upload: the index of the first chunk in the body. */
export function fromQuery(req: Request): number {
  const value = req.query['from'];
  if (typeof value !== 'string' || !/^(0|[1-9]\d{0,8})$/.test(value)) {
    throw httpErrors.validation(
      'The request is not valid (from: the index of the first chunk, 0 or more).',
    );
  }
  return Number(value);
}
