import type { Request } from 'express';
import { AppError } from './app-error.js';
import { httpErrors } from './errors.js';

/**
 * Reads a raw request body into one Buffer, never holding more than `limit` bytes: a longer body
 * (declared or actual) is refused with 413 ERR_PAYLOAD_TOO_LARGE. As body-parser does, the rest of
 * a refused body is read and dropped before the answer, so the client sees the 413 instead of a
 * reset connection; nothing of it is kept.
 */
export function readBoundedBody(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (req.readableEnded) {
      throw new TypeError('readBoundedBody: the body was already read by another parser');
    }
    const declared = Number(req.get('content-length') ?? Number.NaN);
    const parts: Buffer[] = [];
    let received = 0;
    let refusal: AppError | null = declared > limit ? httpErrors.payloadTooLarge(limit) : null;

    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (part: Buffer) => {
      if (refusal) return; // draining a refused body
      received += part.length;
      if (received > limit) {
        refusal = httpErrors.payloadTooLarge(limit);
        parts.length = 0;
        return;
      }
      parts.push(part);
    };
    const onEnd = () => {
      cleanup();
      if (refusal) reject(refusal);
      else resolve(Buffer.concat(parts, received));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(
        new AppError('ERR_BAD_REQUEST', 400, 'The request body was incomplete.', { cause: error }),
      );
    };
    const onClose = () => {
      // 'close' before 'end': the client went away mid-body.
      if (req.complete) return;
      cleanup();
      reject(new AppError('ERR_BAD_REQUEST', 400, 'The request body was incomplete.'));
    };

    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
