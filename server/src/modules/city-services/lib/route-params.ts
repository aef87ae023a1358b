import type { Request } from 'express';
import type { AppError } from '../../../http/app-error.js';

/** A lowercase UUID, as the vault makes ids and as a service must choose a deposit's id. */
export const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A path parameter that must be an id. A malformed id names nothing, so it is answered with
 * `notFound()`: the same answer as an unknown id, or another service's.
 */
export function idParam(req: Request, name: string, notFound: () => AppError): string {
  const value = req.params[name];
  if (typeof value !== 'string' || !LOWERCASE_UUID.test(value.toLowerCase())) throw notFound();
  return value.toLowerCase();
}
