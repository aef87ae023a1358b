import { createHash } from 'node:crypto';

/**
 * The salt the browser asks every passkey to evaluate with the WebAuthn PRF extension
 * (WebAuthn L3 §10.1.4). It is public and fixed per format version; the PRF output it yields is
 * secret and never leaves the browser (the next issue derives a key-slot KEK from it).
 */
export const PRF_SALT_V1 = createHash('sha256')
  .update('citizen-vault/passkey-prf-salt/v1')
  .digest('base64url');
