import { Router, type RequestHandler } from 'express';
import { documentRoutes } from './documents/document-routes.js';
import { KeyService } from './keys/key-service.js';
import { keyRoutes } from './keys/key-routes.js';
import { UploadService } from './uploads/upload-service.js';
import { isChunkUpload, uploadRoutes } from './uploads/upload-routes.js';
import type { VaultDeps } from './vault-deps.js';

export type { VaultDeps } from './vault-deps.js';
export { isChunkUpload } from './uploads/upload-routes.js';
export { issuerNames } from './documents/issuer-names.js';
export { presentDocument } from './presenters.js';
export type { IssuerNames } from './presenters.js';

/** The vault module's router, for the composition in app.ts. */
export interface VaultModule {
  /** JSON API (and the chunk streams), mounted under `/api` behind the CSRF guard. */
  api: Router;
  /** For csrfGuard: the requests that may carry `application/octet-stream`. */
  acceptsOctetStream: typeof isChunkUpload;
}

/**
 * Builds the document vault (issue 3, DESIGN §4, §8): keys and key slots, uploads, documents.
 * Every route needs a session: `requireSession` is the auth module's guard.
 */
export function createVaultModule(
  deps: VaultDeps,
  guards: { requireSession: RequestHandler },
): VaultModule {
  const api = Router();
  api.use(keyRoutes(new KeyService(deps), guards));
  api.use(uploadRoutes(new UploadService(deps), guards));
  api.use(documentRoutes(deps, guards));
  return { api, acceptsOctetStream: isChunkUpload };
}
