import { CryptoError } from '../errors.js';
import type { MasterKey, PrfOutput } from '../keys/brands.js';
import { parseRecoveryCode } from '../encoding/recovery-code.js';
import { sodium } from '../sodium.js';
import { passkeyKek, passphraseKek, recoveryKek } from './derive-kek.js';
import { readSlotHeader, unsealSlot, type SlotContext } from './slot-envelope.js';

/** The secret offered to open a slot. */
export type SlotSecret =
  | { kind: 'passkey'; prfOutput: PrfOutput }
  | { kind: 'passphrase'; passphrase: string }
  | { kind: 'recovery'; code: string };

/**
 * Opens a key slot and returns the master key. Every wrong secret gives the same
 * ERR_SLOT_OPEN_FAILED; a passphrase slot whose stored Argon2id parameters are below the floor is
 * refused with ERR_WEAK_KDF_PARAMS before any derivation.
 */
export function openKeySlot(envelope: Uint8Array, secret: SlotSecret, ctx: SlotContext): MasterKey {
  const header = readSlotHeader(envelope);
  if (header.kind !== secret.kind) throw new CryptoError('ERR_SLOT_OPEN_FAILED');
  let kek;
  switch (secret.kind) {
    case 'passkey':
      kek = passkeyKek(secret.prfOutput, header.salt);
      break;
    case 'passphrase':
      kek = passphraseKek(secret.passphrase, header);
      break;
    case 'recovery': {
      const recoverySecret = parseRecoveryCode(secret.code);
      kek = recoveryKek(recoverySecret, header.salt);
      sodium().memzero(recoverySecret);
      break;
    }
  }
  try {
    return unsealSlot(envelope, kek, ctx);
  } finally {
    sodium().memzero(kek);
  }
}

/** The kind of a slot envelope, read from its clear header. */
export function keySlotKind(envelope: Uint8Array): SlotSecret['kind'] {
  return readSlotHeader(envelope).kind;
}
