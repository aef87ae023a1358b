import type { Request, RequestHandler } from 'express';
import { httpErrors } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery check for every state-changing request: the browser's `Origin` must be
 * the vault's own. Without `Origin`, `Sec-Fetch-Site: same-origin` is accepted; a request that
 * carries neither is refused (every browser that runs the web app sends at least one).
 * Requests with a body must also be JSON, which an HTML form cannot send cross-site; the requests
 * `acceptsOctetStream` names (chunk uploads) may instead be `application/octet-stream`, which no
 * form can send either, and which a script on another origin can send only after a CORS preflight
 * that the vault never answers. The Origin check above applies to them all the same.
 */
export function csrfGuard(
  publicOrigin: string,
  options: { acceptsOctetStream?: (req: Request) => boolean } = {},
): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get('origin');
    if (origin !== undefined) {
      if (origin !== publicOrigin) return next(httpErrors.csrf(`origin ${origin}`));
    } else if (req.get('sec-fetch-site') !== 'same-origin') {
      return next(httpErrors.csrf('no Origin and no same-origin Sec-Fetch-Site'));
    }
    const hasBody =
      req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
    if (hasBody && !req.is('application/json')) {
      const binary = req.is('application/octet-stream') && options.acceptsOctetStream?.(req);
      if (!binary) return next(httpErrors.unsupportedMediaType());
    }
    next();
  };
}
