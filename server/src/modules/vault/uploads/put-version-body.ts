import {
  MAX_PUT_PRELUDE_BYTES,
  MAX_PUT_VERSION_CHUNKS,
  PUT_PRELUDE_LENGTH_BYTES,
  putVersionPrelude,
  type PutVersionPrelude,
} from '../../../contracts/index.js';
import { httpErrors } from '../../../http/errors.js';
import { validate } from '../../../http/validate.js';
import { vaultErrors } from '../lib/vault-errors.js';
import { splitChunks } from './split-chunks.js';

/**
 * Splits the body of a one-request upload (contracts: putVersionPrelude) into its validated
 * prelude and its chunks: `u32 big-endian n ‖ n bytes of JSON ‖ chunk ciphertexts`. Every way it
 * can be malformed is a 400 with a stable code; the chunks are views into `body`, not copies.
 */
export function parsePutVersionBody(body: Buffer): {
  prelude: PutVersionPrelude;
  chunks: Uint8Array[];
} {
  if (body.length < PUT_PRELUDE_LENGTH_BYTES) {
    throw vaultErrors.framing('the body must start with the length of its prelude');
  }
  const length = body.readUInt32BE(0);
  const chunksAt = PUT_PRELUDE_LENGTH_BYTES + length;
  if (length === 0 || length > MAX_PUT_PRELUDE_BYTES || chunksAt > body.length) {
    throw vaultErrors.framing(
      `the prelude must be 1 to ${MAX_PUT_PRELUDE_BYTES} bytes of JSON inside the body`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8', PUT_PRELUDE_LENGTH_BYTES, chunksAt));
  } catch {
    throw httpErrors.malformedJson();
  }
  const prelude = validate(putVersionPrelude, json);
  const chunks = splitChunks(body.subarray(chunksAt));
  if (chunks.length === 0) throw vaultErrors.framing('the request has no chunk');
  if (chunks.length > MAX_PUT_VERSION_CHUNKS) {
    throw vaultErrors.framing(
      `one request carries at most ${MAX_PUT_VERSION_CHUNKS} chunks; upload larger documents in parts`,
    );
  }
  return { prelude, chunks };
}
