import type { MasterKey, PrfOutput, RecoverySecret } from '../keys/brands.js';
import { formatRecoveryCode } from '../encoding/recovery-code.js';
import { ARGON2ID, SLOT_SALT_BYTES } from '../format/v1.js';
import { sodium } from '../sodium.js';
import { checkArgon2idParams, passkeyKek, passphraseKek, recoveryKek } from './derive-kek.js';
import { sealSlot, type SlotContext, type SlotHeader } from './slot-envelope.js';

/** A passkey slot: the master key under a KEK derived from the passkey's PRF output. */
export function createPasskeySlot(
  masterKey: MasterKey,
  prfOutput: PrfOutput,
  ctx: SlotContext,
): Uint8Array<ArrayBuffer> {
  const header: SlotHeader = {
    kind: 'passkey',
    salt: sodium().randombytes_buf(SLOT_SALT_BYTES) as Uint8Array<ArrayBuffer>,
    opsLimit: 0,
    memLimitBytes: 0,
  };
  return sealSlot(masterKey, passkeyKek(prfOutput, header.salt), header, ctx);
}

/** A passphrase slot: Argon2id with the parameters stored in the slot (at least the floor). */
export function createPassphraseSlot(
  masterKey: MasterKey,
  passphrase: string,
  ctx: SlotContext,
  params: { opsLimit: number; memLimitBytes: number } = ARGON2ID.default,
): Uint8Array<ArrayBuffer> {
  checkArgon2idParams(params.opsLimit, params.memLimitBytes);
  if (passphrase.normalize('NFKC').length < 12) {
    throw new TypeError('a passphrase must have at least 12 characters');
  }
  const header: SlotHeader = {
    kind: 'passphrase',
    salt: sodium().randombytes_buf(ARGON2ID.saltBytes) as Uint8Array<ArrayBuffer>,
    ...params,
  };
  return sealSlot(masterKey, passphraseKek(passphrase, header), header, ctx);
}

/** A recovery slot and the code to print on the kit (shown once, never stored). */
export function createRecoverySlot(
  masterKey: MasterKey,
  ctx: SlotContext,
): { envelope: Uint8Array<ArrayBuffer>; recoveryCode: string } {
  const s = sodium();
  const secret = s.randombytes_buf(32) as RecoverySecret;
  const header: SlotHeader = {
    kind: 'recovery',
    salt: s.randombytes_buf(SLOT_SALT_BYTES) as Uint8Array<ArrayBuffer>,
    opsLimit: 0,
    memLimitBytes: 0,
  };
  const envelope = sealSlot(masterKey, recoveryKek(secret, header.salt), header, ctx);
  const recoveryCode = formatRecoveryCode(secret);
  s.memzero(secret);
  return { envelope, recoveryCode };
}
