import { queryOptions } from '@tanstack/react-query';
import { listDocuments } from '../../lib/vault/vault-client';
import { UNLOCKED_KEY } from '../../lib/vault/vault-queries';

/** The documents with names decrypted in the worker (the documents page's cache entry). */
export const documentNamesQuery = queryOptions({
  queryKey: [UNLOCKED_KEY, 'documents'] as const,
  queryFn: listDocuments,
  staleTime: 30_000,
});
