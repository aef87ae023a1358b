import { AppError } from '../../../http/app-error.js';
import { httpErrors } from '../../../http/errors.js';

/**
 * The vault module's domain errors (STYLE §5). A document or upload that is not the resident's is
 * answered exactly like one that does not exist: same status, code and message.
 */
export const vaultErrors = {
  notEnrolled: () =>
    new AppError('ERR_NOT_ENROLLED', 409, 'Set up your vault’s keys before storing documents.'),
  alreadyEnrolled: () =>
    new AppError('ERR_ALREADY_ENROLLED', 409, 'Your vault’s keys are already set up.'),
  slotNotFound: () => new AppError('ERR_SLOT_NOT_FOUND', 404, 'This way to unlock was not found.'),
  lastKeySlot: () =>
    new AppError(
      'ERR_LAST_KEY_SLOT',
      409,
      'This is your last way to unlock your vault. Add another one before removing it.',
    ),
  slotIdTaken: () =>
    new AppError('ERR_CONFLICT', 409, 'A way to unlock with this id exists already.'),
  tooManySlots: (max: number) =>
    new AppError('ERR_CONFLICT', 409, `You can have at most ${max} ways to unlock your vault.`),
  unknownCredential: () =>
    httpErrors.validation('A passkey slot must name one of your registered passkeys.'),
  documentNotFound: () =>
    new AppError('ERR_DOCUMENT_NOT_FOUND', 404, 'This document was not found.'),
  uploadNotFound: () =>
    new AppError('ERR_UPLOAD_NOT_FOUND', 404, 'This upload was not found. It may have expired.'),
  outOfOrder: (chunksReceived: number) =>
    new AppError(
      'ERR_UPLOAD_OUT_OF_ORDER',
      409,
      `The vault has the first ${chunksReceived} chunks of this upload: send from chunk ${chunksReceived}.`,
    ),
  framing: (detail: string) =>
    new AppError('ERR_UPLOAD_FRAMING', 400, `The chunks are not framed as expected: ${detail}.`),
  incomplete: (chunksReceived: number, chunkCount: number) =>
    new AppError(
      'ERR_UPLOAD_INCOMPLETE',
      400,
      `The upload has ${chunksReceived} of its ${chunkCount} chunks: send the rest before completing it.`,
    ),
  versionConflict: () =>
    new AppError(
      'ERR_VERSION_CONFLICT',
      409,
      'This document or version exists already, or another version was stored first. Reload your documents and try again.',
    ),
  logUnavailable: (cause: unknown) =>
    new AppError(
      'ERR_LOG_UNAVAILABLE',
      503,
      'The vault cannot record this access in your access log right now, so it did not hand out the document. Try again in a minute.',
      { cause },
    ),
  tooLarge: (max: number) =>
    new AppError(
      'ERR_DOCUMENT_TOO_LARGE',
      413,
      `A document may be at most ${max} bytes once encrypted.`,
    ),
  quotaExceeded: (usedBytes: number | null, limit: number) =>
    new AppError(
      'ERR_QUOTA_EXCEEDED',
      409,
      `Your vault has no room for this document (it holds at most ${limit} bytes). Delete something to make room.`,
      usedBytes === null ? {} : { detail: `used ${usedBytes}` },
    ),
};
