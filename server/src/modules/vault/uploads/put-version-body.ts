import {
  MAX_PUT_VERSION_CHUNKS,
  putVersionPrelude,
  type PutVersionPrelude,
} from '../../../contracts/index.js';
import { parseFramedBody } from '../../../http/framed-body.js';
import { vaultErrors } from '../lib/vault-errors.js';

/**
 * Splits the body of a one-request upload (contracts: putVersionPrelude) into its validated
 * prelude and its chunks: `u32 big-endian n ‖ n bytes of JSON ‖ chunk ciphertexts`. Every way it
 * can be malformed is a 400 with a stable code; the chunks are views into `body`, not copies.
 */
export function parsePutVersionBody(body: Buffer): {
  prelude: PutVersionPrelude;
  chunks: Uint8Array[];
} {
  return parseFramedBody(
    body,
    putVersionPrelude,
    vaultErrors.framing,
    `one request carries at most ${MAX_PUT_VERSION_CHUNKS} chunks; upload larger documents in parts`,
  );
}
