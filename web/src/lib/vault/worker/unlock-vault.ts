/**
 * Unlocking: reads the slots from `GET /api/vault`, opens the first one the secret fits, then the
 * resident's secret keys. A passphrase slot with weakened Argon2id parameters is refused before
 * any derivation (ERR_WEAK_KDF_PARAMS): the server may have been tampered with.
 */
import {
  fromBase64url,
  isCryptoError,
  openKeySlot,
  openResidentSecretKeys,
  parseRecoveryCode,
  type Ed25519PublicKey,
  type MasterKey,
  type PrfOutput,
  type SlotSecret,
  type X25519PublicKey,
} from '../../../../../crypto/src/index.js';
import { ApiError, apiGet } from '../../api';
import type { VaultStateResponse } from '../../api-types';
import type { UnlockSecret } from '../protocol';
import { VaultError } from '../vault-error';
import { setUnlocked, wipe } from './keyring';

/** Opens the vault with a passkey's PRF output, a passphrase or a recovery code. */
export async function unlockVault(
  { residentId, secret }: { residentId: string; secret: UnlockSecret },
  signal: AbortSignal,
): Promise<void> {
  try {
    if (secret.kind === 'recovery') wipe(parseRecoveryCode(secret.code)); // a typo says so first
    const state = await apiGet<VaultStateResponse>('/api/vault', { signal });
    if (!state.enrolled || !state.keys) {
      throw new ApiError(409, 'ERR_NOT_ENROLLED', 'The vault is not set up');
    }
    const candidates = state.slots.filter(
      (slot) =>
        slot.kind === secret.kind &&
        (secret.kind !== 'passkey' || slot.credentialId === secret.credentialId),
    );
    const slotSecret = toSlotSecret(secret);
    let masterKey: MasterKey | null = null;
    for (const slot of candidates) {
      try {
        masterKey = openKeySlot(fromBase64url(slot.envelope), slotSecret, {
          residentId,
          slotId: slot.id,
        });
        break;
      } catch (error) {
        // A weakened slot is an alarm, not a wrong guess: stop at once.
        if (isCryptoError(error, 'ERR_WEAK_KDF_PARAMS')) throw error;
        if (!isCryptoError(error)) throw error;
      }
    }
    if (!masterKey) throw new VaultError('ERR_SLOT_OPEN_FAILED');
    try {
      const keys = openResidentSecretKeys(
        masterKey,
        residentId,
        {
          x25519PublicKey: fromBase64url(state.keys.x25519PublicKey) as X25519PublicKey,
          ed25519PublicKey: fromBase64url(state.keys.ed25519PublicKey) as Ed25519PublicKey,
        },
        fromBase64url(state.keys.secretKeysEnvelope),
      );
      setUnlocked({ residentId, masterKey, keys });
    } catch (error) {
      wipe(masterKey);
      throw error;
    }
  } finally {
    if (secret.kind === 'passkey') wipe(secret.prfOutput);
  }
}

function toSlotSecret(secret: UnlockSecret): SlotSecret {
  switch (secret.kind) {
    case 'passkey':
      return { kind: 'passkey', prfOutput: secret.prfOutput as PrfOutput };
    case 'passphrase':
      return { kind: 'passphrase', passphrase: secret.passphrase };
    case 'recovery':
      return { kind: 'recovery', code: secret.code };
  }
}
