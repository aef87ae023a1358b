/** The identity an eID sign-in proved, after every check passed. */
export interface EidIdentity {
  issuer: string;
  subject: string;
  displayName: string;
  birthdate: string | null;
  nationalId: string | null;
  /** Level of assurance the provider asserted (`acr` claim), if any. */
  acr: string | null;
}

/** What the vault must remember between the redirect to the provider and the callback. */
export interface EidAuthorization {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * The eID relying party as a port (STYLE §9): the routes depend on this, the openid-client adapter
 * implements it, and tests run it against real providers.
 */
export interface EidClient {
  /** Starts a sign-in: authorization code + PKCE (S256) + state + nonce. */
  begin(): Promise<EidAuthorization>;
  /**
   * Finishes a sign-in from the callback URL. Throws `AppError` (ERR_EID_*) when any check fails;
   * the specific reason is in the error's `detail`, for the server log only.
   */
  complete(
    callbackUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<EidIdentity>;
}
