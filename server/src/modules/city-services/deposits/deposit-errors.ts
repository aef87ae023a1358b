import { AppError } from '../../../http/app-error.js';

/**
 * A deposit's refusals, with the codes the resident's own one-request upload answers with (the
 * vault module's), worded for the service that sends it.
 */
export const depositErrors = {
  framing: (detail: string) =>
    new AppError('ERR_UPLOAD_FRAMING', 400, `The chunks are not framed as expected: ${detail}.`),
  tooLarge: (max: number) =>
    new AppError(
      'ERR_DOCUMENT_TOO_LARGE',
      413,
      `A document may be at most ${max} bytes once encrypted.`,
    ),
  quotaExceeded: () =>
    new AppError(
      'ERR_QUOTA_EXCEEDED',
      409,
      'The resident’s vault has no room for this document. They must make room first.',
    ),
  conflict: () =>
    new AppError(
      'ERR_VERSION_CONFLICT',
      409,
      'A document with this id exists already: choose a fresh id for a new deposit (a retry of the very same deposit is answered 200).',
    ),
  unsupportedMediaType: () =>
    new AppError(
      'ERR_UNSUPPORTED_MEDIA_TYPE',
      415,
      'Send the deposit as application/octet-stream.',
    ),
};
