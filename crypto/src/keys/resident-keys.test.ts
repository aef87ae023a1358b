import { beforeAll, describe, expect, it } from 'vitest';
import { sodium, sodiumReady } from '../sodium.js';
import type { Ed25519PublicKey, MasterKey, X25519PublicKey } from './brands.js';
import { generateMasterKey } from './generate-master-key.js';
import {
  generateResidentKeys,
  openResidentSecretKeys,
  sealResidentSecretKeys,
  type ResidentKeys,
} from './resident-keys.js';
import { expectCode } from '../testing/test-helpers.js';

/** 0x01 version ‖ 0x02 type ‖ nonce (24) ‖ ciphertext (64) ‖ tag (16): docs/crypto.md. */
const ENVELOPE_BYTES = 106;

beforeAll(async () => {
  await sodiumReady();
});

const equal = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('resident key pairs', () => {
  it('generates matching X25519 and Ed25519 pairs, fresh each time', () => {
    const s = sodium();
    const keys = generateResidentKeys();
    expect(keys.x25519PublicKey).toHaveLength(32);
    expect(keys.x25519SecretKey).toHaveLength(32);
    expect(keys.ed25519PublicKey).toHaveLength(32);
    expect(keys.ed25519Seed).toHaveLength(32);
    expect(equal(s.crypto_scalarmult_base(keys.x25519SecretKey), keys.x25519PublicKey)).toBe(true);
    expect(
      equal(s.crypto_sign_seed_keypair(keys.ed25519Seed).publicKey, keys.ed25519PublicKey),
    ).toBe(true);
    const other = generateResidentKeys();
    expect(equal(other.x25519SecretKey, keys.x25519SecretKey)).toBe(false);
    expect(equal(other.ed25519Seed, keys.ed25519Seed)).toBe(false);
  });
});

describe('secret-keys envelope', () => {
  let mk: MasterKey;
  let keys: ResidentKeys;
  let envelope: Uint8Array;
  const residentId = 'resident-42';

  beforeAll(() => {
    mk = generateMasterKey();
    keys = generateResidentKeys();
    envelope = sealResidentSecretKeys(mk, residentId, keys);
  });

  const open = (
    env = envelope,
    pub: Pick<ResidentKeys, 'x25519PublicKey' | 'ed25519PublicKey'> = keys,
    key = mk,
    id = residentId,
  ) => openResidentSecretKeys(key, id, pub, env);

  it('round trip: the same four keys come back, and they still work', () => {
    const s = sodium();
    expect(envelope).toHaveLength(ENVELOPE_BYTES);
    expect([...envelope.subarray(0, 2)]).toEqual([0x01, 0x02]);
    const opened = open();
    expect(equal(opened.x25519SecretKey, keys.x25519SecretKey)).toBe(true);
    expect(equal(opened.ed25519Seed, keys.ed25519Seed)).toBe(true);
    expect(equal(opened.x25519PublicKey, keys.x25519PublicKey)).toBe(true);
    expect(equal(opened.ed25519PublicKey, keys.ed25519PublicKey)).toBe(true);
    const sealed = s.crypto_box_seal(new Uint8Array([1, 2, 3]), keys.x25519PublicKey);
    expect([
      ...s.crypto_box_seal_open(sealed, opened.x25519PublicKey, opened.x25519SecretKey),
    ]).toEqual([1, 2, 3]);
    const { privateKey } = s.crypto_sign_seed_keypair(opened.ed25519Seed);
    const signature = s.crypto_sign_detached('receipt', privateKey);
    expect(s.crypto_sign_verify_detached(signature, 'receipt', keys.ed25519PublicKey)).toBe(true);
  });

  it('the secret halves are not in the envelope in clear', () => {
    const hex = Buffer.from(envelope).toString('hex');
    expect(hex).not.toContain(Buffer.from(keys.x25519SecretKey).toString('hex').slice(0, 16));
    expect(hex).not.toContain(Buffer.from(keys.ed25519Seed).toString('hex').slice(0, 16));
  });

  it('a wrong master key → ERR_DECRYPT_FAILED', () => {
    expectCode(() => open(envelope, keys, generateMasterKey()), 'ERR_DECRYPT_FAILED');
  });

  it('bound to the resident id → ERR_DECRYPT_FAILED for another', () => {
    expectCode(() => open(envelope, keys, mk, 'resident-43'), 'ERR_DECRYPT_FAILED');
    expectCode(() => open(envelope, keys, mk, ''), 'ERR_DECRYPT_FAILED');
  });

  it('bound to the public keys: swap either one → ERR_DECRYPT_FAILED', () => {
    const other = generateResidentKeys();
    expectCode(
      () =>
        open(envelope, {
          x25519PublicKey: other.x25519PublicKey,
          ed25519PublicKey: keys.ed25519PublicKey,
        }),
      'ERR_DECRYPT_FAILED',
    );
    expectCode(
      () =>
        open(envelope, {
          x25519PublicKey: keys.x25519PublicKey,
          ed25519PublicKey: other.ed25519PublicKey,
        }),
      'ERR_DECRYPT_FAILED',
    );
    expectCode(
      () =>
        open(envelope, {
          // The branded types make this a compile error; the envelope must refuse it anyway.
          x25519PublicKey: keys.ed25519PublicKey as Uint8Array as X25519PublicKey,
          ed25519PublicKey: keys.x25519PublicKey as Uint8Array as Ed25519PublicKey,
        }),
      'ERR_DECRYPT_FAILED',
    );
  });

  it('secret keys that do not match the public keys → ERR_DECRYPT_FAILED (checked after decryption)', () => {
    // A valid envelope whose AD names keys' public halves but whose plaintext holds others'.
    const other = generateResidentKeys();
    const mismatchedX = sealResidentSecretKeys(mk, residentId, {
      ...keys,
      x25519SecretKey: other.x25519SecretKey,
    });
    expectCode(() => open(mismatchedX), 'ERR_DECRYPT_FAILED');
    const mismatchedSeed = sealResidentSecretKeys(mk, residentId, {
      ...keys,
      ed25519Seed: other.ed25519Seed,
    });
    expectCode(() => open(mismatchedSeed), 'ERR_DECRYPT_FAILED');
  });

  it('a flipped bit in nonce, ciphertext or tag → ERR_DECRYPT_FAILED', () => {
    for (const at of [2, 25, 26, 60, ENVELOPE_BYTES - 1]) {
      const tampered = envelope.slice();
      tampered[at]! ^= 0x04;
      expectCode(() => open(tampered), 'ERR_DECRYPT_FAILED');
    }
  });

  it('a wrong length, version or type → ERR_UNSUPPORTED_FORMAT', () => {
    expectCode(() => open(envelope.subarray(0, -1)), 'ERR_UNSUPPORTED_FORMAT');
    expectCode(() => open(new Uint8Array([...envelope, 0])), 'ERR_UNSUPPORTED_FORMAT');
    expectCode(() => open(new Uint8Array(0)), 'ERR_UNSUPPORTED_FORMAT');
    for (const [at, value] of [
      [0, 0x02],
      [1, 0x01],
      [1, 0x03],
    ] as const) {
      const bad = envelope.slice();
      bad[at] = value;
      expectCode(() => open(bad), 'ERR_UNSUPPORTED_FORMAT');
    }
  });
});
