import type { PrepareDepositResponse } from '../../../contracts/index.js';
import type { VaultStorage } from '../../../storage/index.js';
import { encodeBase64url } from '../../../http/base64url.js';
import { serviceErrors } from '../lib/service-errors.js';

/**
 * What a service needs to encrypt a document for a resident (DESIGN §6): the resident's
 * pseudonymous id (the owner bound into the ciphertext) and the X25519 public key to seal the
 * document key to. Public keys only: a deposit needs no secret of the resident's.
 */
export async function prepareDeposit(
  deps: {
    storage: Pick<VaultStorage, 'findResidentByNationalId' | 'getVaultState'>;
    now: () => Date;
  },
  nationalId: string,
): Promise<PrepareDepositResponse> {
  const resident = await deps.storage.findResidentByNationalId(nationalId);
  if (!resident) throw serviceErrors.unknownResident();
  const { keys } = await deps.storage.getVaultState(resident.id, deps.now());
  if (!keys) throw serviceErrors.residentNotEnrolled();
  return { ownerId: resident.id, x25519PublicKey: encodeBase64url(keys.x25519PublicKey) };
}
