import Database from 'better-sqlite3';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody, ErrorCode, MeResponse } from '../../server/src/contracts/index.js';
import {
  HOSTILE_RESIDENT,
  startHostileProvider,
  type HostileProvider,
  type HostileScenario,
} from '../fixtures/hostile-oidc-provider.js';
import { HttpClient, type TestResponse } from '../helpers/http-client.js';
import { startVault, type TestVault } from '../helpers/start-vault.js';

/*
 * The vault as an OpenID Connect relying party against a provider that lies (issue 2, "A hostile
 * OpenID provider fixture"). Each test changes one thing and proves three things: the outward
 * answer (status and code), that nothing was created (no session, no resident, no session
 * cookie), and — through the server log's `detail` — that the sign-in failed for that reason and
 * not some other.
 */

const TX_COOKIE = 'cv_eid_tx';
const SESSION_COOKIE = /^(__Host-)?cv_session=/;

let provider: HostileProvider;
let vault: TestVault;
let client: HttpClient;

beforeEach(async () => {
  provider = await startHostileProvider();
  vault = await startVault({
    env: {
      VAULT_EID_MODE: 'external',
      VAULT_EID_ISSUER: provider.issuer,
      VAULT_EID_CLIENT_ID: provider.clientId,
      VAULT_EID_CLIENT_SECRET: provider.clientSecret,
      VAULT_EID_ALLOW_INSECURE_HTTP: 'true',
    },
  });
  client = new HttpClient(vault.origin);
});

afterEach(async () => {
  await vault.close();
  await provider.close();
});

/**
 * Start at the vault, follow its redirect to the provider's /authorize, and read where the
 * provider sends the browser back. Returns the callback query and the pending transaction cookie.
 */
async function followProviderToCallback(): Promise<{ query: string; txCookie: string }> {
  const start = await client.get('/auth/eid/start');
  expect(start.status, start.text).toBe(303);
  const authorizeUrl = new URL(start.location ?? '');
  expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(`${provider.issuer}/authorize`);
  const txCookie = client.cookies.get(TX_COOKIE);
  if (!txCookie) throw new Error('the vault set no transaction cookie');
  const authorize = await client.get(authorizeUrl.href, { accept: 'text/html' });
  expect(authorize.status, authorize.text).toBe(303);
  const back = new URL(authorize.location ?? '');
  expect(back.origin + back.pathname).toBe(`${vault.origin}/auth/callback`);
  return { query: back.search.slice(1), txCookie };
}

/** What the web app does on /auth/callback: post the query to the vault. */
function postCallback<T = ErrorBody>(query: string): Promise<TestResponse<T>> {
  return client.post<T>('/api/auth/eid/callback', { query });
}

/** The whole sign-in, with an optional edit of the callback query on its way to the vault. */
async function signIn<T = ErrorBody>(
  editQuery: (params: URLSearchParams) => void = () => {},
): Promise<TestResponse<T>> {
  const { query } = await followProviderToCallback();
  const params = new URLSearchParams(query);
  editQuery(params);
  return postCallback<T>(params.toString());
}

/** The `detail` of every refusal the vault logged (never sent to the client). */
function loggedDetails(): string[] {
  return [...vault.logs].flatMap((r) => (typeof r.detail === 'string' ? [r.detail] : []));
}

/** The refusal every hostile case must end in: the right code, and nothing created. */
function expectRefused(res: TestResponse, status: number, code: ErrorCode, detail?: RegExp): void {
  expect(res.status, res.text).toBe(status);
  expect((res.body as ErrorBody).error.code).toBe(code);
  expect(vault.countRows('sessions')).toBe(0);
  expect(vault.countRows('residents')).toBe(0);
  expect(vault.countRows('eid_identities')).toBe(0);
  expect(res.setCookies.filter((c) => SESSION_COOKIE.test(c))).toEqual([]);
  if (detail) expect(loggedDetails()).toContainEqual(expect.stringMatching(detail));
}

describe('the fixture is a correct OpenID provider', () => {
  it('signs a resident in: a session row, and the fiscal number claim stored as national_id', async () => {
    const res = await signIn<MeResponse>();
    expect(res.status, res.text).toBe(200);
    expect(res.body.resident.displayName).toBe(HOSTILE_RESIDENT.name);
    expect(res.body.resident.signedInWith).toBe('eid');
    expect(res.setCookies.filter((c) => SESSION_COOKIE.test(c))).toHaveLength(1);
    expect(vault.countRows('sessions')).toBe(1);
    expect(vault.countRows('residents')).toBe(1);

    const db = new Database(vault.config.databaseFile, { readonly: true });
    try {
      const resident = db
        .prepare('SELECT id, display_name, birthdate, national_id FROM residents')
        .get() as { id: string; display_name: string; birthdate: string; national_id: string };
      expect(resident).toMatchObject({
        id: res.body.resident.id,
        display_name: HOSTILE_RESIDENT.name,
        birthdate: HOSTILE_RESIDENT.birthdate,
        national_id: HOSTILE_RESIDENT.fiscal_number,
      });
      const identity = db.prepare('SELECT issuer, subject, resident_id FROM eid_identities').get();
      expect(identity).toEqual({
        issuer: provider.issuer,
        subject: HOSTILE_RESIDENT.sub,
        resident_id: resident.id,
      });
    } finally {
      db.close();
    }
    // The vault redeemed the code with client_secret_basic and the right PKCE verifier.
    expect(provider.requests.token).toBe(1);
    expect(provider.requests.userinfo).toBe(1);
    expect(provider.refusals).toEqual([]);
  });

  it('never logs the authorization code, the access token, the ID token or the client secret', async () => {
    const res = await signIn();
    expect(res.status, res.text).toBe(200);
    expectNoSecretsLogged();
  });
});

function expectNoSecretsLogged(): void {
  const secrets = [
    ...provider.issued.codes,
    ...provider.issued.accessTokens,
    ...provider.issued.idTokens,
    provider.clientSecret,
  ];
  expect(secrets.length).toBeGreaterThanOrEqual(4);
  const text = vault.logText();
  expect(text.length).toBeGreaterThan(0);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('a bad ID token is refused with 401 ERR_EID_SIGN_IN_FAILED', () => {
  const cases: {
    scenario: HostileScenario;
    title: string;
    detail: RegExp;
    /** Proves the fixture minted what the title says. */
    check?: (idToken: string) => unknown;
  }[] = [
    {
      scenario: 'tampered-signature',
      title: 'signature tampered (one byte flipped)',
      detail: /^token exchange failed: .*JWT signature verification failed/,
    },
    {
      scenario: 'alg-none',
      title: 'alg: none (unsigned)',
      detail: /^token exchange failed: .*unexpected JWT "alg" header parameter/,
      check: (idToken) => expect(decodeProtectedHeader(idToken).alg).toBe('none'),
    },
    {
      scenario: 'hs256-public-key',
      title: "HS256 signed with the provider's public key (key confusion)",
      detail: /^token exchange failed: .*unexpected JWT "alg" header parameter/,
      // The fixture minted a real key-confusion token: its HMAC verifies with the public PEM.
      check: async (idToken) => {
        const secret = new TextEncoder().encode(provider.publicKeyPem);
        const { protectedHeader } = await compactVerify(idToken, secret, { algorithms: ['HS256'] });
        expect(protectedHeader.alg).toBe('HS256');
      },
    },
    {
      scenario: 'wrong-iss',
      title: 'wrong iss',
      detail: /unexpected JWT "iss" \(issuer\) claim value/,
    },
    {
      scenario: 'wrong-aud',
      title: 'wrong aud',
      detail: /unexpected JWT "aud" \(audience\) claim value/,
    },
    {
      scenario: 'extra-aud',
      title: 'an extra aud, no azp',
      detail: /ID Token "aud" \(audience\) claim includes additional untrusted audiences/,
    },
    {
      scenario: 'extra-aud-with-azp',
      title: 'an extra aud, with azp naming this client',
      detail: /^aud is \[.*"some-other-client"\], expected only the client id$/,
    },
    {
      scenario: 'missing-iat',
      title: 'iat missing',
      detail: /JWT "iat" \(issued at\) claim missing/,
    },
    {
      scenario: 'missing-sub',
      title: 'sub missing',
      detail: /JWT "sub" \(subject\) claim missing/,
    },
    {
      scenario: 'missing-exp',
      title: 'exp missing',
      detail: /JWT "exp" \(expiration time\) claim missing/,
    },
    {
      scenario: 'expired',
      title: 'expired (exp an hour ago)',
      detail: /"exp" \(expiration time\) claim value, expiration is past current timestamp/,
    },
    {
      scenario: 'wrong-nonce',
      title: 'wrong nonce',
      detail: /unexpected ID Token "nonce" claim value/,
    },
    {
      scenario: 'missing-nonce',
      title: 'nonce missing',
      detail: /JWT "nonce" \(nonce\) claim missing/,
    },
  ];

  for (const { scenario, title, detail, check } of cases) {
    it(title, async () => {
      provider.setScenario(scenario);
      const res = await signIn();
      expectRefused(res, 401, 'ERR_EID_SIGN_IN_FAILED', detail);
      // The provider itself saw nothing wrong: the vault refused the token, not the provider.
      expect(provider.requests.token).toBe(1);
      expect(provider.refusals).toEqual([]);
      const [idToken] = provider.issued.idTokens;
      if (check && idToken) await check(idToken);
    });
  }

  it('never logs the code, the tokens or the client secret when a sign-in fails', async () => {
    provider.setScenario('tampered-signature');
    const res = await signIn();
    expectRefused(res, 401, 'ERR_EID_SIGN_IN_FAILED');
    expect(provider.issued.idTokens).toHaveLength(1);
    expectNoSecretsLogged();
  });
});

describe('state and the pending transaction', () => {
  it('a callback whose state was replaced is 400 ERR_EID_STATE_MISMATCH, and the code is not redeemed', async () => {
    const res = await signIn((p) => p.set('state', 'attacker-chosen-state-value-0000000000000'));
    expectRefused(res, 400, 'ERR_EID_STATE_MISMATCH', /^state differs$/);
    expect(provider.requests.token).toBe(0);
  });

  it('a callback without state is 400 ERR_EID_STATE_MISMATCH, and the code is not redeemed', async () => {
    const res = await signIn((p) => p.delete('state'));
    expectRefused(res, 400, 'ERR_EID_STATE_MISMATCH', /^state missing$/);
    expect(provider.requests.token).toBe(0);
  });

  it('a callback without the transaction cookie is 400 ERR_EID_NO_TRANSACTION', async () => {
    const { query } = await followProviderToCallback();
    client.cookies.delete(TX_COOKIE);
    const res = await postCallback(query);
    expectRefused(res, 400, 'ERR_EID_NO_TRANSACTION');
    expect(provider.requests.token).toBe(0);
  });

  it('replaying a used transaction (same cookie, same query) is 400 ERR_EID_NO_TRANSACTION', async () => {
    // The first use fails (a bad ID token) — the transaction must be spent all the same.
    provider.setScenario('wrong-nonce');
    const { query, txCookie } = await followProviderToCallback();
    const first = await postCallback(query);
    expectRefused(first, 401, 'ERR_EID_SIGN_IN_FAILED');
    provider.setScenario('honest');
    client.cookies.set(TX_COOKIE, txCookie);
    const replay = await postCallback(query);
    expectRefused(replay, 400, 'ERR_EID_NO_TRANSACTION');
    expect(provider.requests.token).toBe(1);
  });

  it('replaying a transaction that signed in creates no second session', async () => {
    const { query, txCookie } = await followProviderToCallback();
    const first = await postCallback<MeResponse>(query);
    expect(first.status, first.text).toBe(200);
    client.cookies.set(TX_COOKIE, txCookie);
    const replay = await postCallback(query);
    expect(replay.status, replay.text).toBe(400);
    expect((replay.body as ErrorBody).error.code).toBe('ERR_EID_NO_TRANSACTION');
    expect(replay.setCookies.filter((c) => SESSION_COOKIE.test(c))).toEqual([]);
    expect(vault.countRows('sessions')).toBe(1);
    expect(vault.countRows('residents')).toBe(1);
  });
});

describe('discovery, UserInfo and provider errors', () => {
  it('discovery naming another issuer: the start fails with 503 ERR_EID_UNAVAILABLE, nothing created', async () => {
    provider.setScenario('discovery-wrong-issuer');
    const res = await client.get('/auth/eid/start');
    expectRefused(
      res,
      503,
      'ERR_EID_UNAVAILABLE',
      /^discovery failed: .*metadata issuer does not match the expected issuer/,
    );
    expect(res.location).toBeNull();
    expect(res.setCookies.filter((c) => c.startsWith(`${TX_COOKIE}=`))).toEqual([]);
    expect(vault.countRows('oidc_transactions')).toBe(0);
    expect(provider.requests.discovery).toBe(1);
    expect(provider.requests.authorize).toBe(0);
  });

  it("UserInfo sub differing from the ID token's is 401 ERR_EID_SIGN_IN_FAILED", async () => {
    provider.setScenario('userinfo-sub-differs');
    const res = await signIn();
    expectRefused(
      res,
      401,
      'ERR_EID_SIGN_IN_FAILED',
      /^userinfo failed: .*unexpected "response" body "sub" property value/,
    );
    expect(provider.requests.userinfo).toBe(1);
  });

  it('the provider answering error=access_denied is 401 ERR_EID_PROVIDER_ERROR', async () => {
    provider.setScenario('access-denied');
    const res = await signIn();
    expectRefused(res, 401, 'ERR_EID_PROVIDER_ERROR', /^provider error: access_denied$/);
    expect(provider.requests.token).toBe(0);
  });
});
