import { beforeAll, describe, expect, it } from 'vitest';
import { CryptoError } from '../errors.js';
import type { RecoverySecret } from '../keys/brands.js';
import { sodium, sodiumReady } from '../sodium.js';
import { formatRecoveryCode, parseRecoveryCode } from './recovery-code.js';
import { prng } from '../testing/test-helpers.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){13}$/;

beforeAll(async () => {
  await sodiumReady();
});

function fixedSecret(seed: number): RecoverySecret {
  const rand = prng(seed);
  return Uint8Array.from({ length: 32 }, () => Math.floor(rand() * 256)) as RecoverySecret;
}

const randomSecret = () => sodium().randombytes_buf(32) as RecoverySecret;

/**
 * The code as docs/crypto.md defines it, written independently: BLAKE2b with a 3-byte output
 * (unkeyed) over "citizen-vault/recovery-check/v1" ‖ secret, appended to the secret; the 280 bits
 * read most significant first in 5-bit groups, each a Crockford character; groups of 4 joined by "-".
 */
function referenceCode(secret: Uint8Array): string {
  const s = sodium();
  const label = new TextEncoder().encode('citizen-vault/recovery-check/v1');
  const message = new Uint8Array(label.length + 32);
  message.set(label);
  message.set(secret, label.length);
  const check = s.crypto_generichash(3, message, null);
  let n = 0n;
  for (const b of [...secret, ...check]) n = (n << 8n) | BigInt(b);
  let chars = '';
  for (let i = 55; i >= 0; i--) chars += CROCKFORD[Number((n >> BigInt(5 * i)) & 31n)];
  return chars.match(/.{4}/g)!.join('-');
}

function expectInvalid(code: string): void {
  let thrown: unknown;
  try {
    parseRecoveryCode(code);
  } catch (error) {
    thrown = error;
  }
  expect(thrown, JSON.stringify(code)).toBeInstanceOf(CryptoError);
  expect((thrown as CryptoError).code).toBe('ERR_RECOVERY_CODE_INVALID');
}

const equal = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('format', () => {
  it('is 14 groups of 4 Crockford base32 characters', () => {
    for (let i = 0; i < 50; i++) expect(formatRecoveryCode(randomSecret())).toMatch(CODE_SHAPE);
  });

  it('matches the byte layout of docs/crypto.md (independent reference encoder)', () => {
    for (let i = 0; i < 50; i++) {
      const secret = i < 2 ? (new Uint8Array(32).fill(i * 0xff) as RecoverySecret) : randomSecret();
      expect(formatRecoveryCode(secret)).toBe(referenceCode(secret));
    }
    // The all-zero secret: 51 zeros, then the check bits (the 52nd character holds the secret's
    // last bit and the check's first four).
    expect(formatRecoveryCode(new Uint8Array(32) as RecoverySecret).replaceAll('-', '')).toMatch(
      /^0{51}[0-9A-HJKMNP-TV-Z]{5}$/,
    );
  });
});

describe('round trip', () => {
  it('parse(format(secret)) is the secret', () => {
    for (let i = 0; i < 200; i++) {
      const secret = randomSecret();
      expect(equal(parseRecoveryCode(formatRecoveryCode(secret)), secret)).toBe(true);
    }
  });

  it('accepts lower case, spaces, no separators and stray separators', () => {
    const secret = randomSecret();
    const code = formatRecoveryCode(secret);
    const bare = code.replaceAll('-', '');
    for (const typed of [
      code.toLowerCase(),
      code.replaceAll('-', ' '),
      bare,
      bare.toLowerCase(),
      `  ${code.replaceAll('-', ' - ')}\n`,
      bare.match(/.{7}/g)!.join('\t'),
    ]) {
      expect(equal(parseRecoveryCode(typed), secret)).toBe(true);
    }
  });

  it('accepts the look-alikes I, i, L, l for 1 and O, o for 0', () => {
    // A secret whose code holds both 0 and 1, found deterministically.
    let seed = 1;
    while (!/(?=.*0)(?=.*1)/.test(formatRecoveryCode(fixedSecret(seed)))) seed++;
    const secret = fixedSecret(seed);
    const code = formatRecoveryCode(secret);
    for (const [one, zero] of [
      ['I', 'O'],
      ['i', 'o'],
      ['L', 'O'],
      ['l', 'o'],
    ] as const) {
      const typed = code.replaceAll('1', one).replaceAll('0', zero);
      expect(typed).not.toBe(code);
      expect(equal(parseRecoveryCode(typed), secret)).toBe(true);
    }
  });
});

describe('typos', () => {
  // For each of these secrets, every single substitution at every one of the 56 positions (31
  // other characters each, 1 736 codes) must be refused. The 24-bit check catches a substitution
  // in the secret part except with probability 2^-24; one in the check part always.
  it.each([1, 2, 3, 4])('catches every single-character substitution (secret #%i)', (seed) => {
    const code = formatRecoveryCode(fixedSecret(seed)).replaceAll('-', '');
    let tried = 0;
    for (let pos = 0; pos < code.length; pos++) {
      for (const c of CROCKFORD) {
        if (c === code[pos]) continue;
        expectInvalid(code.slice(0, pos) + c + code.slice(pos + 1));
        tried++;
      }
    }
    expect(tried).toBe(56 * 31);
  });

  it('catches every swap of two adjacent different characters', () => {
    const code = formatRecoveryCode(fixedSecret(5)).replaceAll('-', '');
    for (let pos = 0; pos + 1 < code.length; pos++) {
      if (code[pos] === code[pos + 1]) continue;
      expectInvalid(code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2));
    }
  });

  it('refuses a wrong length', () => {
    const code = formatRecoveryCode(fixedSecret(6)).replaceAll('-', '');
    expectInvalid('');
    expectInvalid(code.slice(0, 55));
    expectInvalid(`${code}0`);
    expectInvalid(`${code}-0000`);
    expectInvalid(code.slice(0, 52));
  });

  it('refuses characters outside the alphabet (U, punctuation, non-ASCII)', () => {
    const code = formatRecoveryCode(fixedSecret(7)).replaceAll('-', '');
    for (const bad of ['U', 'u', '*', '_', 'é', '٣']) expectInvalid(bad + code.slice(1));
  });
});
