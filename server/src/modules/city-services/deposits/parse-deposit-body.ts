import {
  CHUNK_CIPHERTEXT_BYTES,
  MAX_PUT_PRELUDE_BYTES,
  MAX_PUT_VERSION_CHUNKS,
  PUT_PRELUDE_LENGTH_BYTES,
} from '../../../contracts/index.js';
import { depositPrelude, type DepositPrelude } from '../../../contracts/service-api.js';
import { parseFramedBody } from '../../../http/framed-body.js';
import { depositErrors } from './deposit-errors.js';

/** The largest deposit body: the length field, the prelude and {@link MAX_PUT_VERSION_CHUNKS} chunks. */
export const MAX_DEPOSIT_REQUEST_BYTES =
  PUT_PRELUDE_LENGTH_BYTES +
  MAX_PUT_PRELUDE_BYTES +
  MAX_PUT_VERSION_CHUNKS * CHUNK_CIPHERTEXT_BYTES;

/**
 * Splits a deposit body, `u32 big-endian n ‖ n bytes of JSON (depositPrelude) ‖ chunk
 * ciphertexts`, the framing of the resident's one-request upload, into its validated prelude and
 * its chunks (views into `body`); the prelude's chunk count must match. Each malformation is a 400
 * with a stable code.
 */
export function parseDepositBody(body: Buffer): { prelude: DepositPrelude; chunks: Uint8Array[] } {
  const { prelude, chunks } = parseFramedBody(
    body,
    depositPrelude,
    depositErrors.framing,
    `a deposit carries at most ${MAX_PUT_VERSION_CHUNKS} chunks`,
  );
  if (chunks.length !== prelude.chunkCount) {
    throw depositErrors.framing(
      `the prelude announces ${prelude.chunkCount} chunks and the body has ${chunks.length}`,
    );
  }
  return { prelude, chunks };
}
