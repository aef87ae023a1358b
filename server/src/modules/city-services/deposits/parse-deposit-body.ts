import {
  CHUNK_CIPHERTEXT_BYTES,
  MAX_PUT_PRELUDE_BYTES,
  MAX_PUT_VERSION_CHUNKS,
  PUT_PRELUDE_LENGTH_BYTES,
} from '../../../contracts/index.js';
import { depositPrelude, type DepositPrelude } from '../../../contracts/service-api.js';
import { httpErrors } from '../../../http/errors.js';
import { validate } from '../../../http/validate.js';
import { depositErrors } from './deposit-errors.js';

/** The largest deposit body: the length field, the prelude and {@link MAX_PUT_VERSION_CHUNKS} chunks. */
export const MAX_DEPOSIT_REQUEST_BYTES =
  PUT_PRELUDE_LENGTH_BYTES +
  MAX_PUT_PRELUDE_BYTES +
  MAX_PUT_VERSION_CHUNKS * CHUNK_CIPHERTEXT_BYTES;

/**
 * Splits a deposit body, `u32 big-endian n ‖ n bytes of JSON (depositPrelude) ‖ chunk
 * ciphertexts`, into its validated prelude and its chunks (views into `body`). Every chunk but
 * the last is CHUNK_CIPHERTEXT_BYTES long, so the boundaries follow from the bytes; storage checks
 * the last one's length against the total. Each malformation is a 400 with a stable code.
 */
export function parseDepositBody(body: Buffer): { prelude: DepositPrelude; chunks: Uint8Array[] } {
  if (body.length < PUT_PRELUDE_LENGTH_BYTES) {
    throw depositErrors.framing('the body must start with the length of its prelude');
  }
  const length = body.readUInt32BE(0);
  const chunksAt = PUT_PRELUDE_LENGTH_BYTES + length;
  if (length === 0 || length > MAX_PUT_PRELUDE_BYTES || chunksAt > body.length) {
    throw depositErrors.framing(
      `the prelude must be 1 to ${MAX_PUT_PRELUDE_BYTES} bytes of JSON inside the body`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8', PUT_PRELUDE_LENGTH_BYTES, chunksAt));
  } catch {
    throw httpErrors.malformedJson();
  }
  const prelude = validate(depositPrelude, json);
  const content = body.subarray(chunksAt);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < content.length; at += CHUNK_CIPHERTEXT_BYTES) {
    chunks.push(content.subarray(at, Math.min(at + CHUNK_CIPHERTEXT_BYTES, content.length)));
  }
  if (chunks.length === 0) throw depositErrors.framing('the request has no chunk');
  if (chunks.length > MAX_PUT_VERSION_CHUNKS) {
    throw depositErrors.framing(`a deposit carries at most ${MAX_PUT_VERSION_CHUNKS} chunks`);
  }
  if (chunks.length !== prelude.chunkCount) {
    throw depositErrors.framing(
      `the prelude announces ${prelude.chunkCount} chunks and the body has ${chunks.length}`,
    );
  }
  return { prelude, chunks };
}
