import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from './base64url.js';

describe('base64url (RFC 4648 §5, unpadded)', () => {
  // RFC 4648 §10 test vectors, in the URL-safe alphabet without padding.
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ];
  it.each(vectors)('encodes and decodes %j as %j', (plain, encoded) => {
    const bytes = new TextEncoder().encode(plain);
    expect(toBase64url(bytes)).toBe(encoded);
    expect(fromBase64url(encoded)).toEqual(bytes);
  });

  it('uses - and _ where base64 uses + and /, and agrees with Node for every length to 64', () => {
    expect(toBase64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    for (let n = 0; n <= 64; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 97 + n) & 0xff);
      const expected = Buffer.from(bytes).toString('base64url');
      expect(toBase64url(bytes)).toBe(expected);
      expect(fromBase64url(expected)).toEqual(bytes);
    }
  });

  it.each(['Zg==', 'Zm9v+', 'Z', 'Zh', 'Zm9vYmF '])('refuses %j', (bad) => {
    expect(() => fromBase64url(bad)).toThrow(TypeError);
  });
});
