import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { AppError } from './app-error.js';
import { rateLimit, type RateLimitOptions } from './rate-limit.js';

/** A request as the limiter sees it: only the client address matters by default. */
function requestFrom(ip: string): Request {
  return { ip, socket: { remoteAddress: ip } } as unknown as Request;
}

/**
 * A limiter on a clock the test moves. `hit` runs one request through it and says what the
 * middleware did: passed it on, or refused it with an error.
 */
function limiterAt(options: Omit<RateLimitOptions, 'now' | 'name'> & { name?: string }) {
  const clock = { t: 1_700_000_000_000 };
  const middleware = rateLimit({ name: 'test', ...options, now: () => clock.t });
  const hit = (
    req: Request = requestFrom('203.0.113.7'),
  ): { passed: boolean; error?: AppError } => {
    let outcome: { passed: boolean; error?: AppError } | undefined;
    const next: NextFunction = (error?: unknown) => {
      if (error === undefined) outcome = { passed: true };
      else if (error instanceof AppError) outcome = { passed: false, error };
      else throw new TypeError(`unexpected error ${String(error)}`);
    };
    void middleware(req, {} as Response, next);
    if (!outcome) throw new Error('the limiter neither passed nor refused the request');
    return outcome;
  };
  return { clock, hit };
}

describe('rateLimit', () => {
  it('passes `limit` requests in a window and refuses the next with 429 ERR_RATE_LIMITED', () => {
    const { hit } = limiterAt({ limit: 3, windowMs: 60_000 });
    expect([hit(), hit(), hit()].map((o) => o.passed)).toEqual([true, true, true]);
    const refused = hit();
    expect(refused.passed).toBe(false);
    expect(refused.error).toMatchObject({ code: 'ERR_RATE_LIMITED', status: 429, expose: true });
    // Still refused: a refused request does not buy more time.
    expect(hit().passed).toBe(false);
  });

  it('refuses with the error `refuse` makes, given the seconds to wait (the service quota’s own code)', () => {
    const { hit } = limiterAt({
      limit: 1,
      windowMs: 30_000,
      refuse: (retryAfter) =>
        new AppError('ERR_SERVICE_QUOTA_EXCEEDED', 429, 'quota', {
          headers: { 'Retry-After': String(retryAfter) },
        }),
    });
    expect(hit().passed).toBe(true);
    expect(hit().error).toMatchObject({
      code: 'ERR_SERVICE_QUOTA_EXCEEDED',
      status: 429,
      headers: { 'Retry-After': '30' },
    });
  });

  it('says in Retry-After how many whole seconds remain in the window (rounded up)', () => {
    const { clock, hit } = limiterAt({ limit: 1, windowMs: 60_000 });
    const start = clock.t;
    hit();
    expect(hit().error?.headers).toEqual({ 'Retry-After': '60' });
    clock.t = start + 15_500;
    expect(hit().error?.headers['Retry-After']).toBe('45');
    clock.t = start + 59_001;
    expect(hit().error?.headers['Retry-After']).toBe('1');
    clock.t = start + 59_999;
    // Never 0: a client told "retry after 0" would retry at once.
    expect(hit().error?.headers['Retry-After']).toBe('1');
  });

  it('opens a new window once windowMs has passed since the window began', () => {
    const { clock, hit } = limiterAt({ limit: 2, windowMs: 10_000 });
    const start = clock.t;
    hit();
    clock.t = start + 9_000;
    hit();
    expect(hit().passed).toBe(false);
    clock.t = start + 10_000;
    expect(hit().passed).toBe(true);
    expect(hit().passed).toBe(true);
    expect(hit().passed).toBe(false);
    // The new window began at start + 10 s: its Retry-After counts from there.
    expect(hit().error?.headers['Retry-After']).toBe('10');
  });

  it('counts each client address separately', () => {
    const { hit } = limiterAt({ limit: 1, windowMs: 60_000 });
    const a = requestFrom('203.0.113.1');
    const b = requestFrom('203.0.113.2');
    expect(hit(a).passed).toBe(true);
    expect(hit(a).passed).toBe(false);
    expect(hit(b).passed).toBe(true);
    expect(hit(b).passed).toBe(false);
  });

  it('uses a custom key when given one', () => {
    const { hit } = limiterAt({
      limit: 1,
      windowMs: 60_000,
      key: (req) => String(req.headers['x-account']),
    });
    const as = (account: string, ip: string) =>
      ({ ip, headers: { 'x-account': account } }) as unknown as Request;
    expect(hit(as('maria', '203.0.113.1')).passed).toBe(true);
    // Same account from another address: the same key, so refused.
    expect(hit(as('maria', '203.0.113.2')).passed).toBe(false);
    expect(hit(as('luca', '203.0.113.1')).passed).toBe(true);
  });

  it('keeps the counts of separate limiters apart', () => {
    const first = limiterAt({ name: 'sign-in', limit: 1, windowMs: 60_000 });
    const second = limiterAt({ name: 'other', limit: 1, windowMs: 60_000 });
    expect(first.hit().passed).toBe(true);
    expect(first.hit().passed).toBe(false);
    expect(second.hit().passed).toBe(true);
  });

  it('counts a client afresh once its window is over, also after idle windows were swept', () => {
    const { clock, hit } = limiterAt({ limit: 1, windowMs: 1_000 });
    const a = requestFrom('203.0.113.1');
    expect(hit(a).passed).toBe(true);
    expect(hit(a).passed).toBe(false);
    // Long after the window, a sweep runs on another client's request; `a` starts over.
    clock.t += 5_000;
    expect(hit(requestFrom('203.0.113.9')).passed).toBe(true);
    expect(hit(a).passed).toBe(true);
    expect(hit(a).passed).toBe(false);
  });
});
