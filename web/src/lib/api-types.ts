/**
 * The wire types the web app shares with the server. Type-only: importing values from the
 * contracts would pull zod into the bundle.
 */
export type {
  EndOtherSessionsResponse,
  ErrorBody,
  ErrorCode,
  Me,
  MeResponse,
  PasskeyCreationOptionsResponse,
  PasskeyListResponse,
  PasskeyResponse,
  PasskeySignInOptionsResponse,
  PasskeyView,
  PublicConfig,
  SessionListResponse,
  SessionView,
  SignInMethod,
} from '../../../server/src/contracts/index.js';
