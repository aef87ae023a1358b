import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentContext } from '../format/associated-data.js';
import type { DocumentKey } from '../keys/brands.js';
import { sodium, sodiumReady } from '../sodium.js';
import { generateDocumentKey } from './document-keys.js';
import { decryptMetadata, encryptMetadata, type DocumentMetadata } from './metadata.js';
import { expectCode } from '../testing/test-helpers.js';

/** 2 head bytes ‖ 24-byte nonce ‖ padded JSON (k × 256) ‖ 16-byte tag: docs/crypto.md. */
const OVERHEAD = 2 + 24 + 16;

beforeAll(async () => {
  await sodiumReady();
});

const ctx: DocumentContext = { documentId: 'doc-1', version: 3, ownerId: 'resident-9' };

const metadata: DocumentMetadata = {
  name: 'Geburtsurkunde – Müller (2024).pdf',
  type: 'application/pdf',
  size: 123_456,
  title: 'Birth certificate 🍼',
  notes: 'certified copy\nline two',
  issuer: { office: 'Registry office', reference: 'A-17/2024' },
};

/**
 * An envelope made by hand (docs/crypto.md "Metadata"), so that tests can put any bytes inside a
 * correctly authenticated one.
 */
function craftEnvelope(dk: DocumentKey, plaintext: Uint8Array, c = ctx): Uint8Array {
  const s = sodium();
  const key = s.crypto_kdf_derive_from_key(32, 2, 'cvdocv01', dk);
  const head = new Uint8Array([0x01, 0x03]);
  const label = new TextEncoder().encode(
    ['citizen-vault/metadata/v1', c.documentId, String(c.version), c.ownerId].join('\0'),
  );
  const ad = new Uint8Array([...label, ...head]);
  const nonce = s.randombytes_buf(24);
  return new Uint8Array([
    ...head,
    ...nonce,
    ...s.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key),
  ]);
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('metadata envelope', () => {
  let dk: DocumentKey;
  let envelope: Uint8Array;

  beforeAll(() => {
    dk = generateDocumentKey();
    envelope = encryptMetadata(dk, ctx, metadata);
  });

  it('round trip, every field and non-ASCII text included', () => {
    expect([...envelope.subarray(0, 2)]).toEqual([0x01, 0x03]);
    expect(decryptMetadata(dk, ctx, envelope)).toEqual(metadata);
    const minimal = { name: 'a', type: '', size: 0 };
    expect(decryptMetadata(dk, ctx, encryptMetadata(dk, ctx, minimal))).toEqual(minimal);
  });

  it('is padded to 256-byte blocks: names of length 1 and 200 give the same length', () => {
    const a = encryptMetadata(dk, ctx, { name: 'x', type: 'application/pdf', size: 1 });
    const b = encryptMetadata(dk, ctx, { name: 'x'.repeat(200), type: 'application/pdf', size: 1 });
    expect(a.length).toBe(b.length);
    expect(a.length).toBe(OVERHEAD + 256);
    for (const n of [0, 1, 100, 255, 256, 300, 600, 2000]) {
      const len = encryptMetadata(dk, ctx, { name: 'y'.repeat(n), type: 't', size: 0 }).length;
      expect((len - OVERHEAD) % 256).toBe(0);
      expect(len - OVERHEAD).toBeGreaterThan(n);
    }
  });

  it('pads with spaces after the JSON, and always with at least one', () => {
    // JSON of exactly 255 bytes → one block; 256 bytes → two (docs/crypto.md: ⌈(n + 1) / 256⌉).
    const base = JSON.stringify({ name: '', type: 't', size: 0 }).length;
    const of = (jsonLength: number) =>
      encryptMetadata(dk, ctx, { name: 'n'.repeat(jsonLength - base), type: 't', size: 0 }).length;
    expect(of(255)).toBe(OVERHEAD + 256);
    expect(of(256)).toBe(OVERHEAD + 512);
  });

  it.each([
    ['another document id', { ...ctx, documentId: 'doc-2' }],
    ['another version', { ...ctx, version: 4 }],
    ['another owner', { ...ctx, ownerId: 'resident-8' }],
    ['a version that only gains a digit', { ...ctx, version: 30 }],
  ])('bound to its DocumentContext: %s → ERR_DECRYPT_FAILED', (_, other: DocumentContext) => {
    expectCode(() => decryptMetadata(dk, other, envelope), 'ERR_DECRYPT_FAILED');
  });

  it('a wrong key → ERR_DECRYPT_FAILED', () => {
    expectCode(() => decryptMetadata(generateDocumentKey(), ctx, envelope), 'ERR_DECRYPT_FAILED');
  });

  it('a flipped bit anywhere after the head → ERR_DECRYPT_FAILED', () => {
    for (const at of [2, 25, 26, 100, envelope.length - 1]) {
      const tampered = envelope.slice();
      tampered[at]! ^= 0x20;
      expectCode(() => decryptMetadata(dk, ctx, tampered), 'ERR_DECRYPT_FAILED');
    }
  });

  it('an unknown head or a too-short envelope → ERR_UNSUPPORTED_FORMAT', () => {
    for (const [at, value] of [
      [0, 0x02],
      [1, 0x01],
    ] as const) {
      const bad = envelope.slice();
      bad[at] = value;
      expectCode(() => decryptMetadata(dk, ctx, bad), 'ERR_UNSUPPORTED_FORMAT');
    }
    expectCode(() => decryptMetadata(dk, ctx, envelope.subarray(0, 41)), 'ERR_UNSUPPORTED_FORMAT');
    expectCode(() => decryptMetadata(dk, ctx, new Uint8Array(0)), 'ERR_UNSUPPORTED_FORMAT');
  });

  it('control: a hand-made envelope (docs/crypto.md) decrypts', () => {
    const text = JSON.stringify(metadata).padEnd(512, ' ');
    const crafted = craftEnvelope(dk, new TextEncoder().encode(text));
    expect(decryptMetadata(dk, ctx, crafted)).toEqual(metadata);
  });

  it.each([
    ['not JSON', new TextEncoder().encode('not json')],
    ['not UTF-8', new Uint8Array([0x7b, 0xff, 0x7d])],
    ['a JSON array', json([1, 2])],
    ['null', json(null)],
    ['no name', json({ type: 't', size: 1 })],
    ['a numeric name', json({ name: 1, type: 't', size: 1 })],
    ['no size', json({ name: 'n', type: 't' })],
    ['a negative size', json({ name: 'n', type: 't', size: -1 })],
    ['a fractional size', json({ name: 'n', type: 't', size: 1.5 })],
    ['a numeric title', json({ name: 'n', type: 't', size: 1, title: 5 })],
    ['an object as notes', json({ name: 'n', type: 't', size: 1, notes: { a: 1 } })],
    [
      'issuer fields that are not strings',
      json({ name: 'n', type: 't', size: 1, issuer: { a: 1 } }),
    ],
    ['an issuer that is an array', json({ name: 'n', type: 't', size: 1, issuer: ['a'] })],
  ])('authentic but malformed content (%s) → ERR_DECRYPT_FAILED', (_, plaintext) => {
    expectCode(() => decryptMetadata(dk, ctx, craftEnvelope(dk, plaintext)), 'ERR_DECRYPT_FAILED');
  });

  it('refuses ids holding NUL, which would make the joined AD ambiguous (TypeError)', () => {
    expect(() => encryptMetadata(dk, { ...ctx, documentId: 'doc\u00001' }, metadata)).toThrow(
      TypeError,
    );
  });

  it('refuses to encrypt a size that is not a length (TypeError)', () => {
    expect(() => encryptMetadata(dk, ctx, { ...metadata, size: -1 })).toThrow(TypeError);
    expect(() => encryptMetadata(dk, ctx, { ...metadata, size: 0.5 })).toThrow(TypeError);
  });
});

describe('document context checks', () => {
  it('refuses a version that is not a positive integer, and empty ids', async () => {
    await sodiumReady();
    const dk = generateDocumentKey();
    const meta = { name: 'a', type: 'text/plain', size: 1 };
    for (const version of [0, -1, 1.5, Number.NaN]) {
      expect(() => encryptMetadata(dk, { documentId: 'd', version, ownerId: 'o' }, meta)).toThrow(
        TypeError,
      );
    }
    expect(() => encryptMetadata(dk, { documentId: '', version: 1, ownerId: 'o' }, meta)).toThrow(
      TypeError,
    );
  });
});
