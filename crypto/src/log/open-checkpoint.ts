import { CryptoError } from '../errors.js';
import { type Checkpoint, parseCheckpoint } from './checkpoint.js';
import { openNote, type OpenedNote } from './open-note.js';
import type { NoteVerifier } from './verifier-key.js';

/** A checkpoint read from a signed note, with who signed it. */
export interface OpenedCheckpoint extends Checkpoint {
  /** The trusted keys whose signature verified, and the ignored signatures (witnesses…). */
  readonly signatures: Pick<OpenedNote, 'verified' | 'unknown'>;
}

/**
 * Opens a signed checkpoint the way a log client must (C2SP tlog-checkpoint and tlog-proof step
 * 2): the note verifies with one of `verifiers` ({@link openNote}), its text is a well-formed
 * checkpoint ({@link parseCheckpoint}), and its origin line is exactly `origin`, the log the
 * caller expects. Throws the {@link CryptoError} of whichever check fails first, and
 * `ERR_CHECKPOINT_WRONG_ORIGIN` for a checkpoint of another log.
 */
export function openCheckpoint(
  note: string | Uint8Array,
  options: { origin: string; verifiers: readonly NoteVerifier[] },
): OpenedCheckpoint {
  const opened = openNote(note, options.verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  if (checkpoint.origin !== options.origin) {
    throw new CryptoError('ERR_CHECKPOINT_WRONG_ORIGIN', 'checkpoint: of another log');
  }
  return { ...checkpoint, signatures: { verified: opened.verified, unknown: opened.unknown } };
}
