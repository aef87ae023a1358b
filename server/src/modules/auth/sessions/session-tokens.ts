import { createHmac, randomBytes } from 'node:crypto';

/** A fresh session secret for the cookie: 256 random bits, base64url. */
export function createSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The database keeps only a keyed hash of the cookie value, so a copy of the database (a backup, a
 * leaked file) cannot be turned into a live session without the server's secret.
 */
export function hashSessionToken(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('base64url');
}
