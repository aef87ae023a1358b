/**
 * Setting up a vault (DESIGN §4): the master key and key pairs are made here, slots are added
 * one by one as the resident goes through the steps, and nothing reaches the server until
 * {@link finishEnrolment}.
 */
import {
  generateMasterKey,
  generateResidentKeys,
  sealResidentSecretKeys,
  toBase64url,
} from '../../../../../crypto/src/index.js';
import { apiPost } from '../../api';
import type { EnrolRequest, KeySlotInput } from '../../api-types';
import type { PasskeySecret } from '../protocol';
import { requireEnrolment, setEnrolment, setUnlocked } from './keyring';
import { makePassphraseSlot, makePasskeySlot, makeRecoverySlot } from './make-slots';

/** Makes the keys and the recovery slot; returns the code to show on the kit. */
export function prepareEnrolment({ residentId }: { residentId: string }): { recoveryCode: string } {
  const masterKey = generateMasterKey();
  const keys = generateResidentKeys();
  const secretKeysEnvelope = sealResidentSecretKeys(masterKey, residentId, keys);
  const { slot, recoveryCode } = makeRecoverySlot(masterKey, residentId);
  setEnrolment({
    residentId,
    masterKey,
    keys,
    secretKeysEnvelope,
    recoverySlot: slot,
    passkeySlot: null,
    passphraseSlot: null,
  });
  return { recoveryCode };
}

/** Adds (or replaces) the passkey slot of the set-up. */
export function addEnrolmentPasskey(secret: PasskeySecret): void {
  const enrolment = requireEnrolment();
  enrolment.passkeySlot = makePasskeySlot(enrolment.masterKey, enrolment.residentId, secret);
}

/** Adds (or replaces) the passphrase slot of the set-up. */
export function addEnrolmentPassphrase({ passphrase }: { passphrase: string }): void {
  const enrolment = requireEnrolment();
  enrolment.passphraseSlot = makePassphraseSlot(
    enrolment.masterKey,
    enrolment.residentId,
    passphrase,
  );
}

/** `POST /api/vault/enrol` with the public keys, the secret-keys envelope and every slot. */
export async function finishEnrolment(signal: AbortSignal): Promise<void> {
  const enrolment = requireEnrolment();
  const slots = [enrolment.passkeySlot, enrolment.recoverySlot, enrolment.passphraseSlot].filter(
    (slot): slot is KeySlotInput => slot !== null,
  );
  const body: EnrolRequest = {
    keys: {
      x25519PublicKey: toBase64url(enrolment.keys.x25519PublicKey),
      ed25519PublicKey: toBase64url(enrolment.keys.ed25519PublicKey),
      secretKeysEnvelope: toBase64url(enrolment.secretKeysEnvelope),
    },
    slots,
  };
  await apiPost<unknown>('/api/vault/enrol', body, { signal });
  setUnlocked(enrolment);
  setEnrolment(null);
}
