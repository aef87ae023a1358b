import { CryptoError } from '../errors.js';
import { joinAd } from '../format/associated-data.js';
import { AD_LABEL, AEAD_NONCE_BYTES, ENVELOPE_TYPE, FORMAT_V1, KDF } from '../format/v1.js';
import { concatBytes } from '../lib/bytes.js';
import { sodium } from '../sodium.js';
import type {
  Ed25519PublicKey,
  Ed25519Seed,
  MasterKey,
  SecretKeysKey,
  X25519PublicKey,
  X25519SecretKey,
} from './brands.js';

/** A resident's two key pairs (DESIGN §4): X25519 to receive sealed keys, Ed25519 to sign. */
export interface ResidentKeys {
  x25519PublicKey: X25519PublicKey;
  x25519SecretKey: X25519SecretKey;
  ed25519PublicKey: Ed25519PublicKey;
  ed25519Seed: Ed25519Seed;
}

/** The public half, stored in clear so that city services can seal to the resident. */
export type ResidentPublicKeys = Pick<ResidentKeys, 'x25519PublicKey' | 'ed25519PublicKey'>;

/** Makes fresh X25519 and Ed25519 key pairs. */
export function generateResidentKeys(): ResidentKeys {
  const s = sodium();
  const box = s.crypto_box_keypair();
  const seed = s.randombytes_buf(32);
  const sign = s.crypto_sign_seed_keypair(seed);
  s.memzero(sign.privateKey);
  return {
    x25519PublicKey: box.publicKey as X25519PublicKey,
    x25519SecretKey: box.privateKey as X25519SecretKey,
    ed25519PublicKey: sign.publicKey as Ed25519PublicKey,
    ed25519Seed: seed as Ed25519Seed,
  };
}

function secretKeysKey(masterKey: MasterKey): SecretKeysKey {
  return sodium().crypto_kdf_derive_from_key(
    32,
    KDF.secretKeysSubkeyId,
    KDF.masterKeyContext,
    masterKey,
  ) as SecretKeysKey;
}

function secretKeysAd(residentId: string, pub: ResidentPublicKeys, head: Uint8Array) {
  return concatBytes(
    joinAd(AD_LABEL.secretKeys, residentId, ''),
    pub.x25519PublicKey,
    pub.ed25519PublicKey,
    head,
  );
}

const HEAD = new Uint8Array([FORMAT_V1, ENVELOPE_TYPE.secretKeys]);
/** 2 + 24 + (32 + 32) + 16. */
const ENVELOPE_BYTES = 2 + AEAD_NONCE_BYTES + 64 + 16;

/**
 * Encrypts the secret halves under a subkey of the master key; the public keys and the resident
 * id are bound as associated data, so the envelope cannot be paired with other public keys.
 */
export function sealResidentSecretKeys(
  masterKey: MasterKey,
  residentId: string,
  keys: ResidentKeys,
): Uint8Array<ArrayBuffer> {
  const s = sodium();
  const key = secretKeysKey(masterKey);
  const nonce = s.randombytes_buf(AEAD_NONCE_BYTES);
  const plaintext = concatBytes(keys.x25519SecretKey, keys.ed25519Seed);
  const ciphertext = s.crypto_aead_xchacha20poly1305_ietf_encrypt(
    plaintext,
    secretKeysAd(residentId, keys, HEAD),
    null,
    nonce,
    key,
  );
  s.memzero(plaintext);
  s.memzero(key);
  return concatBytes(HEAD, nonce, ciphertext);
}

/** Decrypts the secret halves and checks that they match the public keys. */
export function openResidentSecretKeys(
  masterKey: MasterKey,
  residentId: string,
  publicKeys: ResidentPublicKeys,
  envelope: Uint8Array,
): ResidentKeys {
  const s = sodium();
  if (envelope.length !== ENVELOPE_BYTES || envelope[0] !== HEAD[0] || envelope[1] !== HEAD[1]) {
    throw new CryptoError('ERR_UNSUPPORTED_FORMAT', 'not a v1 secret-keys envelope');
  }
  const key = secretKeysKey(masterKey);
  let plaintext: Uint8Array;
  try {
    plaintext = s.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      envelope.subarray(2 + AEAD_NONCE_BYTES),
      secretKeysAd(residentId, publicKeys, HEAD),
      envelope.subarray(2, 2 + AEAD_NONCE_BYTES),
      key,
    );
  } catch {
    throw new CryptoError('ERR_DECRYPT_FAILED');
  } finally {
    s.memzero(key);
  }
  const x25519SecretKey = plaintext.slice(0, 32) as X25519SecretKey;
  const ed25519Seed = plaintext.slice(32, 64) as Ed25519Seed;
  s.memzero(plaintext);
  const derivedX = s.crypto_scalarmult_base(x25519SecretKey);
  const derivedSign = s.crypto_sign_seed_keypair(ed25519Seed);
  s.memzero(derivedSign.privateKey);
  if (
    !s.memcmp(derivedX, publicKeys.x25519PublicKey) ||
    !s.memcmp(derivedSign.publicKey, publicKeys.ed25519PublicKey)
  ) {
    throw new CryptoError('ERR_DECRYPT_FAILED');
  }
  return { ...publicKeys, x25519SecretKey, ed25519Seed };
}
