/** Verifier and signer key strings: generation, round trips, and strict parsing. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ed25519Seed } from '../keys/brands.js';
import { sodium, sodiumReady } from '../sodium.js';
import { expectCode } from '../testing/test-helpers.js';
import { toBase64 } from './base64.js';
import { generateNoteKey } from './generate-note-key.js';
import { noteKeyId } from './note-key-id.js';
import { formatSignerKey, parseSignerKey, publicKeyOf } from './signer-key.js';
import { formatVerifierKey, parseVerifierKey } from './verifier-key.js';

const EXAMPLE = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';

beforeAll(async () => {
  await sodiumReady();
});

/** A verifier key string for `name` and 32 key bytes, with a key ID that may be wrong. */
function vkeyFor(name: string, keyId: number, typed: Uint8Array): string {
  return `${name}+${keyId.toString(16).padStart(8, '0')}+${toBase64(typed)}`;
}

describe('generateNoteKey', () => {
  it('makes a signer key and its verifier key, in the documented formats', () => {
    const { signerKey, verifierKey } = generateNoteKey('vault.example.org/log');
    expect(signerKey).toMatch(
      /^PRIVATE\+KEY\+vault\.example\.org\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/,
    );
    expect(verifierKey).toMatch(/^vault\.example\.org\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const signer = parseSignerKey(signerKey);
    const verifier = parseVerifierKey(verifierKey);
    expect(verifier).toEqual({
      name: signer.name,
      keyId: signer.keyId,
      publicKey: signer.publicKey,
    });
    expect(formatSignerKey(signer)).toBe(signerKey);
    expect(formatVerifierKey(signer)).toBe(verifierKey);
    expect(signerKey.split('+')[3]).toBe(verifierKey.split('+')[1]);
  });

  it('makes a new key every time', () => {
    expect(generateNoteKey('a.example').signerKey).not.toBe(generateNoteKey('a.example').signerKey);
  });

  it('refuses invalid key names (TypeError)', () => {
    for (const name of ['', 'a b', 'a+b', 'a\tb', 'a\u3000b', 'a\nb']) {
      expect(() => generateNoteKey(name), JSON.stringify(name)).toThrow(TypeError);
    }
  });
});

describe('noteKeyId', () => {
  it('is SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4], big-endian', () => {
    const { publicKey } = parseVerifierKey(EXAMPLE);
    expect(noteKeyId('example.com/foo', publicKey)).toBe(0x530d903a);
    const input = new Uint8Array([
      ...new TextEncoder().encode('example.com/foo'),
      0x0a,
      0x01,
      ...publicKey,
    ]);
    const digest = sodium().crypto_hash_sha256(input);
    expect(noteKeyId('example.com/foo', publicKey)).toBe(new DataView(digest.buffer).getUint32(0));
  });
});

describe('parseVerifierKey', () => {
  it('round-trips the spec example', () => {
    expect(formatVerifierKey(parseVerifierKey(EXAMPLE))).toBe(EXAMPLE);
  });

  it('accepts a key whose base64 holds plus signs (only the first two pluses separate parts)', () => {
    let found = 0;
    for (let i = 0; found < 3 && i < 500; i++) {
      const { verifierKey } = generateNoteKey(`k${i}.example`);
      if (verifierKey.split('+').length > 3) {
        found++;
        expect(formatVerifierKey(parseVerifierKey(verifierKey))).toBe(verifierKey);
      }
    }
    expect(found).toBe(3);
  });

  it('refuses every variation of a well-formed key (ERR_NOTE_KEY_MALFORMED)', () => {
    const { name, keyId, publicKey } = parseVerifierKey(EXAMPLE);
    const b64 = EXAMPLE.split('+')[2]!;
    const cases: Record<string, string> = {
      empty: '',
      'two parts': `${name}+530d903a`,
      'an empty name': `+530d903a+${b64}`,
      'a space in the name': EXAMPLE.replace('example.com/foo', 'example.com/ foo'),
      'an uppercase key ID': EXAMPLE.replace('530d903a', '530D903A'),
      'a 7-digit key ID': EXAMPLE.replace('530d903a', '30d903a'),
      'a 9-digit key ID': EXAMPLE.replace('530d903a', '0530d903a'),
      'a wrong key ID': EXAMPLE.replace('530d903a', '530d903b'),
      'another name': EXAMPLE.replace('example.com/foo', 'example.com/fo0'),
      'base64 without padding': EXAMPLE.replace(/=*$/, '').slice(0, -1),
      'a base64url character': `${name}+530d903a+-${b64.slice(1)}`,
      'padding after a full key': `${EXAMPLE}====`,
      'a trailing newline': `${EXAMPLE}\n`,
      'a leading space': ` ${EXAMPLE}`,
      'no type byte': vkeyFor(name, keyId, publicKey),
      'type 0x02': vkeyFor(name, keyId, Uint8Array.of(2, ...publicKey)),
      'a 31-byte key': vkeyFor(name, keyId, Uint8Array.of(1, ...publicKey.slice(1))),
      'a 33-byte key': vkeyFor(name, keyId, Uint8Array.of(1, ...publicKey, 0)),
      'a signer key': generateNoteKey('example.com/foo').signerKey,
    };
    for (const [what, vkey] of Object.entries(cases)) {
      let code: unknown;
      try {
        parseVerifierKey(vkey);
      } catch (error) {
        code = (error as { code?: unknown }).code;
      }
      expect(code, what).toBe('ERR_NOTE_KEY_MALFORMED');
    }
  });
});

describe('parseSignerKey', () => {
  it('reads a key built by hand from a known seed', () => {
    const seed = new Uint8Array(32).fill(7) as Ed25519Seed;
    const publicKey = publicKeyOf(seed);
    const keyId = noteKeyId('log.example', publicKey);
    const skey = `PRIVATE+KEY+log.example+${keyId.toString(16).padStart(8, '0')}+${toBase64(Uint8Array.of(1, ...seed))}`;
    const signer = parseSignerKey(skey);
    expect(signer).toEqual({ name: 'log.example', keyId, publicKey, seed });
    expect(formatSignerKey(signer)).toBe(skey);
  });

  it('refuses malformed keys without quoting them', () => {
    const skey = generateNoteKey('log.example').signerKey;
    const secret = skey.split('+')[4]!;
    const cases = [
      skey.replace('PRIVATE+KEY+', ''),
      skey.replace('PRIVATE+KEY+', 'private+key+'),
      skey.replace('log.example', 'log.exampl3'),
      skey.replace(/\+[0-9a-f]{8}\+/, '+00000000+'),
      `${skey}=`,
      `${skey.slice(0, -2)}==`,
    ];
    for (const bad of cases) {
      expectCode(() => parseSignerKey(bad), 'ERR_NOTE_KEY_MALFORMED');
      try {
        parseSignerKey(bad);
      } catch (error) {
        expect((error as Error).message).not.toContain(secret.slice(0, 20));
      }
    }
  });

  it('formatSignerKey refuses a signer whose parts do not match (TypeError)', () => {
    const signer = parseSignerKey(generateNoteKey('log.example').signerKey);
    const other = parseSignerKey(generateNoteKey('log.example').signerKey);
    expect(() => formatSignerKey({ ...signer, keyId: other.keyId })).toThrow(TypeError);
    expect(() => formatSignerKey({ ...signer, publicKey: other.publicKey })).toThrow(TypeError);
    expect(() => formatSignerKey({ ...signer, name: 'other.example' })).toThrow(TypeError);
  });
});
