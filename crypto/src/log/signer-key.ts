import { CryptoError } from '../errors.js';
import type { Ed25519PublicKey, Ed25519Seed } from '../keys/brands.js';
import { sodium } from '../sodium.js';
import { noteKeyId } from './note-key-id.js';
import { formatKeyText, readKeyText } from './note-key-text.js';
import type { NoteVerifier } from './verifier-key.js';

/**
 * A key that signs notes: the log's checkpoint key. Holds a secret (`seed`): keep it out of logs,
 * error messages and anything sent to a client. Its public half is a {@link NoteVerifier}.
 */
export interface NoteSigner extends NoteVerifier {
  /** The Ed25519 seed (the RFC 8032 private key). SECRET. */
  readonly seed: Ed25519Seed;
}

const PREFIX = 'PRIVATE+KEY+';

/**
 * Reads a signer key, `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ 32-byte Ed25519 seed)>`
 * (the format of golang.org/x/mod/sumdb/note; C2SP signed-note does not specify private keys).
 * Strict in the same ways as {@link parseVerifierKey}, and the key ID must be the one the name and
 * the public key derived from the seed give. Anything else throws {@link CryptoError}
 * `ERR_NOTE_KEY_MALFORMED`, whose message never contains the key.
 */
export function parseSignerKey(skey: string): NoteSigner {
  const fail = (why: string) => new CryptoError('ERR_NOTE_KEY_MALFORMED', `signer key: ${why}`);
  if (!skey.startsWith(PREFIX)) throw fail('does not start with PRIVATE+KEY+');
  const { name, keyId, key } = readKeyText(skey.slice(PREFIX.length), fail);
  const seed = key as Ed25519Seed;
  const publicKey = publicKeyOf(seed);
  if (noteKeyId(name, publicKey) !== keyId) throw fail('key ID does not match the key');
  return { name, keyId, publicKey, seed };
}

/**
 * Writes the SECRET signer key string of a {@link NoteSigner}. Throws `TypeError` if the seed is
 * not 32 bytes or the signer's public key or key ID are not the ones its seed and name give.
 */
export function formatSignerKey(signer: NoteSigner): string {
  const { name, keyId, publicKey, seed } = signer;
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new TypeError('seed is 32 bytes');
  const derived = publicKeyOf(seed);
  if (!derived.every((b, i) => b === publicKey[i]) || noteKeyId(name, derived) !== keyId) {
    throw new TypeError('public key or key ID does not match the seed');
  }
  return PREFIX + formatKeyText(name, keyId, seed);
}

/** The Ed25519 public key of a seed (`crypto_sign_seed_keypair`). */
export function publicKeyOf(seed: Ed25519Seed): Ed25519PublicKey {
  const pair = sodium().crypto_sign_seed_keypair(seed);
  sodium().memzero(pair.privateKey);
  return pair.publicKey as Ed25519PublicKey;
}
