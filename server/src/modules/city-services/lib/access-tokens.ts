import { createHash, randomBytes } from 'node:crypto';

/** A fresh access token for a city service: 256 random bits, base64url (RFC 6750 `b64token`). */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The database keeps only the SHA-256 of an access token (hex), so a copy of it (a backup, a leaked
 * file) holds no usable token. A plain hash suffices: the token has 256 bits of entropy, unlike a
 * password, so there is nothing to guess.
 */
export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
