import { AppError } from '../../../http/app-error.js';
import { httpErrors } from '../../../http/errors.js';

/**
 * The consent module's domain errors (STYLE §5). Another resident's request or consent is answered
 * exactly like one that does not exist.
 */
export const consentErrors = {
  requestNotFound: () => httpErrors.notFound('This request'),
  consentNotFound: () => httpErrors.notFound('This consent'),
  requestNotPending: () =>
    new AppError(
      'ERR_REQUEST_NOT_PENDING',
      409,
      'This request has been answered already, was withdrawn, or is past its answer-by date.',
    ),
  grantNotActive: () =>
    new AppError('ERR_GRANT_NOT_ACTIVE', 409, 'This consent has ended already.'),
  notStanding: () =>
    new AppError(
      'ERR_CONFLICT',
      409,
      'This consent covers the documents chosen when it was given: it takes no later documents.',
    ),
  consentIdTaken: () => new AppError('ERR_CONFLICT', 409, 'A consent with this id exists already.'),
  notEnrolled: () =>
    new AppError('ERR_NOT_ENROLLED', 409, 'Set up your vault’s keys before answering requests.'),
  documentNotFound: () =>
    new AppError('ERR_DOCUMENT_NOT_FOUND', 404, 'A chosen document was not found.'),
  categoryNotGranted: () =>
    httpErrors.validation('A chosen document is outside the categories this consent covers.'),
  duplicateDocument: () =>
    httpErrors.validation('The request is not valid (documents: a document is named twice).'),
  receiptInvalid: (reason: string) =>
    new AppError(
      'ERR_RECEIPT_INVALID',
      400,
      `The consent receipt does not match this answer (${reason}). Nothing was stored.`,
      { detail: `receipt check failed: ${reason}` },
    ),
  tooManyStreams: (max: number) =>
    new AppError(
      'ERR_RATE_LIMITED',
      429,
      `At most ${max} pages can follow your vault live at once. Close one and try again.`,
      { headers: { 'Retry-After': '30' } },
    ),
};
