import { randomUUID } from 'node:crypto';
import type {
  CompleteUploadRequest,
  CreateUploadRequest,
  PutVersionPrelude,
} from '../../../contracts/index.js';
import { httpErrors } from '../../../http/errors.js';
import type {
  CreateUploadResult,
  DocumentRecord,
  PutVersionResult,
  UploadRecord,
} from '../../../storage/index.js';
import type { AppError } from '../../../http/app-error.js';
import { decodeBase64url } from '../../../http/base64url.js';
import { vaultErrors } from '../lib/vault-errors.js';
import { residentEvent, type AccessEventInput } from '../../access-log/index.js';
import type { VaultDeps } from '../vault-deps.js';
import { splitChunks } from '../../../http/split-chunks.js';

/** The entry for a stored version: a new document, or a new version of one. */
function storedEvent(
  residentId: string,
  at: Date,
  document: DocumentRecord,
  version: number,
): AccessEventInput {
  return residentEvent(
    residentId,
    at,
    version === 1 ? 'document.uploaded' : 'document.version-added',
    {
      document: { id: document.id, category: document.category, version },
    },
  );
}

/**
 * Uploads of encrypted document versions (issue 3): reserve (quota and size checked at once),
 * append chunks in order, complete with the header, wrapped key and metadata, or cancel. Nothing is
 * visible before completion; a refused request writes nothing. Logs ids and sizes only.
 */
export class UploadService {
  readonly #deps: VaultDeps;
  constructor(deps: VaultDeps) {
    this.#deps = deps;
  }

  /** The error for a refused new version, whichever way it was sent. */
  #refusal(
    reason: Extract<CreateUploadResult | PutVersionResult, { ok: false }>['reason'],
    framingDetail: string,
  ): AppError {
    const { config } = this.#deps;
    switch (reason) {
      case 'not-enrolled':
        return vaultErrors.notEnrolled();
      case 'bad-framing':
        return vaultErrors.framing(framingDetail);
      case 'too-large':
        return vaultErrors.tooLarge(config.maxDocumentBytes);
      case 'document-not-found':
        return vaultErrors.documentNotFound();
      case 'category-mismatch':
        return httpErrors.validation(
          'The request is not valid (category: a new version keeps its document’s category).',
        );
      case 'conflict':
        return vaultErrors.versionConflict();
      case 'quota-exceeded':
        return vaultErrors.quotaExceeded(null, config.quotaBytes);
    }
  }

  #expiresAt(now: Date): Date {
    return new Date(now.getTime() + this.#deps.config.uploadTtlMs);
  }

  async create(residentId: string, request: CreateUploadRequest): Promise<UploadRecord> {
    const { config, storage, logger } = this.#deps;
    const now = this.#deps.now();
    const result = await storage.createUpload({
      uploadId: randomUUID(),
      residentId,
      newDocument: request.documentId === undefined,
      documentId: request.documentId ?? randomUUID(),
      category: request.category,
      size: request.size,
      chunkCount: request.chunkCount,
      now,
      expiresAt: this.#expiresAt(now),
      limits: { quotaBytes: config.quotaBytes, maxDocumentBytes: config.maxDocumentBytes },
    });
    if (!result.ok) {
      throw this.#refusal(
        result.reason,
        `${request.size} bytes cannot be ${request.chunkCount} chunks of this format`,
      );
    }
    const { upload } = result;
    logger.info(
      {
        resident: residentId,
        upload: upload.uploadId,
        document: upload.documentId,
        version: upload.version,
        size: upload.size,
        chunkCount: upload.chunkCount,
      },
      'upload started',
    );
    return upload;
  }

  async appendChunks(
    residentId: string,
    uploadId: string,
    fromIndex: number,
    body: Buffer,
  ): Promise<UploadRecord> {
    const { storage, logger } = this.#deps;
    if (body.length === 0) throw vaultErrors.framing('the request has no chunk');
    const now = this.#deps.now();
    const result = await storage.appendChunks({
      uploadId,
      residentId,
      fromIndex,
      chunks: splitChunks(body),
      now,
      expiresAt: this.#expiresAt(now),
    });
    if (!result.ok) {
      if (result.reason === 'not-found') throw vaultErrors.uploadNotFound();
      if (result.reason === 'out-of-order') {
        throw vaultErrors.outOfOrder(result.upload.chunksReceived);
      }
      throw vaultErrors.framing(
        `the upload expects ${result.upload.chunkCount} chunks of ${result.upload.size} bytes in all, ` +
          'every chunk but the last one full',
      );
    }
    logger.debug({ upload: uploadId, from: fromIndex, bytes: body.length }, 'upload chunks stored');
    return result.upload;
  }

  async complete(
    residentId: string,
    uploadId: string,
    request: CompleteUploadRequest,
  ): Promise<DocumentRecord> {
    const { storage, logger } = this.#deps;
    const now = this.#deps.now();
    const result = await storage.completeUpload(
      {
        uploadId,
        residentId,
        header: decodeBase64url(request.header, 'header'),
        wrappedKey: decodeBase64url(request.wrappedKey, 'wrappedKey'),
        metadata: decodeBase64url(request.metadata, 'metadata'),
        now,
      },
      this.#deps.accessLog.audit((outcome) =>
        outcome.ok ? storedEvent(residentId, now, outcome.document, outcome.version) : null,
      ),
    );
    if (!result.ok) {
      if (result.reason === 'not-found') throw vaultErrors.uploadNotFound();
      throw vaultErrors.incomplete(result.upload.chunksReceived, result.upload.chunkCount);
    }
    const { document } = result;
    logger.info(
      {
        resident: residentId,
        upload: uploadId,
        document: document.id,
        currentVersion: document.current.version,
      },
      'upload completed',
    );
    return document;
  }

  /**
   * Stores a whole small version sent in one request (`PUT /documents/:id/versions/:version`).
   * Resolves with the document and whether this request created the version (false: a replay of
   * one already stored).
   */
  async putVersion(
    residentId: string,
    documentId: string,
    version: number,
    prelude: PutVersionPrelude,
    chunks: Uint8Array[],
  ): Promise<{ created: boolean; document: DocumentRecord }> {
    const { config, storage, logger } = this.#deps;
    if (chunks.length !== prelude.chunkCount) {
      throw vaultErrors.framing(
        `the prelude announces ${prelude.chunkCount} chunks and the body has ${chunks.length}`,
      );
    }
    const now = this.#deps.now();
    const result = await storage.putVersion(
      {
        residentId,
        documentId,
        version,
        category: prelude.category,
        chunks,
        header: decodeBase64url(prelude.header, 'header'),
        wrappedKey: decodeBase64url(prelude.wrappedKey, 'wrappedKey'),
        metadata: decodeBase64url(prelude.metadata, 'metadata'),
        now,
        limits: { quotaBytes: config.quotaBytes, maxDocumentBytes: config.maxDocumentBytes },
      },
      this.#deps.accessLog.audit((outcome) =>
        outcome.ok && outcome.created
          ? storedEvent(residentId, now, outcome.document, version)
          : null,
      ),
    );
    if (!result.ok) {
      throw this.#refusal(result.reason, 'every chunk but the last one must be full');
    }
    const { document, created } = result;
    logger.info(
      { resident: residentId, document: document.id, version, created },
      created ? 'document version stored' : 'document version was already stored',
    );
    return { created, document };
  }

  async cancel(residentId: string, uploadId: string): Promise<void> {
    if (!(await this.#deps.storage.cancelUpload(residentId, uploadId))) {
      throw vaultErrors.uploadNotFound();
    }
    this.#deps.logger.info({ resident: residentId, upload: uploadId }, 'upload cancelled');
  }
}
