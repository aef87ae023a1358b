/**
 * Known-answer vectors from outside the project (`../shared/vectors/libsodium/`, from pyca/pynacl)
 * through the libsodium build the app ships, reached the way the app reaches it: the `sodium()`
 * accessor of crypto/src/sodium.ts (issue 3: "pass through the libsodium build the app ships").
 * The parsing lives in ./testing/libsodium-vectors.ts so that a browser suite can reuse it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { sodium, sodiumReady } from './sodium.js';
import {
  LIBSODIUM_VECTOR_FILES,
  bytesToHex,
  parseBoxSeedVectors,
  parseModularCryptArgon2idVectors,
  parseRawArgon2idVectors,
  parseSealedBoxVectors,
  parseSecretstreamVectors,
  parseXChaCha20Poly1305Vectors,
} from './testing/libsodium-vectors.js';

/** `<repo root>/../shared/vectors/libsodium`: works in any clone with shared/ beside it (CI). */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const vectorDir = path.resolve(repoRoot, '..', 'shared', 'vectors', 'libsodium');
const read = (name: string) => readFile(path.join(vectorDir, name), 'utf8');

const secretstream = parseSecretstreamVectors(await read(LIBSODIUM_VECTOR_FILES.secretstream));
const sealedBox = parseSealedBoxVectors(await read(LIBSODIUM_VECTOR_FILES.sealedBox));
const rawArgon2id = parseRawArgon2idVectors(await read(LIBSODIUM_VECTOR_FILES.rawArgon2id));
const cryptArgon2id = parseModularCryptArgon2idVectors(
  await read(LIBSODIUM_VECTOR_FILES.modularCryptArgon2id),
);
const xchacha = parseXChaCha20Poly1305Vectors(
  await read(LIBSODIUM_VECTOR_FILES.xchacha20Poly1305Ietf),
);
const boxFromSeed = parseBoxSeedVectors(await read(LIBSODIUM_VECTOR_FILES.boxFromSeed));

/** Argon2id at up to 256 MiB × 5 passes in WebAssembly takes seconds on a loaded two-core box. */
const ARGON2_TIMEOUT_MS = 60_000;

beforeAll(async () => {
  await sodiumReady();
});

describe('the vector files are all read', () => {
  it('holds the expected number of vectors (a parser must not shrink the suite)', () => {
    expect(secretstream).toHaveLength(3);
    expect(sealedBox).toHaveLength(3);
    expect(rawArgon2id).toHaveLength(10);
    expect(cryptArgon2id).toHaveLength(10);
    expect(xchacha).toHaveLength(1);
    expect(boxFromSeed).toHaveLength(1);
  });
});

describe('crypto_secretstream_xchacha20poly1305 (pynacl secretstream-test-vectors.json)', () => {
  it.each(secretstream.map((v, i) => [i, v] as const))('vector %i: pulls every chunk', (_, v) => {
    const s = sodium();
    const state = s.crypto_secretstream_xchacha20poly1305_init_pull(v.header, v.key);
    for (const chunk of v.chunks) {
      const result = s.crypto_secretstream_xchacha20poly1305_pull(
        state,
        chunk.ciphertext,
        chunk.ad,
      );
      expect(result).not.toBe(false);
      if (result === false) return;
      expect(bytesToHex(result.message)).toBe(bytesToHex(chunk.message));
      expect(result.tag).toBe(chunk.tag);
    }
    expect(v.chunks.at(-1)!.tag).toBe(s.crypto_secretstream_xchacha20poly1305_TAG_FINAL);
  });

  it('refuses a vector chunk with one flipped bit, and one pulled with other AD', () => {
    const s = sodium();
    const v = secretstream[1]!;
    const flipped = v.chunks[0]!.ciphertext.slice();
    flipped[flipped.length >> 1]! ^= 0x01;
    let state = s.crypto_secretstream_xchacha20poly1305_init_pull(v.header, v.key);
    expect(s.crypto_secretstream_xchacha20poly1305_pull(state, flipped, v.chunks[0]!.ad)).toBe(
      false,
    );
    state = s.crypto_secretstream_xchacha20poly1305_init_pull(v.header, v.key);
    const otherAd = new Uint8Array([1, 2, 3]);
    expect(
      s.crypto_secretstream_xchacha20poly1305_pull(state, v.chunks[0]!.ciphertext, otherAd),
    ).toBe(false);
  });
});

describe('crypto_box_seal (pynacl sealed_box_ref.txt)', () => {
  it.each(sealedBox.map((v, i) => [i, v] as const))(
    'vector %i: the key pair matches and the box opens',
    (_, v) => {
      const s = sodium();
      expect(bytesToHex(s.crypto_scalarmult_base(v.secretKey))).toBe(bytesToHex(v.publicKey));
      expect(v.ciphertext.length).toBe(v.plaintext.length + s.crypto_box_SEALBYTES);
      const opened = s.crypto_box_seal_open(v.ciphertext, v.publicKey, v.secretKey);
      expect(bytesToHex(opened)).toBe(bytesToHex(v.plaintext));
    },
  );
});

describe('crypto_pwhash Argon2id, raw output (pynacl raw_argon2id_hashes.json)', () => {
  it.each(rawArgon2id.map((v, i) => [i, v.opsLimit, v.memLimitBytes >> 10, v] as const))(
    'vector %i (t=%i, m=%i KiB)',
    (_, _t, _m, v) => {
      const s = sodium();
      const out = s.crypto_pwhash(
        v.hash.length,
        v.password,
        v.salt,
        v.opsLimit,
        v.memLimitBytes,
        s.crypto_pwhash_ALG_ARGON2ID13,
      );
      expect(bytesToHex(out)).toBe(bytesToHex(v.hash));
    },
    ARGON2_TIMEOUT_MS,
  );
});

describe('crypto_pwhash_str_verify Argon2id (pynacl modular_crypt_argon2id_hashes.json)', () => {
  it.each(cryptArgon2id.map((v, i) => [i, v.opsLimit, v.memLimitBytes >> 10, v] as const))(
    'vector %i (t=%i, m=%i KiB): right password true, wrong password false',
    (_, _t, _m, v) => {
      const s = sodium();
      expect(v.encoded).toContain(`m=${v.memLimitBytes >> 10},t=${v.opsLimit},p=1$`);
      expect(s.crypto_pwhash_str_verify(v.encoded, v.password)).toBe(true);
      expect(s.crypto_pwhash_str_verify(v.encoded, `${v.password}x`)).toBe(false);
    },
    ARGON2_TIMEOUT_MS,
  );
});

describe('crypto_aead_xchacha20poly1305_ietf (pynacl xchacha20-poly1305-ietf_ref.txt)', () => {
  it.each(xchacha.map((v, i) => [i, v] as const))(
    'vector %i: encrypt gives CT ‖ TAG, decrypt gives IN',
    (_, v) => {
      const s = sodium();
      const sealed = s.crypto_aead_xchacha20poly1305_ietf_encrypt(
        v.plaintext,
        v.ad,
        null,
        v.nonce,
        v.key,
      );
      expect(bytesToHex(sealed)).toBe(bytesToHex(v.ciphertext) + bytesToHex(v.tag));
      const opened = s.crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        sealed,
        v.ad,
        v.nonce,
        v.key,
      );
      expect(bytesToHex(opened)).toBe(bytesToHex(v.plaintext));
      const tampered = sealed.slice();
      tampered[0]! ^= 0x80;
      expect(() =>
        s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, tampered, v.ad, v.nonce, v.key),
      ).toThrow();
    },
  );
});

describe('crypto_box_seed_keypair (pynacl box_from_seed.txt)', () => {
  it.each(boxFromSeed.map((v, i) => [i, v] as const))('vector %i', (_, v) => {
    const pair = sodium().crypto_box_seed_keypair(v.seed);
    expect(bytesToHex(pair.publicKey)).toBe(bytesToHex(v.publicKey));
    expect(bytesToHex(pair.privateKey)).toBe(bytesToHex(v.secretKey));
  });
});
