/**
 * Download (issue 3): the content is streamed into the secretstream decryptor here in the worker;
 * the verified pieces are collected, and only once the stream has reached its FINAL chunk
 * (`finish()` succeeded) does the page get a Blob. Any failure gives the page an error and no
 * plaintext at all.
 */
import {
  createDocumentDecryptor,
  decryptMetadata,
  fromBase64url,
  type DocumentKey,
} from '../../../../../crypto/src/index.js';
import { ApiError, apiGet } from '../../api';
import type { DocumentResponse, DocumentVersionView } from '../../api-types';
import { createRateMeter } from '../progress';
import type { DecryptedDocument, TransferProgress } from '../protocol';
import { getStream } from './http';
import { requireUnlocked, wipe } from './keyring';
import { knownVersion } from './known-versions';
import { safeMimeType } from './safe-mime-type';
import { documentContext, openVersionKey } from './summarize-document';

/** Progress events at most this often (a stream can arrive in many small pieces). */
const PROGRESS_INTERVAL_MS = 100;

/** `GET /api/documents/:id`, for a version the list has not shown (an older one). */
async function lookUpVersion(
  path: string,
  version: number | undefined,
  signal: AbortSignal,
): Promise<DocumentVersionView> {
  const { document, versions } = await apiGet<DocumentResponse>(path, { signal });
  const chosen =
    version === undefined ? document.current : versions.find((v) => v.version === version);
  if (!chosen) throw new ApiError(404, 'ERR_DOCUMENT_NOT_FOUND', 'No such version');
  return chosen;
}

/** Downloads and decrypts one version of a document (the current one by default). */
export async function downloadDocument(
  { documentId, version }: { documentId: string; version?: number },
  { signal, progress }: { signal: AbortSignal; progress: (p: TransferProgress) => void },
): Promise<DecryptedDocument> {
  const vault = requireUnlocked();
  const path = `/api/documents/${encodeURIComponent(documentId)}`;
  // Usually the list has shown this version already: then the content is the only request.
  const chosen =
    knownVersion(vault, documentId, version) ?? (await lookUpVersion(path, version, signal));

  const context = documentContext(vault, documentId, chosen.version);
  let dk: DocumentKey | null = null;
  let decryptor;
  let metadata;
  try {
    dk = openVersionKey(vault, chosen);
    metadata = decryptMetadata(dk, context, fromBase64url(chosen.metadata));
    decryptor = createDocumentDecryptor(dk, context, fromBase64url(chosen.header), metadata.size);
  } finally {
    wipe(dk); // the decryptor keeps only its own stream state
  }

  const total = metadata.size;
  const meter = createRateMeter(performance.now());
  let lastReport = 0;
  let received = 0;
  const parts: Uint8Array<ArrayBuffer>[] = [];
  progress({ done: 0, total, bytesPerSecond: 0 });

  const stream = await getStream(`${path}/versions/${chosen.version}/content`, signal);
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.length;
      parts.push(...decryptor.push(value));
      const now = performance.now();
      if (now - lastReport >= PROGRESS_INTERVAL_MS) {
        lastReport = now;
        const plain = Math.min(total, Math.round((received / chosen.size) * total));
        progress({ done: plain, total, bytesPerSecond: meter.sample(plain, now) });
      }
    }
    parts.push(...decryptor.finish());
  } catch (error) {
    for (const part of parts) wipe(part);
    throw error;
  } finally {
    await reader.cancel().catch(() => undefined);
  }

  const type = safeMimeType(metadata.type);
  const blob = new Blob(parts, { type });
  progress({ done: total, total, bytesPerSecond: meter.sample(total, performance.now()) });
  return { blob, name: metadata.name, type };
}
