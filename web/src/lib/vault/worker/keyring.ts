/**
 * The worker's secrets, in one place so that locking can wipe them all: the unlocked master key
 * and secret keys, and whatever a set-up or a kit replacement has prepared but not yet sent.
 */
import type { MasterKey, ResidentKeys } from '../../../../../crypto/src/index.js';
import type { KeySlotInput } from '../../api-types';
import { VaultError } from '../vault-error';

/** An unlocked vault. */
export interface UnlockedVault {
  residentId: string;
  masterKey: MasterKey;
  keys: ResidentKeys;
}

/** A vault being set up: keys made, slots being added, nothing sent yet. */
export interface PendingEnrolment extends UnlockedVault {
  secretKeysEnvelope: Uint8Array<ArrayBuffer>;
  recoverySlot: KeySlotInput;
  passkeySlot: KeySlotInput | null;
  passphraseSlot: KeySlotInput | null;
}

let unlocked: UnlockedVault | null = null;
let enrolment: PendingEnrolment | null = null;
let recovery: KeySlotInput | null = null;

/** Overwrites a key's bytes with zeros (the buffer may still be referenced elsewhere). */
export function wipe(bytes: Uint8Array | null | undefined): void {
  bytes?.fill(0);
}

function wipeVault(vault: UnlockedVault | null): void {
  if (!vault) return;
  wipe(vault.masterKey);
  wipe(vault.keys.x25519SecretKey);
  wipe(vault.keys.ed25519Seed);
}

/** The unlocked vault, or ERR_VAULT_LOCKED. */
export function requireUnlocked(): UnlockedVault {
  if (!unlocked) throw new VaultError('ERR_VAULT_LOCKED');
  return unlocked;
}

/** Keeps a freshly opened vault, wiping any other. */
export function setUnlocked(vault: UnlockedVault): void {
  if (unlocked && unlocked !== vault) wipeVault(unlocked);
  unlocked = vault;
}

/** The set-up in progress, or ERR_VAULT_LOCKED when there is none (the worker restarted). */
export function requireEnrolment(): PendingEnrolment {
  if (!enrolment) throw new VaultError('ERR_VAULT_LOCKED');
  return enrolment;
}

/** Starts a set-up, wiping an earlier unfinished one. */
export function setEnrolment(next: PendingEnrolment | null): void {
  if (enrolment && enrolment !== next && enrolment !== unlocked) wipeVault(enrolment);
  enrolment = next;
}

/** A prepared replacement recovery slot (public data: the envelope is encrypted). */
export function takeRecovery(): KeySlotInput | null {
  const slot = recovery;
  recovery = null;
  return slot;
}

export function setRecovery(slot: KeySlotInput | null): void {
  recovery = slot;
}

/** Wipes everything: the lock. */
export function wipeAll(): void {
  wipeVault(unlocked);
  if (enrolment !== unlocked) wipeVault(enrolment);
  unlocked = null;
  enrolment = null;
  recovery = null;
}
