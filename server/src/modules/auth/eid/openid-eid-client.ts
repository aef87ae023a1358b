import * as oidc from 'openid-client';
import { AppError } from '../../../http/app-error.js';
import type { EidAuthorization, EidClient, EidIdentity } from './eid-client.js';

/** Options for {@link createOpenidEidClient}. */
export interface OpenidEidClientOptions {
  issuer: string;
  clientId: string;
  clientSecret?: string | undefined;
  /** A private key for `private_key_jwt` client authentication, instead of a secret. */
  privateKey?: Parameters<typeof oidc.PrivateKeyJwt>[0] | undefined;
  redirectUri: string;
  scopes: string;
  /** Space-separated `acr_values` to request, e.g. an eIDAS level of assurance. */
  acrValues?: string | undefined;
  nationalIdClaim: string;
  /** Development and tests only: permits an http:// issuer (openid-client's named escape hatch). */
  allowInsecureRequests: boolean;
  /** Network timeout for each request to the provider, in seconds. */
  timeoutSeconds?: number;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : '';
    return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}${cause}`;
  }
  return String(error);
}

function signInFailed(detail: string, cause?: unknown): AppError {
  return new AppError('ERR_EID_SIGN_IN_FAILED', 401, 'The eID sign-in could not be verified.', {
    detail,
    cause,
  });
}

function stringClaim(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= 256 ? value : null;
}

/**
 * The eID relying party on openid-client 6 (DESIGN §7). ID token signatures are always checked
 * (`enableNonRepudiationChecks`), even though the token arrives over the back channel; discovery
 * must name exactly the configured issuer; the audience must be exactly this client.
 */
export function createOpenidEidClient(options: OpenidEidClientOptions): EidClient {
  let configuration: Promise<oidc.Configuration> | undefined;

  const discover = (): Promise<oidc.Configuration> => {
    if (!configuration) {
      const clientAuth = options.privateKey
        ? oidc.PrivateKeyJwt(options.privateKey)
        : oidc.ClientSecretBasic(options.clientSecret);
      const execute = [oidc.enableNonRepudiationChecks];
      if (options.allowInsecureRequests) execute.push(oidc.allowInsecureRequests);
      configuration = oidc
        .discovery(
          new URL(options.issuer),
          options.clientId,
          { id_token_signed_response_alg: 'RS256' },
          clientAuth,
          { execute, timeout: options.timeoutSeconds ?? 10 },
        )
        .catch((error: unknown) => {
          // Forget the failure so that the next sign-in tries again.
          configuration = undefined;
          throw new AppError(
            'ERR_EID_UNAVAILABLE',
            503,
            'The eID service cannot be reached right now. Try again in a few minutes.',
            { detail: `discovery failed: ${describe(error)}`, cause: error },
          );
        });
    }
    return configuration;
  };

  return {
    async begin(): Promise<EidAuthorization> {
      const config = await discover();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: options.scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...(options.acrValues ? { acr_values: options.acrValues } : {}),
      });
      return { url, state, nonce, codeVerifier };
    },

    async complete(callbackUrl, checks): Promise<EidIdentity> {
      const config = await discover();
      if (callbackUrl.searchParams.has('error')) {
        throw new AppError(
          'ERR_EID_PROVIDER_ERROR',
          401,
          'The eID service did not complete the sign-in.',
          { detail: `provider error: ${callbackUrl.searchParams.get('error')?.slice(0, 100)}` },
        );
      }
      let tokens;
      try {
        tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw signInFailed(`token exchange failed: ${describe(error)}`, error);
      }
      const claims = tokens.claims();
      if (!claims) throw signInFailed('no ID token');
      // Stricter than OIDC Core §3.1.3.7 (which allows extra audiences with azp): our ID tokens
      // are for this client alone.
      const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (aud.length !== 1 || aud[0] !== options.clientId) {
        throw signInFailed(`aud is ${JSON.stringify(claims.aud)}, expected only the client id`);
      }
      let userinfo: oidc.UserInfoResponse;
      try {
        userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      } catch (error) {
        throw signInFailed(`userinfo failed: ${describe(error)}`, error);
      }
      const pick = (name: string): string | null =>
        stringClaim(userinfo[name]) ?? stringClaim(claims[name]);
      const displayName =
        pick('name') ??
        ([pick('given_name'), pick('family_name')].filter(Boolean).join(' ') || 'Resident');
      return {
        issuer: claims.iss,
        subject: claims.sub,
        displayName,
        birthdate: pick('birthdate'),
        nationalId: pick(options.nationalIdClaim),
        acr: stringClaim(claims.acr),
      };
    },
  };
}
