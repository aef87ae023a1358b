import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../api';
import type { VaultStateResponse } from '../api-types';

/**
 * `GET /api/vault`: enrolled or not, public keys, slot envelopes (all encrypted) and quota.
 * Nothing in it is readable without a key; the worker reads it again itself when it unlocks.
 */
export const vaultStateQuery = queryOptions({
  queryKey: ['vault', 'state'] as const,
  queryFn: () => apiGet<VaultStateResponse>('/api/vault'),
});

/** The vault's state for the signed-in resident. */
export function useVaultState() {
  return useQuery(vaultStateQuery);
}

/**
 * The first element of every query key whose data was decrypted in the worker: removed from the
 * cache whenever the vault locks.
 */
export const UNLOCKED_KEY = 'unlocked';
