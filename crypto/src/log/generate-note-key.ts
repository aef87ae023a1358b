import type { Ed25519Seed } from '../keys/brands.js';
import { sodium } from '../sodium.js';
import { noteKeyId } from './note-key-id.js';
import { formatSignerKey, publicKeyOf } from './signer-key.js';
import { formatVerifierKey } from './verifier-key.js';

/**
 * A fresh Ed25519 note key named `name` (for the log: its origin, such as
 * `vault.example.org/log`), as the two strings an operator handles: the SECRET signer key for the
 * server's configuration, and the verifier key to publish (web app, docs). Seed from libsodium's
 * CSPRNG. Throws `TypeError` for an invalid key name.
 */
export function generateNoteKey(name: string): { signerKey: string; verifierKey: string } {
  const seed = sodium().randombytes_buf(32) as Ed25519Seed;
  const publicKey = publicKeyOf(seed);
  const signer = { name, keyId: noteKeyId(name, publicKey), publicKey, seed };
  const keys = { signerKey: formatSignerKey(signer), verifierKey: formatVerifierKey(signer) };
  sodium().memzero(seed);
  return keys;
}
