import { Router, type Request, type RequestHandler } from 'express';
import {
  CHUNK_CIPHERTEXT_BYTES,
  completeUploadRequest,
  createUploadRequest,
  MAX_CHUNKS_PER_REQUEST,
  type AppendChunksResponse,
  type CompleteUploadResponse,
  type CreateUploadResponse,
} from '../../../contracts/index.js';
import { AppError } from '../../../http/app-error.js';
import { readBoundedBody } from '../../../http/read-bounded-body.js';
import { validate } from '../../../http/validate.js';
import { currentSession } from '../../auth/index.js';
import { fromQuery, idParam } from '../lib/route-params.js';
import { vaultErrors } from '../lib/vault-errors.js';
import { presentDocument, presentUpload, presentUploadProgress } from '../presenters.js';
import type { UploadService } from './upload-service.js';

/** The largest body of one chunk request: MAX_CHUNKS_PER_REQUEST full chunks (about 1 MiB). */
export const MAX_CHUNK_REQUEST_BYTES = MAX_CHUNKS_PER_REQUEST * CHUNK_CIPHERTEXT_BYTES;

const CHUNKS_PATH = /^\/uploads\/[^/]+\/chunks$/;

/** The one kind of request whose body is not JSON (see csrfGuard): `PUT /uploads/:id/chunks`. */
export function isChunkUpload(req: Request): boolean {
  return req.method === 'PUT' && CHUNKS_PATH.test(req.path);
}

/** Uploads: reserve, send chunks, complete, cancel. */
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
    if (req.is('application/octet-stream') === false) {
      throw new AppError(
        'ERR_UNSUPPORTED_MEDIA_TYPE',
        415,
        'Send the chunks as application/octet-stream.',
      );
    }
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

  router.delete('/uploads/:uploadId', guards.requireSession, async (req, res) => {
    const uploadId = idParam(req, 'uploadId', vaultErrors.uploadNotFound);
    await uploads.cancel(currentSession(res).resident.id, uploadId);
    res.status(204).end();
  });

  return router;
}
