/**
 * The spec test: docs/crypto.md is enough to decrypt a document.
 *
 * The app's own code makes a resident's key slots, secret-keys envelope and a document (content,
 * metadata, sealed key). A reader written here from docs/crypto.md alone, with nothing but bare
 * libsodium primitives through the `sodium()` accessor, then goes all the way down: key slot → MK →
 * X25519 secret key → DK → metadata → content. It deliberately imports none of the app's readers
 * (createDocumentDecryptor, decryptMetadata, openDocumentKey, contentKeyOf, metadataKeyOf,
 * openKeySlot, openResidentSecretKeys, paddedLength, the AD helpers or the format constants): the
 * numbers below are copied from the document, so that a change to the code that the document does
 * not follow fails here.
 *
 * It also implements crypto_kdf_derive_from_key as raw BLAKE2b with salt and personalisation, the
 * equivalence docs/crypto.md states so that PyNaCl (which has no crypto_kdf binding) can follow it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateMasterKey } from '../keys/generate-master-key.js';
import type { PrfOutput } from '../keys/brands.js';
import { generateResidentKeys, sealResidentSecretKeys } from '../keys/resident-keys.js';
import {
  createPassphraseSlot,
  createPasskeySlot,
  createRecoverySlot,
} from '../slots/create-key-slot.js';
import { sodium, sodiumReady } from '../sodium.js';
import { generateDocumentKey, sealDocumentKey } from './document-keys.js';
import { createDocumentEncryptor } from './document-stream.js';
import { encryptMetadata, type DocumentMetadata } from './metadata.js';

beforeAll(async () => {
  await sodiumReady();
});

// --- the reader, from docs/crypto.md -----------------------------------------------------------

const utf8 = (text: string) => new TextEncoder().encode(text);

function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const equal = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** Test plaintext (libsodium.js's randombytes_buf is slow for large buffers). */
function somePlaintext(size: number, seed = size): Uint8Array {
  const out = new Uint8Array(size);
  let x = (seed * 2_654_435_761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** "Strings inside associated data are UTF-8 … joined by NUL". */
const joinedAd = (...parts: string[]) => utf8(parts.join('\0'));

function u64le(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value, true);
  return out;
}

function readU64le(bytes: Uint8Array, offset: number): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(offset, true);
}

/**
 * crypto_kdf_derive_from_key(32, id, ctx, key) = BLAKE2b(out 32, message "", key,
 * salt = u64le(id) ‖ 00×8, personal = ctx ‖ 00×8). libsodium.js's
 * crypto_generichash_blake2b_salt_personal(outlen, key, salt, personal) hashes the empty message,
 * which is exactly the KDF's input.
 */
function kdf(key: Uint8Array, subkeyId: bigint, context: string): Uint8Array {
  const ctx = utf8(context);
  if (ctx.length !== 8) throw new TypeError('a crypto_kdf context is 8 bytes');
  return sodium().crypto_generichash_blake2b_salt_personal(
    32,
    key,
    cat(u64le(subkeyId), new Uint8Array(8)),
    cat(ctx, new Uint8Array(8)),
  );
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** "Reading a code" (docs/crypto.md, Recovery code). */
function recoverySecret(code: string): Uint8Array {
  const s = sodium();
  const clean = code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  expect(clean).toHaveLength(56);
  let n = 0n;
  for (const c of clean) {
    const v = CROCKFORD.indexOf(c);
    expect(v).toBeGreaterThanOrEqual(0);
    n = (n << 5n) | BigInt(v);
  }
  const raw = new Uint8Array(35);
  for (let i = 34; i >= 0; i--) {
    raw[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  const secret = raw.slice(0, 32);
  const check = s.crypto_generichash(3, cat(utf8('citizen-vault/recovery-check/v1'), secret), null);
  expect(equal(check, raw.subarray(32))).toBe(true);
  return secret;
}

type SlotSecretBySpec = { prf: Uint8Array } | { passphrase: string } | { code: string };

/** "Key slots": envelope, associated data, KEK derivation; returns MK. */
function openSlotBySpec(
  envelope: Uint8Array,
  residentId: string,
  slotId: string,
  secret: SlotSecretBySpec,
): Uint8Array {
  const s = sodium();
  expect(envelope).toHaveLength(108);
  expect([envelope[0], envelope[1], envelope[3]]).toEqual([0x01, 0x01, 0x00]);
  const kind = envelope[2];
  const head = envelope.subarray(0, 36);
  const salt = envelope.subarray(4, 20);
  const opsLimit = readU64le(envelope, 20);
  const memLimit = readU64le(envelope, 28);
  let kek: Uint8Array;
  if (kind === 0x01 && 'prf' in secret) {
    expect([opsLimit, memLimit]).toEqual([0n, 0n]);
    kek = s.crypto_generichash(32, cat(utf8('citizen-vault/kek/passkey/v1'), salt), secret.prf);
  } else if (kind === 0x03 && 'code' in secret) {
    expect([opsLimit, memLimit]).toEqual([0n, 0n]);
    kek = s.crypto_generichash(
      32,
      cat(utf8('citizen-vault/kek/recovery/v1'), salt),
      recoverySecret(secret.code),
    );
  } else if (kind === 0x02 && 'passphrase' in secret) {
    // The floor and the ceiling, before any derivation.
    expect(opsLimit >= 3n && opsLimit <= 16n).toBe(true);
    expect(memLimit >= 67_108_864n && memLimit <= 1_073_741_824n).toBe(true);
    kek = s.crypto_pwhash(
      32,
      utf8(secret.passphrase.normalize('NFKC')),
      salt,
      Number(opsLimit),
      Number(memLimit),
      s.crypto_pwhash_ALG_ARGON2ID13,
    );
  } else {
    throw new Error(`slot kind ${kind} does not match the secret`);
  }
  const ad = cat(joinedAd('citizen-vault/key-slot/v1', residentId, slotId, ''), head);
  return s.crypto_aead_xchacha20poly1305_ietf_decrypt(
    null,
    envelope.subarray(60),
    ad,
    envelope.subarray(36, 60),
    kek,
  );
}

/** "Resident key pairs and the secret-keys envelope"; returns the X25519 secret key. */
function openSecretKeysBySpec(
  mk: Uint8Array,
  residentId: string,
  x25519PublicKey: Uint8Array,
  ed25519PublicKey: Uint8Array,
  envelope: Uint8Array,
): Uint8Array {
  const s = sodium();
  expect(envelope).toHaveLength(106);
  expect([envelope[0], envelope[1]]).toEqual([0x01, 0x02]);
  const ad = cat(
    joinedAd('citizen-vault/secret-keys/v1', residentId, ''),
    x25519PublicKey,
    ed25519PublicKey,
    new Uint8Array([0x01, 0x02]),
  );
  const plain = s.crypto_aead_xchacha20poly1305_ietf_decrypt(
    null,
    envelope.subarray(26),
    ad,
    envelope.subarray(2, 26),
    kdf(mk, 1n, 'cvmkey01'),
  );
  expect(plain).toHaveLength(64);
  const x25519SecretKey = plain.slice(0, 32);
  expect(equal(s.crypto_scalarmult_base(x25519SecretKey), x25519PublicKey)).toBe(true);
  expect(equal(s.crypto_sign_seed_keypair(plain.slice(32)).publicKey, ed25519PublicKey)).toBe(true);
  return x25519SecretKey;
}

interface Context {
  documentId: string;
  version: number;
  ownerId: string;
}

/** "Metadata". */
function decryptMetadataBySpec(dk: Uint8Array, ctx: Context, envelope: Uint8Array): unknown {
  const s = sodium();
  expect([envelope[0], envelope[1]]).toEqual([0x01, 0x03]);
  expect((envelope.length - 42) % 256).toBe(0);
  const ad = cat(
    joinedAd('citizen-vault/metadata/v1', ctx.documentId, String(ctx.version), ctx.ownerId),
    new Uint8Array([0x01, 0x03]),
  );
  const padded = s.crypto_aead_xchacha20poly1305_ietf_decrypt(
    null,
    envelope.subarray(26),
    ad,
    envelope.subarray(2, 26),
    kdf(dk, 2n, 'cvdocv01'),
  );
  expect(padded.length % 256).toBe(0);
  expect(padded.at(-1)).toBe(0x20); // at least one space
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(padded));
}

/** Padmé on L = size + 1, minimum 256, in integers (docs/crypto.md "Padding"). */
function paddedLengthBySpec(size: number): number {
  const l = BigInt(size) + 1n;
  if (l <= 256n) return 256;
  const e = BigInt(l.toString(2).length - 1);
  const s = BigInt(e.toString(2).length);
  const mask = (1n << (e - s)) - 1n;
  return Number((l + mask) & ~mask);
}

/** "Content" and its decryption rules 1–6; returns the plaintext only once all have passed. */
function decryptContentBySpec(
  dk: Uint8Array,
  ctx: Context,
  header: Uint8Array,
  ciphertext: Uint8Array,
  size: number,
): Uint8Array {
  const s = sodium();
  const padded = paddedLengthBySpec(size);
  const count = Math.ceil(padded / 65_536);
  expect(ciphertext.length).toBe(padded + 17 * count);
  expect(header).toHaveLength(24);
  const state = s.crypto_secretstream_xchacha20poly1305_init_pull(header, kdf(dk, 1n, 'cvdocv01'));
  const ad = joinedAd(
    'citizen-vault/document/v1',
    ctx.documentId,
    String(ctx.version),
    ctx.ownerId,
  );
  const out: Uint8Array[] = [];
  let frames = 0;
  for (let at = 0; at < ciphertext.length; at += 65_553) {
    frames += 1;
    const result = s.crypto_secretstream_xchacha20poly1305_pull(
      state,
      ciphertext.subarray(at, at + 65_553),
      ad,
    );
    if (result === false) throw new Error(`chunk ${frames} does not authenticate`);
    expect(result.tag).toBe(frames === count ? 3 : 0); // TAG_FINAL last, TAG_MESSAGE before
    expect(result.message).toHaveLength(frames === count ? padded - (count - 1) * 65_536 : 65_536);
    out.push(result.message);
  }
  expect(frames).toBe(count);
  const all = cat(...out);
  expect(all[size]).toBe(0x80);
  expect(all.subarray(size + 1).every((b) => b === 0)).toBe(true);
  return all.slice(0, size);
}

// --- the tests -----------------------------------------------------------------------------------

describe('crypto_kdf_derive_from_key is BLAKE2b with salt = u64le(id) ‖ 0 and personal = ctx ‖ 0', () => {
  it.each([
    ['cvmkey01', 1],
    ['cvdocv01', 1],
    ['cvdocv01', 2],
    ['cvdocv01', 0],
    ['cvdocv01', 0x7fff_ffff],
  ])('context %s, subkey id %i', (context, id) => {
    const s = sodium();
    for (let i = 0; i < 5; i++) {
      const key = s.randombytes_buf(32);
      const viaKdf = s.crypto_kdf_derive_from_key(32, id, context, key);
      expect(equal(kdf(key, BigInt(id), context), viaKdf)).toBe(true);
    }
  });

  it('ids past 32 bits land in the salt little-endian', () => {
    const s = sodium();
    const key = s.randombytes_buf(32);
    const id = 2n ** 40n + 5n;
    expect(
      equal(kdf(key, id, 'cvdocv01'), s.crypto_kdf_derive_from_key(32, id, 'cvdocv01', key)),
    ).toBe(true);
  });
});

describe('a document decrypted from the spec alone, from each kind of key slot down', () => {
  const residentId = 'resident-0b7c';
  const passphrase = 'Straße über Brücken, naïve café'; // NFKC matters: ß, ü, ï, é
  let mk: Uint8Array;
  let keys: ReturnType<typeof generateResidentKeys>;
  let secretKeysEnvelope: Uint8Array;
  let prf: Uint8Array;
  let slots: { passkey: Uint8Array; passphrase: Uint8Array; recovery: Uint8Array; code: string };

  beforeAll(() => {
    const master = generateMasterKey();
    mk = master;
    keys = generateResidentKeys();
    secretKeysEnvelope = sealResidentSecretKeys(master, residentId, keys);
    prf = sodium().randombytes_buf(32);
    const recovery = createRecoverySlot(master, { residentId, slotId: 'slot-recovery' });
    slots = {
      passkey: createPasskeySlot(master, prf as PrfOutput, { residentId, slotId: 'slot-passkey' }),
      passphrase: createPassphraseSlot(master, passphrase, { residentId, slotId: 'slot-words' }),
      recovery: recovery.envelope,
      code: recovery.recoveryCode,
    };
  });

  it('each key slot gives the master key', () => {
    expect(equal(openSlotBySpec(slots.passkey, residentId, 'slot-passkey', { prf }), mk)).toBe(
      true,
    );
    expect(
      equal(openSlotBySpec(slots.recovery, residentId, 'slot-recovery', { code: slots.code }), mk),
    ).toBe(true);
    // Typed in another Unicode normal form: NFKC makes it the same passphrase.
    const typed = passphrase.normalize('NFD');
    expect(typed).not.toBe(passphrase);
    expect(
      equal(openSlotBySpec(slots.passphrase, residentId, 'slot-words', { passphrase: typed }), mk),
    ).toBe(true);
  });

  it('the master key gives the X25519 secret key', () => {
    const sk = openSecretKeysBySpec(
      mk,
      residentId,
      keys.x25519PublicKey,
      keys.ed25519PublicKey,
      secretKeysEnvelope,
    );
    expect(equal(sk, keys.x25519SecretKey)).toBe(true);
  });

  it.each([0, 1000, 65_535, 65_536, 200_000])(
    '%i bytes: sealed key → metadata → content, byte for byte',
    (size) => {
      const s = sodium();
      const ctx: Context = {
        documentId: '0d9e8f7a-1b2c-4d3e-8f4a-5b6c7d8e9f00',
        version: 3,
        ownerId: residentId,
      };
      const plaintext = somePlaintext(size);
      const metadata: DocumentMetadata = {
        name: 'Zeugnis – Schuljahr 2024/25.pdf',
        type: 'application/pdf',
        size,
        title: 'School report',
      };

      // Written by the app.
      const dk = generateDocumentKey();
      const encryptor = createDocumentEncryptor(dk, ctx, size);
      const chunks = [...encryptor.push(plaintext), ...encryptor.finish()];
      const exported = {
        header: encryptor.header,
        ciphertext: cat(...chunks),
        metadata: encryptMetadata(dk, ctx, metadata),
        wrappedKey: sealDocumentKey(dk, keys.x25519PublicKey),
      };

      // Read from the spec, starting from the recovery kit as a resident on a new device would.
      const masterKey = openSlotBySpec(slots.recovery, residentId, 'slot-recovery', {
        code: slots.code.toLowerCase(),
      });
      const x25519SecretKey = openSecretKeysBySpec(
        masterKey,
        residentId,
        keys.x25519PublicKey,
        keys.ed25519PublicKey,
        secretKeysEnvelope,
      );
      expect(exported.wrappedKey).toHaveLength(80);
      const documentKey = s.crypto_box_seal_open(
        exported.wrappedKey,
        keys.x25519PublicKey,
        x25519SecretKey,
      );
      expect(equal(documentKey, dk)).toBe(true);

      const readMetadata = decryptMetadataBySpec(documentKey, ctx, exported.metadata);
      expect(readMetadata).toEqual(metadata);
      const readSize = (readMetadata as DocumentMetadata).size;

      const content = decryptContentBySpec(
        documentKey,
        ctx,
        exported.header,
        exported.ciphertext,
        readSize,
      );
      expect(equal(content, plaintext)).toBe(true);
      // Every chunk but the last is exactly 65 553 bytes, as the spec says.
      for (const chunk of chunks.slice(0, -1)) expect(chunk).toHaveLength(65_553);
    },
  );

  it('the spec reader also refuses what the spec says must fail (moved, wrong length claimed)', () => {
    const ctx: Context = { documentId: 'doc-x', version: 1, ownerId: residentId };
    const dk = generateDocumentKey();
    const plaintext = somePlaintext(70_000);
    const encryptor = createDocumentEncryptor(dk, ctx, plaintext.length);
    const ciphertext = cat(...encryptor.push(plaintext), ...encryptor.finish());
    expect(() =>
      decryptContentBySpec(dk, { ...ctx, version: 2 }, encryptor.header, ciphertext, 70_000),
    ).toThrow(/does not authenticate/);
    // 70 001 bytes fall into the same bucket: only the padding rule (5) catches the lie.
    expect(paddedLengthBySpec(70_001)).toBe(paddedLengthBySpec(70_000));
    expect(() => decryptContentBySpec(dk, ctx, encryptor.header, ciphertext, 70_001)).toThrow();
    expect(() =>
      decryptMetadataBySpec(
        dk,
        { ...ctx, ownerId: 'someone-else' },
        encryptMetadata(dk, ctx, { name: 'n', type: 't', size: 1 }),
      ),
    ).toThrow();
  });
});
