import { apiGet } from '../../api';
import type { DocumentResponse } from '../../api-types';
import type { VersionSummary } from '../protocol';
import { requireUnlocked } from './keyring';
import { readDetails } from './summarize-document';

/**
 * `GET /api/documents/:id`: every complete version of a document, oldest first, each with its
 * own decrypted name, type, size, title and notes (a new version may have a new name), or null
 * where that metadata cannot be decrypted. For "Export everything" (issue 6).
 */
export async function listVersions(
  { documentId }: { documentId: string },
  signal: AbortSignal,
): Promise<VersionSummary[]> {
  const vault = requireUnlocked();
  const { versions } = await apiGet<DocumentResponse>(
    `/api/documents/${encodeURIComponent(documentId)}`,
    { signal },
  );
  return versions
    .map((version) => {
      let details;
      try {
        details = readDetails(vault, documentId, version);
      } catch {
        details = null; // reported as unreadable; never a guess
      }
      return { version: version.version, createdAt: version.createdAt, details };
    })
    .sort((a, b) => a.version - b.version);
}
