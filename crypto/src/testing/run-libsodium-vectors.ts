/**
 * Runs every libsodium known-answer vector and a document round trip through crypto/, and returns
 * a report instead of asserting: the browser suite calls it inside Chromium and checks the report
 * in Node. Test support only; no I/O (the caller passes the files' contents).
 */
import { createDocumentDecryptor, createDocumentEncryptor } from '../documents/document-stream.js';
import { generateDocumentKey } from '../documents/document-keys.js';
import { isCryptoError } from '../errors.js';
import { sodium, sodiumReady } from '../sodium.js';
import {
  LIBSODIUM_VECTOR_FILES,
  bytesToHex,
  parseBoxSeedVectors,
  parseModularCryptArgon2idVectors,
  parseRawArgon2idVectors,
  parseSealedBoxVectors,
  parseSecretstreamVectors,
  parseXChaCha20Poly1305Vectors,
} from './libsodium-vectors.js';

/** How many checks of each kind ran, and which failed. */
export interface VectorReport {
  counts: Record<string, number>;
  failures: string[];
}

type Files = Record<(typeof LIBSODIUM_VECTOR_FILES)[keyof typeof LIBSODIUM_VECTOR_FILES], string>;

/** Runs the vectors in `files` (file name → contents) plus a tamper-evident document round trip. */
export async function runLibsodiumVectors(files: Files): Promise<VectorReport> {
  await sodiumReady();
  const s = sodium();
  const counts: Record<string, number> = {};
  const failures: string[] = [];
  const check = (kind: string, ok: boolean, what: string) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    if (!ok) failures.push(`${kind}: ${what}`);
  };
  const eq = (a: Uint8Array, b: Uint8Array) => bytesToHex(a) === bytesToHex(b);

  parseSecretstreamVectors(files[LIBSODIUM_VECTOR_FILES.secretstream]).forEach((v, i) => {
    const state = s.crypto_secretstream_xchacha20poly1305_init_pull(v.header, v.key);
    v.chunks.forEach((c, j) => {
      const r = s.crypto_secretstream_xchacha20poly1305_pull(state, c.ciphertext, c.ad);
      check(
        'secretstream',
        r !== false && r.tag === c.tag && eq(r.message, c.message),
        `${i}/${j}`,
      );
    });
  });
  parseSealedBoxVectors(files[LIBSODIUM_VECTOR_FILES.sealedBox]).forEach((v, i) => {
    const opened = s.crypto_box_seal_open(v.ciphertext, v.publicKey, v.secretKey);
    check('sealed box', eq(opened, v.plaintext), String(i));
  });
  parseRawArgon2idVectors(files[LIBSODIUM_VECTOR_FILES.rawArgon2id]).forEach((v, i) => {
    const hash = s.crypto_pwhash(
      v.hash.length,
      v.password,
      v.salt,
      v.opsLimit,
      v.memLimitBytes,
      s.crypto_pwhash_ALG_ARGON2ID13,
    );
    check('argon2id raw', eq(hash, v.hash), String(i));
  });
  parseModularCryptArgon2idVectors(files[LIBSODIUM_VECTOR_FILES.modularCryptArgon2id]).forEach(
    (v, i) => {
      check('argon2id str', s.crypto_pwhash_str_verify(v.encoded, v.password), `${i} right`);
      check('argon2id str', !s.crypto_pwhash_str_verify(v.encoded, `${v.password}x`), `${i} wrong`);
    },
  );
  parseXChaCha20Poly1305Vectors(files[LIBSODIUM_VECTOR_FILES.xchacha20Poly1305Ietf]).forEach(
    (v, i) => {
      const sealed = s.crypto_aead_xchacha20poly1305_ietf_encrypt(
        v.plaintext,
        v.ad,
        null,
        v.nonce,
        v.key,
      );
      const expected = new Uint8Array([...v.ciphertext, ...v.tag]);
      check('xchacha20-poly1305', eq(sealed, expected), `${i} encrypt`);
      const opened = s.crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        expected,
        v.ad,
        v.nonce,
        v.key,
      );
      check('xchacha20-poly1305', eq(opened, v.plaintext), `${i} decrypt`);
    },
  );
  parseBoxSeedVectors(files[LIBSODIUM_VECTOR_FILES.boxFromSeed]).forEach((v, i) => {
    const kp = s.crypto_box_seed_keypair(v.seed);
    check('box seed', eq(kp.publicKey, v.publicKey) && eq(kp.privateKey, v.secretKey), String(i));
  });

  // A document through crypto/ itself: round trip, then one flipped bit must be refused.
  const ctx = { documentId: 'browser-self-test', version: 1, ownerId: 'resident' };
  const plaintext = new Uint8Array(150_000).map((_, i) => (i * 31) & 0xff);
  const dk = generateDocumentKey();
  const enc = createDocumentEncryptor(dk, ctx, plaintext.length);
  const chunks = [...enc.push(plaintext), ...enc.finish()];
  const dec = createDocumentDecryptor(dk, ctx, enc.header, plaintext.length);
  const out = [...chunks.flatMap((c) => dec.push(c)), ...dec.finish()];
  const joined = new Uint8Array(out.reduce((n, p) => n + p.length, 0));
  out.reduce((offset, p) => (joined.set(p, offset), offset + p.length), 0);
  check('document', eq(joined, plaintext), 'round trip');
  chunks[1]![100]! ^= 1;
  const tampered = createDocumentDecryptor(dk, ctx, enc.header, plaintext.length);
  let refused = false;
  try {
    chunks.forEach((c) => tampered.push(c));
    tampered.finish();
  } catch (error) {
    refused = isCryptoError(error, 'ERR_DECRYPT_FAILED');
  }
  check('document', refused, 'flipped bit refused');
  return { counts, failures };
}
