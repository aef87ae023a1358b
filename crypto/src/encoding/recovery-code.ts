import { CryptoError } from '../errors.js';
import type { RecoverySecret } from '../keys/brands.js';
import { concatBytes } from '../lib/bytes.js';
import { sodium } from '../sodium.js';

/** Crockford base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_LABEL = new TextEncoder().encode('citizen-vault/recovery-check/v1');
const CHECK_BYTES = 3;
const SECRET_BYTES = 32;
/** 35 bytes = 280 bits = 56 characters, shown as 14 groups of 4. */
const CODE_CHARS = ((SECRET_BYTES + CHECK_BYTES) * 8) / 5;

function check(secret: Uint8Array): Uint8Array {
  return sodium().crypto_generichash(CHECK_BYTES, concatBytes(CHECK_LABEL, secret), null);
}

/**
 * Formats a recovery secret as the code printed on the kit: Crockford base32 of the secret and
 * three check bytes, in groups of four ("7K3M-…").
 */
export function formatRecoveryCode(secret: RecoverySecret): string {
  const bytes = concatBytes(secret, check(secret));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(value >> bits) & 31];
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/**
 * Reads a recovery code as typed: case, spaces and hyphens do not matter, and the look-alikes
 * I/L (for 1) and O (for 0) are accepted. Throws ERR_RECOVERY_CODE_INVALID on a typo.
 */
export function parseRecoveryCode(code: string): RecoverySecret {
  const clean = code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (clean.length !== CODE_CHARS) {
    throw new CryptoError('ERR_RECOVERY_CODE_INVALID', 'a recovery code has 56 characters');
  }
  const bytes = new Uint8Array(SECRET_BYTES + CHECK_BYTES);
  let bits = 0;
  let value = 0;
  let o = 0;
  for (const c of clean) {
    const v = ALPHABET.indexOf(c);
    if (v < 0) throw new CryptoError('ERR_RECOVERY_CODE_INVALID', 'not a recovery code character');
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (value >> bits) & 0xff;
    }
  }
  const secret = bytes.slice(0, SECRET_BYTES);
  const expected = check(secret);
  const given = bytes.subarray(SECRET_BYTES);
  if (!sodium().memcmp(expected, given)) {
    throw new CryptoError('ERR_RECOVERY_CODE_INVALID', 'check characters do not match');
  }
  return secret as RecoverySecret;
}
