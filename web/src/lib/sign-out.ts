import type { QueryClient } from '@tanstack/react-query';
import { apiPost, isUnauthenticated } from './api';
import { forgetResidentData, meQuery } from './me-query';
import { lockVault } from './vault/vault-client';
import { forgetPrfOutputs } from './webauthn';

/**
 * Locks the vault (its keys are wiped and its worker ends), `POST /api/auth/sign-out`, then
 * forgets everything this page knew about the resident: the cached resident data (`/api/me`
 * becomes `null`) and any PRF output. A session that had already ended counts as signed out.
 */
export async function signOut(queryClient: QueryClient): Promise<void> {
  await lockVault();
  try {
    await apiPost<void>('/api/auth/sign-out');
  } catch (error) {
    if (!isUnauthenticated(error)) throw error;
  }
  forgetPrfOutputs();
  await queryClient.cancelQueries();
  forgetResidentData(queryClient);
  queryClient.setQueryData(meQuery.queryKey, null);
}
