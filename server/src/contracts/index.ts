export { ERROR_CODES } from './error-codes.js';
export type { ErrorBody, ErrorCode } from './error-codes.js';
export {
  eidCallbackRequest,
  passkeyRegisterRequest,
  passkeyRenameRequest,
  passkeySignInRequest,
} from './auth.js';
export type {
  EidCallbackRequest,
  EndOtherSessionsResponse,
  Me,
  MeResponse,
  PasskeyListResponse,
  PasskeyRegisterRequest,
  PasskeyCreationOptionsResponse,
  PasskeyRenameRequest,
  PasskeyResponse,
  PasskeySignInOptionsResponse,
  PasskeySignInRequest,
  PasskeyView,
  PublicConfig,
  SessionListResponse,
  SessionView,
  SignInMethod,
} from './auth.js';
