import { type Checkpoint, formatCheckpoint } from './checkpoint.js';
import { signNote } from './sign-note.js';
import type { NoteSigner } from './signer-key.js';

/**
 * The signed note of a checkpoint: {@link formatCheckpoint}, signed with the log's key by
 * {@link signNote}. The key's name must be the checkpoint's origin (C2SP tlog-checkpoint: the
 * log's key name "SHOULD match the origin line"; here it must), else `TypeError`.
 *
 * The caller keeps the promise the signature makes: never sign two checkpoints that are not
 * consistent with each other (C2SP tlog-checkpoint, "Signatures").
 */
export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  if (signer.name !== checkpoint.origin) {
    throw new TypeError('the log key name must be the checkpoint origin');
  }
  return signNote(formatCheckpoint(checkpoint), [signer]);
}
