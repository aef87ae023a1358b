/**
 * The part that C2SP verifier keys and signer keys share, internal to crypto/src/log:
 * `<name>+<hex key ID>+<base64(0x01 ‖ 32 key bytes)>`.
 */
import type { CryptoError } from '../errors.js';
import { concatBytes } from '../lib/bytes.js';
import { fromBase64, toBase64 } from './base64.js';
import { keyIdHex, NOTE_ED25519 } from './note-key-id.js';
import { isValidKeyName } from './note-text.js';

const HEX8 = /^[0-9a-f]{8}$/;

/**
 * Reads `<name>+<hex key ID>+<base64(0x01 ‖ 32 bytes)>`, strictly: split at the first two plus
 * signs (the base64 may hold more); a valid key name; the key ID as exactly eight lowercase hex
 * digits (the spec's "fixed length lowercase Base 16"); canonical padded base64 of exactly 33
 * bytes starting with the Ed25519 type byte. Throws what `fail` makes. Returns the 32 bytes after
 * the type byte (a public key or a seed).
 */
export function readKeyText(
  text: string,
  fail: (why: string) => CryptoError,
): { name: string; keyId: number; key: Uint8Array<ArrayBuffer> } {
  // Split at the first two pluses only: names and hex have none, but base64 may.
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw fail('not <name>+<key ID>+<key>');
  const name = text.slice(0, first);
  const idHex = text.slice(first + 1, second);
  const b64 = text.slice(second + 1);
  if (!isValidKeyName(name)) throw fail('invalid key name');
  if (!HEX8.test(idHex)) throw fail('key ID is not 8 lowercase hex digits');
  const bytes = fromBase64(b64);
  if (bytes === undefined) throw fail('key is not canonical base64');
  if (bytes.length !== 33 || bytes[0] !== NOTE_ED25519) throw fail('not an Ed25519 key');
  return { name, keyId: Number.parseInt(idHex, 16), key: bytes.slice(1) };
}

/** Writes `<name>+<hex key ID>+<base64(0x01 ‖ key)>`. */
export function formatKeyText(name: string, keyId: number, key: Uint8Array): string {
  const typed = concatBytes(new Uint8Array([NOTE_ED25519]), key);
  return `${name}+${keyIdHex(keyId)}+${toBase64(typed)}`;
}
