/**
 * Builds key-slot inputs for the wire: a client-made id (bound, with the resident id, into the
 * slot's associated data) and the envelope from crypto/.
 */
import {
  createPassphraseSlot,
  createPasskeySlot,
  createRecoverySlot,
  toBase64url,
  type MasterKey,
  type PrfOutput,
} from '../../../../../crypto/src/index.js';
import type { KeySlotInput } from '../../api-types';
import type { PasskeySecret } from '../protocol';
import { VaultError } from '../vault-error';
import { wipe } from './keyring';

/** A passkey slot opened by this PRF output; the output is wiped whatever happens. */
export function makePasskeySlot(
  masterKey: MasterKey,
  residentId: string,
  { credentialId, prfOutput }: PasskeySecret,
): KeySlotInput {
  try {
    if (prfOutput.length !== 32) throw new VaultError('ERR_PASSKEY_NO_PRF');
    const id = crypto.randomUUID();
    const envelope = createPasskeySlot(masterKey, prfOutput as PrfOutput, {
      residentId,
      slotId: id,
    });
    return { id, kind: 'passkey', credentialId, envelope: toBase64url(envelope) };
  } finally {
    wipe(prfOutput);
  }
}

/** A passphrase slot with the default Argon2id parameters (takes a few seconds). */
export function makePassphraseSlot(
  masterKey: MasterKey,
  residentId: string,
  passphrase: string,
): KeySlotInput {
  const id = crypto.randomUUID();
  const envelope = createPassphraseSlot(masterKey, passphrase, { residentId, slotId: id });
  return { id, kind: 'passphrase', envelope: toBase64url(envelope) };
}

/** A recovery slot and the code for its kit. */
export function makeRecoverySlot(
  masterKey: MasterKey,
  residentId: string,
): { slot: KeySlotInput; recoveryCode: string } {
  const id = crypto.randomUUID();
  const { envelope, recoveryCode } = createRecoverySlot(masterKey, { residentId, slotId: id });
  return { slot: { id, kind: 'recovery', envelope: toBase64url(envelope) }, recoveryCode };
}
