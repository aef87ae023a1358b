import type { Ed25519PublicKey } from '../keys/brands.js';
import { concatBytes } from '../lib/bytes.js';
import { sha256 } from './merkle-hash.js';
import { isValidKeyName, utf8 } from './note-text.js';

/** The C2SP signed-note signature type byte of Ed25519 signatures. */
export const NOTE_ED25519 = 0x01;

/**
 * The key ID of an Ed25519 note key (C2SP signed-note, "Ed25519 signatures"): the first four bytes
 * of SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key), read as a big-endian uint32.
 *
 * Throws `TypeError` for an invalid key name (empty, or with a Unicode space, a plus or a control
 * character) or a public key that is not 32 bytes.
 */
export function noteKeyId(name: string, publicKey: Ed25519PublicKey): number {
  if (!isValidKeyName(name)) throw new TypeError('invalid note key name');
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    throw new TypeError('an Ed25519 public key is 32 bytes');
  }
  const digest = sha256(concatBytes(utf8(name), new Uint8Array([0x0a, NOTE_ED25519]), publicKey));
  return new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0);
}

/** A key ID as eight lowercase hex digits. */
export function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}
