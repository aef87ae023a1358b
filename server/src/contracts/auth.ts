import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { z } from 'zod';

/** How a session was signed in. */
export type SignInMethod = 'eid' | 'passkey';

/** Public, non-secret facts the web app needs before sign-in (`GET /api/config`). */
export interface PublicConfig {
  /** True when the local development eID stand-in is mounted: the web app shows a banner. */
  devEid: boolean;
  /** Display name of the eID provider, e.g. "City eID". */
  eidName: string;
  /** The 32-byte PRF salt (base64url) the browser asks passkeys to evaluate; see docs/crypto.md. */
  prfSalt: string;
  /** Minutes without activity after which the browser locks the vault (forgets its keys). */
  idleLockMinutes: number;
}

/** The signed-in resident, as the web app sees them (`GET /api/me`). */
export interface Me {
  id: string;
  displayName: string;
  /** eID level of assurance recorded at the last eID sign-in, if any. */
  acr: string | null;
  signedInWith: SignInMethod;
  sessionExpiresAt: string;
}

export interface MeResponse {
  resident: Me;
}

/** `POST /api/auth/eid/callback`: the query string the eID provider redirected back with. */
export const eidCallbackRequest = z.strictObject({
  /** Everything after `?` in the redirect URI, e.g. `code=…&state=…&iss=…`. */
  query: z.string().max(8192),
});
export type EidCallbackRequest = z.infer<typeof eidCallbackRequest>;

/** A passkey as listed in the account page. */
export interface PasskeyView {
  id: string;
  /** The WebAuthn credential id (base64url): public, lets the browser name it in a ceremony. */
  credentialId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  backedUp: boolean;
}

export interface PasskeyListResponse {
  passkeys: PasskeyView[];
}

/** WebAuthn JSON payloads are validated in depth by @simplewebauthn/server; here only shape. */
const credentialResponse = z
  .object({
    id: z.string().min(1).max(1024),
    rawId: z.string().min(1).max(1024),
    type: z.literal('public-key'),
    response: z.record(z.string(), z.unknown()),
    clientExtensionResults: z.record(z.string(), z.unknown()),
    authenticatorAttachment: z.string().max(64).optional(),
  })
  .passthrough();

/**
 * A passkey's name, as the resident types it: 1 to 64 characters after trimming, and no control
 * characters (Unicode Cc: CR, LF, NUL, ESC, tab…) — a name is one line of text, shown in lists and
 * written to logs, where a line break could forge a line (issue 6, found by the fuzz test).
 */
export const passkeyName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^\P{Cc}*$/u, 'no control characters');

export const passkeyRegisterRequest = z.strictObject({
  name: passkeyName,
  response: credentialResponse,
});
export type PasskeyRegisterRequest = z.infer<typeof passkeyRegisterRequest>;

export const passkeySignInRequest = z.strictObject({
  response: credentialResponse,
});
export type PasskeySignInRequest = z.infer<typeof passkeySignInRequest>;

export const passkeyRenameRequest = z.strictObject({
  name: passkeyName,
});
export type PasskeyRenameRequest = z.infer<typeof passkeyRenameRequest>;

/** A session as listed in the account page. The id is a public handle, never the cookie value. */
export interface SessionView {
  id: string;
  device: string;
  signedInWith: SignInMethod;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export interface SessionListResponse {
  sessions: SessionView[];
}

export interface EndOtherSessionsResponse {
  ended: number;
}

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
