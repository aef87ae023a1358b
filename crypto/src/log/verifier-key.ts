import { CryptoError } from '../errors.js';
import type { Ed25519PublicKey } from '../keys/brands.js';
import { noteKeyId } from './note-key-id.js';
import { formatKeyText, readKeyText } from './note-key-text.js';

/** A key that can check note signatures: what a verifier key string holds. */
export interface NoteVerifier {
  /** The key name, as in signature lines (for the log: its origin, e.g. `vault.example.org/log`). */
  readonly name: string;
  /** The key ID: {@link noteKeyId} of the name and public key. */
  readonly keyId: number;
  readonly publicKey: Ed25519PublicKey;
}

/**
 * Reads a C2SP verifier key, `<name>+<hex key ID>+<base64(0x01 ‖ 32-byte public key)>`.
 *
 * Strict: exactly three parts; a valid key name; the key ID as exactly eight lowercase hex digits;
 * canonical padded base64 of exactly 33 bytes starting with 0x01 (Ed25519, the only signature
 * type this log uses); and the key ID equal to the one the name and public key give (C2SP
 * signed-note, "Ed25519 signatures"). Anything else throws {@link CryptoError}
 * `ERR_NOTE_KEY_MALFORMED`.
 */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const fail = (why: string) => new CryptoError('ERR_NOTE_KEY_MALFORMED', `verifier key: ${why}`);
  const { name, keyId, key } = readKeyText(vkey, fail);
  const publicKey = key as Ed25519PublicKey;
  if (noteKeyId(name, publicKey) !== keyId) throw fail('key ID does not match the key');
  return { name, keyId, publicKey };
}

/**
 * Writes the C2SP verifier key string of a {@link NoteVerifier} (or of a {@link NoteSigner}'s
 * public half). Throws `TypeError` if its key ID is not the one its name and key give.
 */
export function formatVerifierKey(verifier: NoteVerifier): string {
  const { name, keyId, publicKey } = verifier;
  if (noteKeyId(name, publicKey) !== keyId) throw new TypeError('key ID does not match the key');
  return formatKeyText(name, keyId, publicKey);
}
