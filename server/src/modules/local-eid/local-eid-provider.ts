import fs from 'node:fs';
import express, { Router, type Request, type Response } from 'express';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { DEMO_RESIDENTS, type DemoResident } from './demo-residents.js';
import { renderLoginPage } from './render-login-page.js';
import { createSecretFileOnce } from '../../lib/durable-files.js';

/** The level of assurance the stand-in asserts (eIDAS "substantial"). */
export const LOCAL_EID_ACR = 'http://eidas.europa.eu/LoA/substantial';

/** Options for {@link createLocalEidProvider}. */
export interface LocalEidOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Keys for the provider's own cookies. */
  cookieKeys: string[];
  /**
   * Where the stand-in keeps its RS256 signing key (a private JWK, mode 0600), so that restarts
   * are fast and ID tokens survive them. Generated on first start.
   */
  signingKeyFile: string;
}

/** Loads the stand-in's signing key, or makes and saves one (`createSecretFileOnce`). */
async function loadOrCreateSigningKey(file: string): Promise<JWK> {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'local-eid-1', use: 'sig', alg: 'RS256' };
  // Written whole or not at all: a file cut short by a crash would stop the stand-in for good. If
  // another process made one meanwhile (two nodes on one data dir), that one is the key.
  if (createSecretFileOnce(file, JSON.stringify(jwk))) return jwk;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as JWK;
}

const findResident = (id: string): DemoResident | undefined =>
  DEMO_RESIDENTS.find((r) => r.accountId === id);

/**
 * A local eID provider for development and tests, on oidc-provider 9 (DESIGN §7): a real OpenID
 * Provider (discovery, JWKS, RS256 ID tokens, PKCE required) whose only login step is choosing a
 * demo resident. It must never run in production; config.ts refuses it there.
 *
 * Its sessions, interactions and codes live in this process's memory (oidc-provider's default
 * adapter): with several vault nodes a sign-in that starts on one node and comes back to another
 * fails. It is a stand-in for one node in development; a scaled deployment signs residents in with
 * the city's external eID (VAULT_EID_MODE=external), whose state is the eID provider's.
 */
export async function createLocalEidProvider(options: LocalEidOptions): Promise<Router> {
  const signingKey = await loadOrCreateSigningKey(options.signingKeyFile);

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: options.cookieKeys },
    pkce: { required: () => true },
    acrValues: [LOCAL_EID_ACR],
    claims: {
      acr: null,
      auth_time: null,
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'birthdate', 'fiscal_number'],
    },
    features: { devInteractions: { enabled: false } },
    ttl: {
      AccessToken: 300,
      IdToken: 300,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
    interactions: { url: (_ctx, interaction) => `/eid/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const r = findResident(id);
      if (!r) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          name: `${r.givenName} ${r.familyName}`,
          given_name: r.givenName,
          family_name: r.familyName,
          birthdate: r.birthdate,
          fiscal_number: r.fiscalNumber,
        }),
      };
    },
    // A stand-in has no consent screen: grant the requested scope to the one known client.
    async loadExistingGrant(ctx) {
      const client = ctx.oidc.client;
      const session = ctx.oidc.session;
      if (!client || !session?.accountId) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) {
        const grant = await ctx.oidc.provider.Grant.find(existing);
        if (grant) return grant;
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: session.accountId,
      });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
  };

  const provider = new Provider(options.issuer, configuration);
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '2kb' });

  router.get('/interaction/:uid', async (req: Request, res: Response) => {
    const details = await provider.interactionDetails(req, res);
    const lang = req.acceptsLanguages('en', 'it') === 'it' ? 'it' : 'en';
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(renderLoginPage({ uid: details.uid, residents: DEMO_RESIDENTS, lang }));
  });

  router.post('/interaction/:uid/login', form, async (req: Request, res: Response) => {
    await provider.interactionDetails(req, res);
    const accountId = typeof req.body?.accountId === 'string' ? req.body.accountId : '';
    const result = findResident(accountId)
      ? { login: { accountId, acr: LOCAL_EID_ACR } }
      : { error: 'access_denied', error_description: 'Unknown demo resident' };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  });

  router.post('/interaction/:uid/abort', form, async (req: Request, res: Response) => {
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The resident cancelled the sign-in' },
      { mergeWithLastSubmission: false },
    );
  });

  router.use(provider.callback());
  return router;
}
