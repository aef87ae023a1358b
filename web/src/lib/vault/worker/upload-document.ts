/**
 * Upload (issue 3): the file is read as a stream here in the worker, encrypted chunk by chunk,
 * and sent in batches of whole ciphertext chunks, so neither the plaintext nor the document key
 * ever reaches the page. A failed or cancelled upload is deleted on the server at once.
 */
import {
  CHUNK_PLAINTEXT_BYTES,
  createDocumentEncryptor,
  encryptMetadata,
  generateDocumentKey,
  sealDocumentKey,
  streamLayout,
  toBase64url,
  type DocumentKey,
} from '../../../../../crypto/src/index.js';
import { apiDelete, apiPost } from '../../api';
import type {
  CompleteUploadRequest,
  CompleteUploadResponse,
  CreateUploadRequest,
  CreateUploadResponse,
  DocumentCategory,
} from '../../api-types';
import { createRateMeter } from '../progress';
import type { DocumentSummary, TransferProgress } from '../protocol';
import { VaultError } from '../vault-error';
import { putChunks } from './http';
import { requireUnlocked, wipe } from './keyring';
import { safeMimeType } from './safe-mime-type';
import { documentContext, summarizeDocument } from './summarize-document';

/** Chunks per `PUT …/chunks` request: the contract's MAX_CHUNKS_PER_REQUEST (about 1 MiB). */
export const CHUNKS_PER_REQUEST = 16;

/** Encrypts and uploads `file`: a new document, or a new version of `documentId`. */
export async function uploadDocument(
  params: { file: File; category: DocumentCategory; documentId?: string },
  { signal, progress }: { signal: AbortSignal; progress: (p: TransferProgress) => void },
): Promise<DocumentSummary> {
  const vault = requireUnlocked();
  const { file, category, documentId } = params;
  const size = file.size;
  const layout = streamLayout(size);
  const request: CreateUploadRequest = {
    category,
    size: layout.ciphertextLength,
    chunkCount: layout.chunkCount,
  };
  if (documentId !== undefined) request.documentId = documentId;
  const upload = await apiPost<CreateUploadResponse>('/api/uploads', request, { signal });

  const context = documentContext(vault, upload.documentId, upload.version);
  let dk: DocumentKey | null = generateDocumentKey();
  try {
    const encryptor = createDocumentEncryptor(dk, context, size);
    const meter = createRateMeter(performance.now());
    let sentChunks = 0;
    let batch: Uint8Array<ArrayBuffer>[] = [];
    progress({ done: 0, total: size, bytesPerSecond: 0 });

    const flush = async () => {
      if (batch.length === 0) return;
      await putChunks(upload.uploadId, sentChunks, batch, signal);
      sentChunks += batch.length;
      batch = [];
      const done = Math.min(size, sentChunks * CHUNK_PLAINTEXT_BYTES);
      progress({ done, total: size, bytesPerSecond: meter.sample(done, performance.now()) });
    };
    const add = async (chunks: Uint8Array<ArrayBuffer>[]) => {
      for (const chunk of chunks) {
        batch.push(chunk);
        if (batch.length === CHUNKS_PER_REQUEST) await flush();
      }
    };

    const reader = file.stream().getReader();
    try {
      for (;;) {
        signal.throwIfAborted();
        const { done, value } = await reader.read().catch(() => {
          throw new VaultError('ERR_FILE_READ');
        });
        if (done) break;
        await add(encryptOrFail(() => encryptor.push(value)));
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    await add(encryptOrFail(() => encryptor.finish()));
    await flush();

    const type = safeMimeType(file.type);
    const complete: CompleteUploadRequest = {
      header: toBase64url(encryptor.header),
      wrappedKey: toBase64url(sealDocumentKey(dk, vault.keys.x25519PublicKey)),
      metadata: toBase64url(encryptMetadata(dk, context, { name: file.name, type, size })),
    };
    wipe(dk);
    dk = null;
    const { document } = await apiPost<CompleteUploadResponse>(
      `/api/uploads/${encodeURIComponent(upload.uploadId)}/complete`,
      complete,
      { signal },
    );
    return summarizeDocument(vault, document);
  } catch (error) {
    // Best effort, and not with the aborted signal: leave nothing behind (the server also
    // expires abandoned uploads).
    void apiDelete(`/api/uploads/${encodeURIComponent(upload.uploadId)}`).catch(() => undefined);
    throw error;
  } finally {
    wipe(dk);
  }
}

/** A file that grew or shrank while it was read makes the encryptor throw: say so plainly. */
function encryptOrFail<T>(fn: () => T): T {
  try {
    return fn();
  } catch {
    throw new VaultError('ERR_FILE_READ');
  }
}
