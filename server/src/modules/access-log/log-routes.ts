import { Router, type RequestHandler, type Response } from 'express';
import { parseTilePath } from '../../../../crypto/src/log/tile-path.js';
import { isCryptoError } from '../../../../crypto/src/errors.js';
import {
  consistencyProofQuery,
  inclusionProofQuery,
  logEntriesQuery,
  type ConsistencyProofResponse,
  type InclusionProofsResponse,
  type LogEntriesResponse,
} from '../../contracts/index.js';
import { validate } from '../../http/validate.js';
import type { LogEntryFilter } from '../../storage/index.js';
import { accessLogErrors, type AccessLogService } from './access-log-service.js';

/** Tiles never change once served (a tile is served only as far as a signed tree has it). */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Public, privacy-safe endpoints (DESIGN §5): the latest signed checkpoint and the tiles of hashes
 * (C2SP tlog-checkpoint and tlog-tiles). No personal data: entries are served only to their
 * resident, through the API.
 */
export function publicLogRoutes(log: AccessLogService): Router {
  const router = Router();
  router.get('/log/checkpoint', async (_req, res) => {
    const checkpoint = await log.latestCheckpoint();
    if (checkpoint === null) throw accessLogErrors.noCheckpoint();
    res
      .set({ 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*' })
      .type('text/plain; charset=utf-8')
      .send(checkpoint.note);
  });
  router.get(/^\/log\/(tile\/.+)$/, async (req, res) => {
    let target;
    try {
      target = parseTilePath(req.path.slice('/log/'.length));
    } catch (error) {
      if (isCryptoError(error)) throw accessLogErrors.tileNotFound();
      throw error;
    }
    if (target.kind !== 'hashes') throw accessLogErrors.tileNotFound();
    const body = await log.tile(target.level, target.index, target.width);
    res
      .set({ 'Cache-Control': IMMUTABLE, 'Access-Control-Allow-Origin': '*' })
      .type('application/octet-stream')
      .send(body);
  });
  return router;
}

/** The resident's own entries and proofs, under `/api/log` (session required). */
export function residentLogRoutes(
  log: AccessLogService,
  guards: { requireSession: RequestHandler; residentId: (res: Response) => string },
  now: () => Date,
): Router {
  const router = Router();
  const { requireSession, residentId } = guards;

  router.get('/log', requireSession, (_req, res) => {
    res.json(log.identity);
  });

  router.get('/log/entries', requireSession, async (req, res) => {
    const q = validate(logEntriesQuery, req.query);
    const filter: LogEntryFilter = {};
    if (q.actor !== undefined) filter.actorKind = q.actor;
    if (q.actorId !== undefined) filter.actorId = q.actorId;
    if (q.action !== undefined) filter.action = q.action;
    if (q.document !== undefined) filter.documentId = q.document;
    if (q.from !== undefined) filter.from = new Date(q.from);
    if (q.to !== undefined) filter.to = new Date(q.to);
    if (q.before !== undefined) filter.beforeIndex = q.before;
    // One more than asked: whether there is a next page, without a count query.
    const found = await log.listEntries(residentId(res), filter, q.limit + 1);
    const page = found.slice(0, q.limit);
    const body: LogEntriesResponse = {
      entries: page.map((e) => ({ index: e.index, leaf: Buffer.from(e.leaf).toString('utf8') })),
      nextBefore: found.length > q.limit ? page[page.length - 1]!.index : null,
    };
    res.json(body);
  });

  router.get('/log/proofs/inclusion', requireSession, async (req, res) => {
    const q = validate(inclusionProofQuery, req.query);
    const body: InclusionProofsResponse = {
      size: q.size,
      proofs: await log.inclusionProofs(residentId(res), q.size, q.index),
    };
    res.json(body);
  });

  router.get('/log/proofs/consistency', requireSession, async (req, res) => {
    const q = validate(consistencyProofQuery, req.query);
    const body: ConsistencyProofResponse = {
      from: q.from,
      to: q.to,
      hashes: await log.consistencyProof(q.from, q.to),
    };
    res.json(body);
  });

  router.post('/log/export', requireSession, async (_req, res) => {
    const resident = residentId(res);
    const at = now();
    // The export is itself an access to the resident's data: logged before it is handed out.
    await log.record({
      at,
      residentId: resident,
      actor: { kind: 'resident', id: resident },
      action: 'log.exported',
      outcome: 'ok',
    });
    const body = await log.exportFor(resident, at);
    res
      .set(
        'Content-Disposition',
        `attachment; filename="access-log-${at.toISOString().slice(0, 10)}.json"`,
      )
      .json(body);
  });

  return router;
}
