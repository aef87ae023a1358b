import type { Request, Response } from 'express';

/** Attributes of a cookie the vault sets. Path is always `/`, HttpOnly always on. */
export interface CookieOptions {
  secure: boolean;
  sameSite: 'Lax' | 'Strict';
  maxAgeSeconds: number;
}

/** Reads one cookie from the request's `Cookie` header; undefined if absent or malformed. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{1,256}$/.test(value) ? value : undefined;
  }
  return undefined;
}

/**
 * Sets a cookie with the vault's fixed attributes. Values are base64url tokens, so no encoding is
 * needed. `__Host-` names require Secure, Path=/ and no Domain, which these attributes satisfy.
 */
export function setCookie(
  res: Response,
  name: string,
  value: string,
  options: CookieOptions,
): void {
  const parts = [
    `${name}=${value}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    'HttpOnly',
    `SameSite=${options.sameSite}`,
  ];
  if (options.secure) parts.push('Secure');
  res.append('Set-Cookie', parts.join('; '));
}

/** Clears a cookie set by {@link setCookie} (same attributes, Max-Age=0). */
export function clearCookie(res: Response, name: string, secure: boolean): void {
  setCookie(res, name, '', { secure, sameSite: 'Lax', maxAgeSeconds: 0 });
}
