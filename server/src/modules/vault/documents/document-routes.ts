import { Router, type RequestHandler } from 'express';
import type { DocumentListResponse, DocumentResponse } from '../../../contracts/index.js';
import { residentEvent } from '../../access-log/index.js';
import { currentSession } from '../../auth/index.js';
import { idParam, versionParam } from '../lib/route-params.js';
import { vaultErrors } from '../lib/vault-errors.js';
import { presentDocument, presentVersion } from '../presenters.js';
import type { VaultDeps } from '../vault-deps.js';
import { issuerNames } from './issuer-names.js';
import { streamVersionContent } from './stream-version-content.js';

/**
 * The resident's documents: list, one with its versions, a version's content, delete. Another
 * resident's document is answered exactly like a missing one (404 ERR_DOCUMENT_NOT_FOUND).
 */
export function documentRoutes(
  deps: VaultDeps,
  guards: { requireSession: RequestHandler },
): Router {
  const { storage, logger, accessLog } = deps;
  const router = Router();

  router.get('/documents', guards.requireSession, async (_req, res) => {
    const documents = await storage.listDocuments(currentSession(res).resident.id);
    const issuers = await issuerNames(storage, documents);
    const body: DocumentListResponse = {
      documents: documents.map((d) => presentDocument(d, issuers)),
    };
    res.json(body);
  });

  router.get('/documents/:id', guards.requireSession, async (req, res) => {
    const id = idParam(req, 'id', vaultErrors.documentNotFound);
    const found = await storage.getDocument(currentSession(res).resident.id, id);
    if (!found) throw vaultErrors.documentNotFound();
    const body: DocumentResponse = {
      document: presentDocument(found.document, await issuerNames(storage, [found.document])),
      versions: found.versions.map(presentVersion),
    };
    res.json(body);
  });

  router.get(
    '/documents/:id/versions/:version/content',
    guards.requireSession,
    async (req, res) => {
      const id = idParam(req, 'id', vaultErrors.documentNotFound);
      const number = versionParam(req, vaultErrors.documentNotFound);
      const ownerId = currentSession(res).resident.id;
      const found = await storage.getDocument(ownerId, id);
      const version = found?.versions.find((v) => v.version === number);
      if (!found || !version) throw vaultErrors.documentNotFound();
      if (req.method !== 'HEAD') {
        // No read without a log entry (DESIGN §1, promise 2): the content is served only once the
        // entry has committed; if it cannot be written, the document is not served at all.
        const preview = req.query['purpose'] === 'preview';
        await accessLog
          .record(
            residentEvent(ownerId, deps.now(), preview ? 'document.previewed' : 'document.read', {
              document: { id, category: found.document.category, version: number },
            }),
          )
          .catch((error: unknown) => {
            throw vaultErrors.logUnavailable(error);
          });
      }
      await streamVersionContent(req, res, storage, logger, { ownerId, version });
    },
  );

  router.delete('/documents/:id', guards.requireSession, async (req, res) => {
    const id = idParam(req, 'id', vaultErrors.documentNotFound);
    const { resident } = currentSession(res);
    const category = (await storage.getDocument(resident.id, id))?.document.category ?? null;
    const deleted = await storage.deleteDocument(
      resident.id,
      id,
      accessLog.audit((done) =>
        done
          ? residentEvent(resident.id, deps.now(), 'document.deleted', {
              document: { id, category },
            })
          : null,
      ),
    );
    if (!deleted) throw vaultErrors.documentNotFound();
    logger.info({ resident: resident.id, document: id }, 'document deleted');
    res.status(204).end();
  });

  return router;
}
