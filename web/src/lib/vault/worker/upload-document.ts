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
  PutVersionPrelude,
} from '../../api-types';
import { createRateMeter } from '../progress';
import type { DocumentSummary, TransferProgress } from '../protocol';
import { VaultError } from '../vault-error';
import { putChunks, putVersion } from './http';
import { requireUnlocked, wipe } from './keyring';
import { rememberDocument } from './known-versions';
import { safeMimeType } from './safe-mime-type';
import { documentContext, summarizeDocument } from './summarize-document';

/**
 * Chunks per `PUT …/chunks` request, and the most a one-request upload carries: the contract's
 * MAX_CHUNKS_PER_REQUEST and MAX_PUT_VERSION_CHUNKS (about 1 MiB).
 */
export const CHUNKS_PER_REQUEST = 16;

interface UploadParams {
  file: File;
  category: DocumentCategory;
  documentId?: string;
  /** For a new version: the current version the resident saw (enables the one-request upload). */
  currentVersion?: number;
}

/**
 * Encrypts and uploads `file`: a new document, or a new version of `documentId`. A small file (at
 * most {@link CHUNKS_PER_REQUEST} chunks once encrypted) goes in one request, for an id and version
 * chosen here; a larger one is reserved, sent in batches of chunks, and completed.
 */
export async function uploadDocument(
  params: UploadParams,
  options: { signal: AbortSignal; progress: (p: TransferProgress) => void },
): Promise<DocumentSummary> {
  const layout = streamLayout(params.file.size);
  const isNew = params.documentId === undefined;
  if (layout.chunkCount <= CHUNKS_PER_REQUEST && (isNew || params.currentVersion !== undefined)) {
    return putSmallDocument(params, options);
  }
  return uploadInParts(params, options);
}

/** The one-request upload: `PUT /api/documents/:id/versions/:version`. */
async function putSmallDocument(
  params: UploadParams,
  { signal, progress }: { signal: AbortSignal; progress: (p: TransferProgress) => void },
): Promise<DocumentSummary> {
  const vault = requireUnlocked();
  const { file, category } = params;
  const size = file.size;
  const documentId = params.documentId ?? crypto.randomUUID();
  const version = params.documentId === undefined ? 1 : params.currentVersion! + 1;
  const context = documentContext(vault, documentId, version);
  progress({ done: 0, total: size, bytesPerSecond: 0 });
  const plaintext = new Uint8Array(
    await file.arrayBuffer().catch(() => {
      throw new VaultError('ERR_FILE_READ');
    }),
  );
  let dk: DocumentKey | null = generateDocumentKey();
  try {
    const encryptor = createDocumentEncryptor(dk, context, size);
    const chunks = encryptOrFail(() => [...encryptor.push(plaintext), ...encryptor.finish()]);
    const prelude: PutVersionPrelude = {
      category,
      chunkCount: chunks.length,
      header: toBase64url(encryptor.header),
      wrappedKey: toBase64url(sealDocumentKey(dk, vault.keys.x25519PublicKey)),
      metadata: toBase64url(
        encryptMetadata(dk, context, { name: file.name, type: safeMimeType(file.type), size }),
      ),
    };
    wipe(dk);
    dk = null;
    const meter = createRateMeter(performance.now());
    const { document } = await putVersion(documentId, version, prelude, chunks, signal);
    rememberDocument(vault, document);
    progress({ done: size, total: size, bytesPerSecond: meter.sample(size, performance.now()) });
    return summarizeDocument(vault, document);
  } finally {
    wipe(dk);
    wipe(plaintext);
  }
}

/** The reserved upload: reserve, chunks in batches, complete. */
async function uploadInParts(
  params: UploadParams,
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
    rememberDocument(vault, document);
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
