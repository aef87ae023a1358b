import type { Request, RequestHandler } from 'express';
import type { AppError } from './app-error.js';
import { clientIp } from './client-ip.js';
import { httpErrors } from './errors.js';

/** Options for {@link rateLimit}. */
export interface RateLimitOptions {
  /** Bucket name: limits with different names count separately. */
  name: string;
  /** Requests allowed per window and key. */
  limit: number;
  windowMs: number;
  now?: () => number;
  key?: (req: Request) => string;
  /** The refusal (default 429 `ERR_RATE_LIMITED`); it should carry `Retry-After`. */
  refuse?: (retryAfterSeconds: number) => AppError;
}

/**
 * A fixed-window rate limit, in memory, per vault node (ADR 0019): a node answers 429 with
 * `Retry-After` once a key used up its window. Several nodes each allow `limit` (issue 7): behind
 * a load balancer that spreads a client's requests over N nodes, the effective limit is up to
 * N × `limit` per window — for sign-in, the token endpoint, requests and each service's quota
 * alike. That is the documented trade (docs/architecture.md, "Several nodes on PostgreSQL"): a
 * limit is a brake on floods, not an accounting, and a shared counter would put a database write
 * in front of every request.
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const now = options.now ?? Date.now;
  const key = options.key ?? clientIp;
  const refuse = options.refuse ?? httpErrors.rateLimited;
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();

  return (req, _res, next) => {
    const t = now();
    if (t - lastSweep > options.windowMs) {
      for (const [k, w] of windows) if (t - w.start >= options.windowMs) windows.delete(k);
      lastSweep = t;
    }
    const k = key(req);
    let w = windows.get(k);
    if (!w || t - w.start >= options.windowMs) {
      w = { start: t, count: 0 };
      windows.set(k, w);
    }
    w.count += 1;
    if (w.count > options.limit) {
      const retryAfter = Math.max(1, Math.ceil((w.start + options.windowMs - t) / 1000));
      return next(refuse(retryAfter));
    }
    next();
  };
}
