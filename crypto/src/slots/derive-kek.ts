import { CryptoError } from '../errors.js';
import type { KeyEncryptionKey, PrfOutput, RecoverySecret } from '../keys/brands.js';
import { asKey } from '../keys/brands.js';
import { concatBytes } from '../lib/bytes.js';
import { ARGON2ID, KEK_LABEL } from '../format/v1.js';
import { sodium } from '../sodium.js';
import type { SlotHeader } from './slot-envelope.js';

const encoder = new TextEncoder();

/** KEK = BLAKE2b-256(key = secret, message = label ‖ salt). For PRF outputs and recovery kits. */
function keyedHash(label: string, secret: Uint8Array, salt: Uint8Array): KeyEncryptionKey {
  const kek = sodium().crypto_generichash(32, concatBytes(encoder.encode(label), salt), secret);
  return asKey<KeyEncryptionKey>(kek, 32, 'KEK');
}

/** The KEK of a passkey slot, from that passkey's PRF output. */
export function passkeyKek(prf: PrfOutput, salt: Uint8Array): KeyEncryptionKey {
  if (prf.length !== 32) throw new TypeError('PRF output must be 32 bytes');
  return keyedHash(KEK_LABEL.passkey, prf, salt);
}

/** The KEK of a recovery slot, from the kit's 32-byte secret. */
export function recoveryKek(secret: RecoverySecret, salt: Uint8Array): KeyEncryptionKey {
  return keyedHash(KEK_LABEL.recovery, secret, salt);
}

/**
 * Refuses Argon2id parameters below the floor (a server must not be able to weaken a slot) or
 * above the ceiling (nor freeze the tab).
 */
export function checkArgon2idParams(opsLimit: number, memLimitBytes: number): void {
  const { floor, ceiling } = ARGON2ID;
  if (
    !Number.isSafeInteger(opsLimit) ||
    !Number.isSafeInteger(memLimitBytes) ||
    opsLimit < floor.opsLimit ||
    memLimitBytes < floor.memLimitBytes ||
    opsLimit > ceiling.opsLimit ||
    memLimitBytes > ceiling.memLimitBytes
  ) {
    throw new CryptoError(
      'ERR_WEAK_KDF_PARAMS',
      `Argon2id parameters out of bounds: ops ${opsLimit}, mem ${memLimitBytes}`,
    );
  }
}

/** The KEK of a passphrase slot: Argon2id over the NFKC-normalised passphrase. */
export function passphraseKek(passphrase: string, header: SlotHeader): KeyEncryptionKey {
  checkArgon2idParams(header.opsLimit, header.memLimitBytes);
  const s = sodium();
  const kek = s.crypto_pwhash(
    32,
    encoder.encode(passphrase.normalize('NFKC')),
    header.salt,
    header.opsLimit,
    header.memLimitBytes,
    s.crypto_pwhash_ALG_ARGON2ID13,
  );
  return asKey<KeyEncryptionKey>(kek, 32, 'KEK');
}
