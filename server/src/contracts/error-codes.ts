/**
 * Stable error codes. Every error body the vault sends is `{ error: { code, message } }` with
 * one of these codes; clients (the web app, a city service's tool) key their behaviour and their
 * translated messages on the code, never on the message text.
 */
export const ERROR_CODES = [
  'ERR_BAD_REQUEST',
  'ERR_VALIDATION',
  'ERR_MALFORMED_JSON',
  'ERR_PAYLOAD_TOO_LARGE',
  'ERR_UNSUPPORTED_MEDIA_TYPE',
  'ERR_CSRF',
  'ERR_RATE_LIMITED',
  'ERR_UNAUTHENTICATED',
  'ERR_NOT_FOUND',
  'ERR_CONFLICT',
  'ERR_INTERNAL',
  'ERR_NOT_READY',
  'ERR_EID_UNAVAILABLE',
  'ERR_EID_NO_TRANSACTION',
  'ERR_EID_STATE_MISMATCH',
  'ERR_EID_SIGN_IN_FAILED',
  'ERR_EID_PROVIDER_ERROR',
  'ERR_PASSKEY_CHALLENGE',
  'ERR_PASSKEY_VERIFICATION_FAILED',
  'ERR_PASSKEY_UNKNOWN_CREDENTIAL',
  'ERR_PASSKEY_COUNTER',
  'ERR_PASSKEY_ALREADY_REGISTERED',
  'ERR_PASSKEY_PRF_LEAKED',
  'ERR_PASSKEY_NOT_FOUND',
  'ERR_LAST_SIGN_IN_METHOD',
  'ERR_SESSION_NOT_FOUND',
  'ERR_NOT_ENROLLED',
  'ERR_ALREADY_ENROLLED',
  'ERR_SLOT_NOT_FOUND',
  'ERR_LAST_KEY_SLOT',
  'ERR_DOCUMENT_NOT_FOUND',
  'ERR_UPLOAD_NOT_FOUND',
  'ERR_UPLOAD_OUT_OF_ORDER',
  'ERR_UPLOAD_FRAMING',
  'ERR_UPLOAD_INCOMPLETE',
  'ERR_VERSION_CONFLICT',
  'ERR_DOCUMENT_TOO_LARGE',
  'ERR_QUOTA_EXCEEDED',
  'ERR_LOG_NO_CHECKPOINT',
  'ERR_LOG_ENTRY_NOT_FOUND',
  'ERR_LOG_NOT_COVERED',
  'ERR_LOG_UNAVAILABLE',
  'ERR_SERVICE_AUTH_FAILED',
  'ERR_SERVICE_TOKEN_REQUEST_INVALID',
  'ERR_SERVICE_GRANT_UNSUPPORTED',
  'ERR_SERVICE_TOKEN_INVALID',
] as const;

/** One of the vault's stable error codes. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}
