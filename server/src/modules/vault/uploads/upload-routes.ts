import { Router, type Request, type RequestHandler } from 'express';
import {
  CHUNK_CIPHERTEXT_BYTES,
  completeUploadRequest,
  createUploadRequest,
  MAX_CHUNKS_PER_REQUEST,
  MAX_PUT_PRELUDE_BYTES,
  MAX_PUT_VERSION_CHUNKS,
  PUT_PRELUDE_LENGTH_BYTES,
  type AppendChunksResponse,
  type CompleteUploadResponse,
  type CreateUploadResponse,
} from '../../../contracts/index.js';
import { AppError } from '../../../http/app-error.js';
import { httpErrors } from '../../../http/errors.js';
import { readBoundedBody } from '../../../http/read-bounded-body.js';
import { validate } from '../../../http/validate.js';
import { currentSession } from '../../auth/index.js';
import { fromQuery, idParam, versionParam } from '../lib/route-params.js';
import { vaultErrors } from '../lib/vault-errors.js';
import { presentDocument, presentUpload, presentUploadProgress } from '../presenters.js';
import { parsePutVersionBody } from './put-version-body.js';
import type { UploadService } from './upload-service.js';

/** The largest body of one chunk request: MAX_CHUNKS_PER_REQUEST full chunks (about 1 MiB). */
export const MAX_CHUNK_REQUEST_BYTES = MAX_CHUNKS_PER_REQUEST * CHUNK_CIPHERTEXT_BYTES;

/** The largest body of a one-request upload: the length field, the prelude and the chunks. */
export const MAX_PUT_VERSION_REQUEST_BYTES =
  PUT_PRELUDE_LENGTH_BYTES +
  MAX_PUT_PRELUDE_BYTES +
  MAX_PUT_VERSION_CHUNKS * CHUNK_CIPHERTEXT_BYTES;

const BINARY_PATHS = [/^\/uploads\/[^/]+\/chunks$/, /^\/documents\/[^/]+\/versions\/[^/]+$/];

/**
 * The two kinds of request whose body is not JSON (see csrfGuard): `PUT /uploads/:id/chunks` and
 * the one-request upload `PUT /documents/:id/versions/:version`.
 */
export function isChunkUpload(req: Request): boolean {
  return req.method === 'PUT' && BINARY_PATHS.some((path) => path.test(req.path));
}

function requireOctetStream(req: Request): void {
  if (req.is('application/octet-stream') === false) {
    throw new AppError(
      'ERR_UNSUPPORTED_MEDIA_TYPE',
      415,
      'Send the chunks as application/octet-stream.',
    );
  }
}

/** Uploads: reserve, send chunks, complete, cancel; or a small version in one request. */
export function uploadRoutes(
  uploads: UploadService,
  guards: { requireSession: RequestHandler },
): Router {
  const router = Router();

  router.post('/uploads', guards.requireSession, async (req, res) => {
    const request = validate(createUploadRequest, req.body);
    const upload = await uploads.create(currentSession(res).resident.id, request);
    const body: CreateUploadResponse = presentUpload(upload);
    res.status(201).json(body);
  });

  router.put('/uploads/:uploadId/chunks', guards.requireSession, async (req, res) => {
    const uploadId = idParam(req, 'uploadId', vaultErrors.uploadNotFound);
    const from = fromQuery(req);
    requireOctetStream(req);
    // Read as a stream with a hard limit: never more than one request's worth of chunks in memory.
    const data = await readBoundedBody(req, MAX_CHUNK_REQUEST_BYTES);
    const upload = await uploads.appendChunks(
      currentSession(res).resident.id,
      uploadId,
      from,
      data,
    );
    const body: AppendChunksResponse = presentUploadProgress(upload);
    res.json(body);
  });

  router.post('/uploads/:uploadId/complete', guards.requireSession, async (req, res) => {
    const uploadId = idParam(req, 'uploadId', vaultErrors.uploadNotFound);
    const request = validate(completeUploadRequest, req.body);
    const document = await uploads.complete(currentSession(res).resident.id, uploadId, request);
    const body: CompleteUploadResponse = { document: presentDocument(document) };
    res.json(body);
  });

  router.put('/documents/:id/versions/:version', guards.requireSession, async (req, res) => {
    const documentId = idParam(req, 'id', vaultErrors.documentNotFound);
    const version = versionParam(req, vaultErrors.documentNotFound);
    if (documentId !== documentId.toLowerCase()) {
      throw httpErrors.validation('The request is not valid (documentId: a lowercase UUID).');
    }
    requireOctetStream(req);
    const { prelude, chunks } = parsePutVersionBody(
      await readBoundedBody(req, MAX_PUT_VERSION_REQUEST_BYTES),
    );
    const { created, document } = await uploads.putVersion(
      currentSession(res).resident.id,
      documentId,
      version,
      prelude,
      chunks,
    );
    const body: CompleteUploadResponse = { document: presentDocument(document) };
    res.status(created ? 201 : 200).json(body);
  });

  router.delete('/uploads/:uploadId', guards.requireSession, async (req, res) => {
    const uploadId = idParam(req, 'uploadId', vaultErrors.uploadNotFound);
    await uploads.cancel(currentSession(res).resident.id, uploadId);
    res.status(204).end();
  });

  return router;
}
