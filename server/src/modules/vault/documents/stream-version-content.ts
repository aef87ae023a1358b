import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { DocumentVersionRecord, VaultStorage } from '../../../storage/index.js';

/** Chunks read from storage at a time: about 1 MiB, whatever the size of the document. */
export const CONTENT_BATCH_CHUNKS = 16;

/** What to stream: a complete version of a document the owner was just shown to own. */
export interface VersionContent {
  ownerId: string;
  version: DocumentVersionRecord;
}

/**
 * Streams a version's chunk ciphertexts, back to back, with their exact length (DESIGN §8): one
 * bounded batch of chunks is read at a time (no transaction spans an await), each write waits for
 * 'drain' when the socket is full, and reading stops as soon as the client goes away. Memory per
 * download is one batch, whatever the size of the document.
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

  let gone = false;
  let wake: (() => void) | undefined;
  res.once('close', () => {
    gone = true;
    wake?.();
  });
  const drained = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
      res.once('drain', () => resolve());
    });

  let next = 0;
  let sent = 0;
  while (next < version.chunkCount && !gone) {
    const batch = await storage.readChunks(
      ownerId,
      version.documentId,
      version.version,
      next,
      CONTENT_BATCH_CHUNKS,
    );
    if (batch.length === 0) {
      // Deleted while it was being read: the length promised in the headers cannot be kept.
      logger.info({ document: version.documentId, sent }, 'download cut: the document is gone');
      res.destroy();
      return;
    }
    for (const chunk of batch) {
      if (gone) break;
      const flushed = res.write(chunk);
      next += 1;
      sent += chunk.length;
      if (!flushed && !gone) await drained();
    }
  }
  if (gone) {
    logger.debug(
      { document: version.documentId, version: version.version, sent, size: version.size },
      'download stopped: the client went away',
    );
    return;
  }
  res.end();
}
