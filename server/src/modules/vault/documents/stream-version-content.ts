import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { streamChunks } from '../../../http/stream-chunks.js';
import type { DocumentVersionRecord, VaultStorage } from '../../../storage/index.js';

/** Chunks read from storage at a time: about 1 MiB, whatever the size of the document. */
export const CONTENT_BATCH_CHUNKS = 16;

/** What to stream: a complete version of a document the owner was just shown to own. */
export interface VersionContent {
  ownerId: string;
  version: DocumentVersionRecord;
}

/**
 * Streams a version's chunk ciphertexts, back to back, with their exact length, in bounded
 * batches (`http/stream-chunks.ts`): memory per download is one batch, whatever the size.
 */
export async function streamVersionContent(
  req: Request,
  res: Response,
  storage: VaultStorage,
  logger: Logger,
  { ownerId, version }: VersionContent,
): Promise<void> {
  res.status(200).set({
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(version.size),
    'Content-Disposition': 'attachment',
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }

  const { outcome, sent } = await streamChunks(res, {
    chunkCount: version.chunkCount,
    batch: CONTENT_BATCH_CHUNKS,
    read: (from, count) =>
      storage.readChunks(ownerId, version.documentId, version.version, from, count),
  });
  if (outcome === 'source-gone') {
    logger.info({ document: version.documentId, sent }, 'download cut: the document is gone');
  } else if (outcome === 'client-gone') {
    logger.debug(
      { document: version.documentId, version: version.version, sent, size: version.size },
      'download stopped: the client went away',
    );
  }
}
