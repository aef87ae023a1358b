import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';

/** The `type` body-parser carries on the error thrown by {@link jsonBody}'s UTF-8 check. */
export const INVALID_UTF8 = 'entity.invalid.utf8';

/**
 * The JSON body parser of the vault's APIs: at most `limit` bytes, objects and arrays only
 * (`strict`), and valid UTF-8 only. body-parser alone would decode invalid bytes to U+FFFD and
 * accept the result, so a name sent as `A\xff` would be stored as `A�`; the vault refuses it
 * (400 `ERR_BAD_REQUEST`) instead of guessing what the client meant (issue 6, fuzz test).
 */
export function jsonBody(limit: number): RequestHandler {
  return express.json({
    limit,
    strict: true,
    verify: (_req, _res, body, encoding) => {
      if (encoding.toLowerCase() === 'utf-8' && !isUtf8(body)) {
        throw Object.assign(new Error('The request body is not valid UTF-8.'), {
          type: INVALID_UTF8,
          status: 400,
        });
      }
    },
  });
}
