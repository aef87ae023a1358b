/**
 * The wire types the web app shares with the server. Type-only: importing values from the
 * contracts would pull zod into the bundle.
 */
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';

export type {
  EndOtherSessionsResponse,
  ErrorBody,
  ErrorCode,
  Me,
  MeResponse,
  PasskeyListResponse,
  PasskeyView,
  PublicConfig,
  SessionListResponse,
  SessionView,
  SignInMethod,
} from '../../../server/src/contracts/index.js';

import type { PasskeyView } from '../../../server/src/contracts/index.js';

/** `POST /api/auth/passkey/options`: discoverable-credential request options. */
export interface PasskeySignInOptionsResponse {
  optionsJSON: PublicKeyCredentialRequestOptionsJSON;
}

/** `POST /api/passkeys/options`: creation options for a new passkey of the signed-in resident. */
export interface PasskeyCreationOptionsResponse {
  optionsJSON: PublicKeyCredentialCreationOptionsJSON;
}

/** `POST /api/passkeys` and `PATCH /api/passkeys/:id`. */
export interface PasskeyResponse {
  passkey: PasskeyView;
}
