import { queryOptions } from '@tanstack/react-query';
import { listDocuments } from '../../lib/vault/vault-client';
import { UNLOCKED_KEY } from '../../lib/vault/vault-queries';

/** The resident's documents with names decrypted in the worker; dropped when the vault locks. */
export const documentsQuery = queryOptions({
  queryKey: [UNLOCKED_KEY, 'documents'] as const,
  queryFn: listDocuments,
  staleTime: 30_000,
});
