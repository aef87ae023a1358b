import { beforeAll, describe, expect, it } from 'vitest';
import { CryptoError } from '../errors.js';
import { SEALED_KEY_BYTES } from '../format/v1.js';
import type { DocumentKey, X25519PublicKey, X25519SecretKey } from '../keys/brands.js';
import { sodium, sodiumReady } from '../sodium.js';
import {
  contentKeyOf,
  generateDocumentKey,
  metadataKeyOf,
  openDocumentKey,
  sealDocumentKey,
} from './document-keys.js';

beforeAll(async () => {
  await sodiumReady();
});

function keyPair(): { publicKey: X25519PublicKey; secretKey: X25519SecretKey } {
  const pair = sodium().crypto_box_keypair();
  return {
    publicKey: pair.publicKey as X25519PublicKey,
    secretKey: pair.privateKey as X25519SecretKey,
  };
}

function expectDecryptFailed(fn: () => unknown): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CryptoError);
  expect((thrown as CryptoError).code).toBe('ERR_DECRYPT_FAILED');
}

const equal = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('document keys', () => {
  it('are 32 fresh random bytes', () => {
    const a = generateDocumentKey();
    expect(a).toHaveLength(32);
    expect(equal(a, generateDocumentKey())).toBe(false);
  });

  it('have two distinct, deterministic subkeys (crypto_kdf, context "cvdocv01", ids 1 and 2)', () => {
    const s = sodium();
    const dk = generateDocumentKey();
    const content = contentKeyOf(dk);
    const meta = metadataKeyOf(dk);
    expect(content).toHaveLength(32);
    expect(equal(content, contentKeyOf(dk))).toBe(true);
    expect(equal(content, meta)).toBe(false);
    expect(equal(content, dk)).toBe(false);
    expect(equal(content, s.crypto_kdf_derive_from_key(32, 1, 'cvdocv01', dk))).toBe(true);
    expect(equal(meta, s.crypto_kdf_derive_from_key(32, 2, 'cvdocv01', dk))).toBe(true);
  });
});

describe('sealed document key (crypto_box_seal to X25519)', () => {
  let dk: DocumentKey;
  let owner: ReturnType<typeof keyPair>;
  let sealed: Uint8Array;

  beforeAll(() => {
    dk = generateDocumentKey();
    owner = keyPair();
    sealed = sealDocumentKey(dk, owner.publicKey);
  });

  it('round trip with the right key pair; 80 bytes; a fresh ephemeral key each time', () => {
    expect(sealed).toHaveLength(SEALED_KEY_BYTES);
    expect(equal(openDocumentKey(sealed, owner.publicKey, owner.secretKey), dk)).toBe(true);
    const again = sealDocumentKey(dk, owner.publicKey);
    expect(equal(again, sealed)).toBe(false);
    expect(equal(openDocumentKey(again, owner.publicKey, owner.secretKey), dk)).toBe(true);
  });

  it('seals to several recipients independently (owner and a city service)', () => {
    const service = keyPair();
    const forService = sealDocumentKey(dk, service.publicKey);
    expect(equal(openDocumentKey(forService, service.publicKey, service.secretKey), dk)).toBe(true);
    expectDecryptFailed(() => openDocumentKey(forService, owner.publicKey, owner.secretKey));
  });

  it('opens only with the right key pair → ERR_DECRYPT_FAILED otherwise', () => {
    const other = keyPair();
    expectDecryptFailed(() => openDocumentKey(sealed, other.publicKey, other.secretKey));
    // The right secret key with another public key: the nonce binds the recipient's public key.
    expectDecryptFailed(() => openDocumentKey(sealed, other.publicKey, owner.secretKey));
    expectDecryptFailed(() => openDocumentKey(sealed, owner.publicKey, other.secretKey));
  });

  it('a flipped bit → ERR_DECRYPT_FAILED', () => {
    for (const at of [0, 31, 32, 47, 48, 79]) {
      const tampered = sealed.slice();
      tampered[at]! ^= 0x01;
      expectDecryptFailed(() => openDocumentKey(tampered, owner.publicKey, owner.secretKey));
    }
  });

  it('a wrong length → ERR_DECRYPT_FAILED, even when the box itself is valid', () => {
    const s = sodium();
    expectDecryptFailed(() =>
      openDocumentKey(sealed.subarray(0, 79), owner.publicKey, owner.secretKey),
    );
    expectDecryptFailed(() =>
      openDocumentKey(new Uint8Array([...sealed, 0]), owner.publicKey, owner.secretKey),
    );
    expectDecryptFailed(() => openDocumentKey(new Uint8Array(0), owner.publicKey, owner.secretKey));
    // A valid sealed box of 31 or 33 bytes is still not a document key.
    for (const n of [31, 33]) {
      const box = s.crypto_box_seal(new Uint8Array(n), owner.publicKey);
      expectDecryptFailed(() => openDocumentKey(box, owner.publicKey, owner.secretKey));
    }
  });
});
