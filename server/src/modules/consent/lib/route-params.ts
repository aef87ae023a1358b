import type { Request } from 'express';
import type { AppError } from '../../../http/app-error.js';

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
