import { CryptoError } from '../errors.js';
import { fromBase64, toBase64 } from './base64.js';
import { type Hash, HASH_BYTES } from './hash.js';
import { isNoteSafe } from './note-text.js';
import { isTreeNumber } from './tree-math.js';

/** What a C2SP tlog-checkpoint says: which log, how many entries, and their Merkle tree root. */
export interface Checkpoint {
  /** The log's identity, e.g. `vault.example.org/log`; also the name of its signing key. */
  readonly origin: string;
  /** The number of leaves in the tree (at most 2^53 − 1 in this implementation). */
  readonly size: number;
  /** MTH of the first `size` leaves (RFC 6962 §2.1). */
  readonly rootHash: Hash;
  /** Opaque, non-empty extension lines; usually none (the spec does not recommend them). */
  readonly extensions: readonly string[];
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * Writes the note text of a checkpoint: origin, size in decimal, base64 root hash, then any
 * extension lines, each ending in a newline. Throws `TypeError` unless the origin and every
 * extension line are non-empty, note-safe and free of newlines, the size is a safe integer ≥ 0 and
 * the root hash is 32 bytes.
 */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions } = checkpoint;
  const lineOk = (line: string) =>
    typeof line === 'string' && line !== '' && !line.includes('\n') && isNoteSafe(line);
  if (!lineOk(origin)) throw new TypeError('checkpoint origin must be one non-empty line');
  if (!isTreeNumber(size)) throw new TypeError('checkpoint size must be a safe integer ≥ 0');
  if (!(rootHash instanceof Uint8Array) || rootHash.length !== HASH_BYTES) {
    throw new TypeError('checkpoint root hash must be 32 bytes');
  }
  if (!extensions.every(lineOk)) throw new TypeError('extension lines must be non-empty lines');
  return [origin, String(size), toBase64(rootHash), ...extensions].map((l) => `${l}\n`).join('');
}

/**
 * Reads the note text of a checkpoint (C2SP tlog-checkpoint, "Note text"), strictly: at least
 * three lines, each ending in a newline and non-empty; the origin any non-empty line (clients
 * "MUST NOT assume" it has the recommended form); the size in ASCII decimal without leading zeros
 * and at most 2^53 − 1; the root hash as canonical padded base64 of exactly 32 bytes; extension
 * lines kept as they are. No control character but newline anywhere. Anything else throws
 * {@link CryptoError} `ERR_CHECKPOINT_MALFORMED`.
 *
 * This reads text only: the text must come from {@link openNote} (or {@link openCheckpoint}),
 * because a checkpoint is to be ignored unless its signature verified.
 */
export function parseCheckpoint(text: string): Checkpoint {
  const malformed = (why: string) =>
    new CryptoError('ERR_CHECKPOINT_MALFORMED', `checkpoint: ${why}`);
  if (!text.endsWith('\n') || !isNoteSafe(text))
    throw malformed('not newline-terminated note text');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformed('fewer than three lines');
  if (lines.some((line) => line === '')) throw malformed('empty line');
  const [origin, sizeText, rootText, ...extensions] = lines as [
    string,
    string,
    string,
    ...string[],
  ];
  const size = Number(sizeText);
  if (!DECIMAL.test(sizeText) || !Number.isSafeInteger(size)) {
    throw malformed('size is not a decimal number without leading zeros, below 2^53');
  }
  const rootHash = fromBase64(rootText);
  if (rootHash === undefined || rootHash.length !== HASH_BYTES) {
    throw malformed('root hash is not the base64 of 32 bytes');
  }
  return { origin, size, rootHash: rootHash as Hash, extensions };
}
