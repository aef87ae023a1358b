import { apiGet } from '../../api';
import type { DocumentListResponse } from '../../api-types';
import type { DocumentSummary } from '../protocol';
import { requireUnlocked } from './keyring';
import { rememberList } from './known-versions';
import { summarizeDocument } from './summarize-document';

/** `GET /api/documents`, with every name decrypted here. */
export async function listDocuments(signal: AbortSignal): Promise<DocumentSummary[]> {
  const vault = requireUnlocked();
  const { documents } = await apiGet<DocumentListResponse>('/api/documents', { signal });
  rememberList(vault, documents);
  return documents.map((document) => summarizeDocument(vault, document));
}
