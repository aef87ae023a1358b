import { apiPost } from './api';
import type { LogExport } from './api-types';

/**
 * `POST /api/log/export`: the resident's entries with their inclusion proofs and the signed
 * checkpoint, in one file a verifier can check offline (`npm run verify-log`). The export is
 * itself logged. Shared by the access-log page and "Export everything" (Settings).
 */
export function exportLog(): Promise<LogExport> {
  return apiPost<LogExport>('/api/log/export');
}
