/**
 * Adding unlock methods to an unlocked vault, and replacing the recovery kit. Removing a slot
 * needs no key, so the page does that itself (`DELETE /api/vault/slots/:id`).
 */
import { apiGet, apiPost, apiPut } from '../../api';
import type { AddSlotRequest, ReplaceRecoveryRequest, VaultStateResponse } from '../../api-types';
import type { PasskeySecret } from '../protocol';
import { VaultError } from '../vault-error';
import { requireUnlocked, setRecovery, takeRecovery, wipe } from './keyring';
import { makePassphraseSlot, makePasskeySlot, makeRecoverySlot } from './make-slots';

/** Adds a passkey slot, unless that passkey already has one. */
export async function addPasskeySlot(secret: PasskeySecret, signal: AbortSignal): Promise<void> {
  const vault = requireUnlocked();
  let slot;
  try {
    const state = await apiGet<VaultStateResponse>('/api/vault', { signal });
    if (state.slots.some((s) => s.kind === 'passkey' && s.credentialId === secret.credentialId)) {
      throw new VaultError('ERR_PASSKEY_SLOT_EXISTS');
    }
    slot = makePasskeySlot(vault.masterKey, vault.residentId, secret);
  } finally {
    wipe(secret.prfOutput);
  }
  await apiPost<unknown>('/api/vault/slots', { slot } satisfies AddSlotRequest, { signal });
}

/** Adds a passphrase slot. */
export async function addPassphraseSlot(
  { passphrase }: { passphrase: string },
  signal: AbortSignal,
): Promise<void> {
  const vault = requireUnlocked();
  const slot = makePassphraseSlot(vault.masterKey, vault.residentId, passphrase);
  await apiPost<unknown>('/api/vault/slots', { slot } satisfies AddSlotRequest, { signal });
}

/** Makes a new recovery slot and returns its code; {@link commitRecovery} sends it. */
export function prepareRecovery(): { recoveryCode: string } {
  const vault = requireUnlocked();
  const { slot, recoveryCode } = makeRecoverySlot(vault.masterKey, vault.residentId);
  setRecovery(slot);
  return { recoveryCode };
}

/** `PUT /api/vault/recovery`: the new kit works and every older one stops working. */
export async function commitRecovery(signal: AbortSignal): Promise<void> {
  requireUnlocked();
  const slot = takeRecovery();
  if (!slot) throw new VaultError('ERR_VAULT_LOCKED');
  try {
    await apiPut<unknown>('/api/vault/recovery', { slot } satisfies ReplaceRecoveryRequest, {
      signal,
    });
  } catch (error) {
    setRecovery(slot); // the same kit can still be sent: the resident has already saved it
    throw error;
  }
}
