import { apiPost } from '../../lib/api';
import type { LogExport } from '../../lib/api-types';

/**
 * `POST /api/log/export`: the resident's entries with their inclusion proofs and the signed
 * checkpoint, in one file a verifier can check offline. The export is itself logged.
 */
export function exportLog(): Promise<LogExport> {
  return apiPost<LogExport>('/api/log/export');
}
