import type { Response } from 'express';

/** How a chunk stream ended. */
export interface StreamOutcome {
  /** done: every chunk sent; client-gone: the client went away; source-gone: a read came back empty. */
  outcome: 'done' | 'client-gone' | 'source-gone';
  /** Chunk bytes written (not counting `head`). */
  sent: number;
}

/**
 * Writes `head` (if given) and then `chunkCount` chunks read `batch` at a time (DESIGN §8): no
 * transaction spans an await, each write waits for 'drain' when the socket is full, and reading
 * stops as soon as the client goes away, so memory per response is one batch whatever the size.
 * The caller has set the status and an exact Content-Length. If a read comes back empty (the
 * document was deleted meanwhile) the promised length cannot be kept: the response is destroyed.
 */
export async function streamChunks(
  res: Response,
  options: {
    head?: Buffer;
    chunkCount: number;
    batch: number;
    read: (fromIndex: number, count: number) => Promise<Uint8Array[]>;
  },
): Promise<StreamOutcome> {
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

  if (options.head && !res.write(options.head) && !gone) await drained();
  let next = 0;
  let sent = 0;
  while (next < options.chunkCount && !gone) {
    const chunks = await options.read(next, options.batch);
    if (chunks.length === 0) {
      res.destroy();
      return { outcome: 'source-gone', sent };
    }
    for (const chunk of chunks) {
      if (gone) break;
      const flushed = res.write(chunk);
      next += 1;
      sent += chunk.length;
      if (!flushed && !gone) await drained();
    }
  }
  if (gone) return { outcome: 'client-gone', sent };
  res.end();
  return { outcome: 'done', sent };
}
