import { z } from 'zod';
import type { ErrorCode } from './error-codes.js';

/**
 * Wire contract of the city-service API (issue 5, DESIGN §6, docs/api.md "City services"): the
 * OAuth 2.0 token endpoint (RFC 6749 §4.4, client authentication with `private_key_jwt` after
 * RFC 7521/7523) and what a service reads with its bearer token.
 */

/** RFC 7523 §2.2: the one client assertion type the token endpoint accepts. */
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** A city service's OAuth client id: lowercase letters, digits and hyphens, 3 to 64 characters. */
export const SERVICE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,63}$/;

/** Longest client assertion accepted (a compact JWS of an EdDSA or ES256 assertion is ~400 bytes). */
export const MAX_CLIENT_ASSERTION_LENGTH = 4096;

/**
 * `POST /api/v1/service/token`, form-encoded. RFC 6749 §3.2: a parameter sent without a value is
 * treated as omitted, none may be repeated; §3.1: unknown parameters are ignored (and stripped).
 * Which parameter is missing or wrong decides the OAuth error, so the fields stay optional here
 * and the route names the failure.
 */
export const serviceTokenRequest = z.object({
  grant_type: z.string().max(200).optional(),
  client_id: z.string().max(200).optional(),
  client_assertion_type: z.string().max(200).optional(),
  client_assertion: z.string().max(MAX_CLIENT_ASSERTION_LENGTH).optional(),
  scope: z.string().max(1000).optional(),
});
export type ServiceTokenRequest = z.infer<typeof serviceTokenRequest>;

/** RFC 6749 §5.1: a successful token response. */
export interface ServiceTokenResponse {
  /** 32 random bytes, base64url: send as `Authorization: Bearer <access_token>`. */
  access_token: string;
  token_type: 'Bearer';
  /** Seconds until the token expires. */
  expires_in: number;
}

/** The RFC 6749 §5.2 error codes the token endpoint answers with. */
export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type';

/**
 * An error from the token endpoint: RFC 6749 §5.2's `error` and `error_description` for OAuth
 * client libraries, alongside the vault's own stable `code` and `message` (flat, not under
 * `error`, which RFC 6749 makes a string here).
 */
export interface OAuthErrorBody {
  error: OAuthErrorCode;
  error_description: string;
  code: ErrorCode;
  message: string;
}

/** `GET /api/v1/service/profile`: the calling service's own registration, as the vault holds it. */
export interface ServiceProfileResponse {
  id: string;
  name: { en: string; it: string };
  purposes: { code: string; text: { en: string; it: string } }[];
  /** GDPR Art. 6(1) bases, as codes (`public-task`, `legal-obligation`…). */
  legalBases: string[];
  /** The X25519 key document keys are sealed to: 32 bytes, base64url. */
  x25519PublicKey: string;
  /** The `kid` its client assertions must carry: the RFC 7638 thumbprint of its JWK. */
  authKeyId: string;
}
