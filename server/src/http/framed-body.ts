import type { z } from 'zod';
import {
  MAX_PUT_PRELUDE_BYTES,
  MAX_PUT_VERSION_CHUNKS,
  PUT_PRELUDE_LENGTH_BYTES,
} from '../contracts/index.js';
import type { AppError } from './app-error.js';
import { httpErrors } from './errors.js';
import { splitChunks } from './split-chunks.js';
import { validate } from './validate.js';

/**
 * Splits a one-request body — `u32 big-endian n ‖ n bytes of JSON prelude ‖ chunk ciphertexts` —
 * into its prelude, validated by `schema`, and its chunks (views into `body`, not copies). The
 * resident's one-request upload and a service's deposit share this framing (contracts:
 * `putVersionPrelude`, `depositPrelude`). Every malformation is a 400 with a stable code:
 * `framing(why)` names the caller's; a prelude that is not JSON is `ERR_MALFORMED_JSON`.
 */
export function parseFramedBody<S extends z.ZodType>(
  body: Buffer,
  schema: S,
  framing: (why: string) => AppError,
  tooManyChunks: string,
): { prelude: z.output<S>; chunks: Uint8Array[] } {
  if (body.length < PUT_PRELUDE_LENGTH_BYTES) {
    throw framing('the body must start with the length of its prelude');
  }
  const length = body.readUInt32BE(0);
  const chunksAt = PUT_PRELUDE_LENGTH_BYTES + length;
  if (length === 0 || length > MAX_PUT_PRELUDE_BYTES || chunksAt > body.length) {
    throw framing(
      `the prelude must be 1 to ${MAX_PUT_PRELUDE_BYTES} bytes of JSON inside the body`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8', PUT_PRELUDE_LENGTH_BYTES, chunksAt));
  } catch {
    throw httpErrors.malformedJson();
  }
  const prelude = validate(schema, json);
  const chunks = splitChunks(body.subarray(chunksAt));
  if (chunks.length === 0) throw framing('the request has no chunk');
  if (chunks.length > MAX_PUT_VERSION_CHUNKS) throw framing(tooManyChunks);
  return { prelude, chunks };
}
