/**
 * Standard base64 with padding (RFC 4648 §4), the encoding of C2SP signed notes, checkpoints and
 * verifier keys. Internal to crypto/src/log. Strict: only the canonical encoding of a byte string
 * is accepted (alphabet, padding to a multiple of 4, zero trailing bits; RFC 4648 §3.5), so that
 * one value has one text.
 */
import { fromBase64url, toBase64url } from '../encoding/base64url.js';

const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;

/** Encodes bytes as padded standard base64. */
export function toBase64(bytes: Uint8Array): string {
  const text = toBase64url(bytes).replaceAll('-', '+').replaceAll('_', '/');
  return text + '='.repeat((4 - (text.length % 4)) % 4);
}

/** Decodes canonical padded standard base64; `undefined` for anything else. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 !== 0 || !STANDARD.test(text)) return undefined;
  try {
    return fromBase64url(text.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_'));
  } catch {
    return undefined;
  }
}
