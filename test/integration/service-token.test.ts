import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ErrorBody,
  OAuthErrorBody,
  ServiceProfileResponse,
  ServiceTokenResponse,
} from '../../server/src/contracts/index.js';
import {
  assertionClaims,
  authFailures,
  bearer,
  createServiceKeys,
  getProfile,
  hmacWithPublicKey,
  postToken,
  registerService,
  serviceUrl,
  signAssertion,
  tokenForm,
  unsignedAssertion,
  withVaultStorage,
  type AssertionOptions,
  type ServiceResponse,
  type TestService,
} from '../helpers/city-services.js';
import { HttpClient } from '../helpers/http-client.js';
import { signInWithLocalEid } from '../helpers/sign-in.js';
import { startVault, type StartVaultOptions, type TestVault } from '../helpers/start-vault.js';

/*
 * The city services' token endpoint (issue 5): OAuth 2.0 client credentials with private_key_jwt
 * (RFC 6749 §4.4, RFC 7521/7523) over real HTTP against a real vault and SQLite file, and the
 * bearer guard of the service API. Each refusal proves three things: the outward answer (status,
 * RFC 6749 error and the vault's code, the same for every reason), that no token was issued, and,
 * through the server log, that it was refused for that reason and not another.
 */

const START = new Date('2026-06-01T09:00:00.000Z');

let clock: Date;
let vaults: TestVault[] = [];
let vault: TestVault;
let service: TestService;

async function start(options: StartVaultOptions = {}): Promise<TestVault> {
  const started = await startVault({ now: () => clock, ...options });
  vaults.push(started);
  return started;
}

beforeEach(async () => {
  clock = START;
  vault = await start();
  service = await registerService(vault, { id: 'registry-office', alg: 'EdDSA' });
});

afterEach(async () => {
  for (const v of vaults) await v.close();
  vaults = [];
});

const secondsLater = (s: number) => {
  clock = new Date(clock.getTime() + s * 1000);
};

function sign(options: Partial<AssertionOptions> = {}, as: TestService = service) {
  return signAssertion(vault, as, { at: clock, ...options });
}

async function tokenFor(as: TestService = service): Promise<string> {
  const res = await postToken<ServiceTokenResponse>(vault, tokenForm(await sign({}, as)));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.access_token;
}

/** The one answer every failed client authentication gets, and no token issued. */
function expectInvalidClient(res: ServiceResponse<unknown>, reason: RegExp, tokensBefore = 0) {
  expect(res.status).toBe(401);
  expect(res.body).toEqual({
    error: 'invalid_client',
    error_description: 'The client could not be authenticated.',
    code: 'ERR_SERVICE_AUTH_FAILED',
    message: 'The client could not be authenticated.',
  } satisfies OAuthErrorBody);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(vault.countRows('service_tokens')).toBe(tokensBefore);
  expect(authFailures(vault).at(-1)?.['reason']).toMatch(reason);
}

describe('issuing a token', () => {
  it.each(['EdDSA', 'ES256'] as const)(
    'a %s assertion gets a bearer token that opens /profile',
    async (alg) => {
      const caller = await registerService(vault, { id: `tax-office-${alg.toLowerCase()}`, alg });
      const res = await postToken<ServiceTokenResponse>(vault, tokenForm(await sign({}, caller)));

      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('pragma')).toBe('no-cache');
      expect(res.body).toEqual({
        access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        token_type: 'Bearer',
        expires_in: 300,
      });
      // Only the SHA-256 of the token is stored.
      const token = res.body.access_token;
      const sha256 = createHash('sha256').update(token).digest('hex');
      const rows = await withVaultStorage(vault, async (s) => s.findServiceToken(sha256, clock));
      expect(rows).toMatchObject({
        serviceId: caller.id,
        issuedAt: START,
        expiresAt: new Date(START.getTime() + 300_000),
      });
      expect(fs.readFileSync(vault.config.databaseFile).includes(token)).toBe(false);

      const profile = await getProfile(vault, bearer(token));
      expect(profile.status).toBe(200);
      expect(profile.body).toEqual({
        id: caller.id,
        name: caller.record.name,
        purposes: caller.record.purposes,
        legalBases: ['public-task', 'legal-obligation'],
        x25519PublicKey: Buffer.from(caller.record.x25519PublicKey).toString('base64url'),
        authKeyId: caller.keys.kid,
      } satisfies ServiceProfileResponse);
    },
  );

  it('accepts a matching client_id and ignores unknown parameters (RFC 6749 §3.1)', async () => {
    const res = await postToken(
      vault,
      tokenForm(await sign(), { client_id: service.id, scope: 'anything', extra: 'x' }),
    );
    expect(res.status).toBe(200);
  });

  it('issues tokens for VAULT_SERVICE_TOKEN_TTL_S seconds', async () => {
    vault = await start({ env: { VAULT_SERVICE_TOKEN_TTL_S: '120' } });
    service = await registerService(vault);
    const res = await postToken<ServiceTokenResponse>(vault, tokenForm(await sign()));
    expect(res.body.expires_in).toBe(120);
    secondsLater(120);
    expect((await getProfile(vault, bearer(res.body.access_token))).status).toBe(401);
  });
});

describe('an assertion is used once', () => {
  it('refuses the same jti again', async () => {
    const assertion = await sign();
    expect((await postToken(vault, tokenForm(assertion))).status).toBe(200);
    expectInvalidClient(await postToken(vault, tokenForm(assertion)), /^jti already used$/, 1);
    // A new assertion with the same jti is a replay too.
    const again = await sign({ jti: assertionJti(assertion) });
    expectInvalidClient(await postToken(vault, tokenForm(again)), /^jti already used$/, 1);
  });

  it('answers 50 concurrent requests with one assertion exactly once', async () => {
    const form = tokenForm(await sign());
    const answers = await Promise.all(Array.from({ length: 50 }, () => postToken(vault, form)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401)).toHaveLength(49);
    expect(vault.countRows('service_tokens')).toBe(1);
    expect(authFailures(vault).map((l) => l['reason'])).toEqual(Array(49).fill('jti already used'));
  });

  it('refuses a jti used before the vault restarted on the same data directory', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-test-restart-'));
    try {
      // The same issuer identifier (the assertion's aud) on both runs, whatever port each gets.
      const env = { VAULT_DATA_DIR: dataDir, VAULT_PUBLIC_ORIGIN: 'https://vault.example' };
      vault = await start({ env });
      service = await registerService(vault);
      const assertion = await sign();
      expect(assertionClaims(vault, service, { at: clock })['aud']).toBe('https://vault.example');
      expect((await postToken(vault, tokenForm(assertion))).status).toBe(200);
      await vault.close();
      vaults = vaults.filter((v) => v !== vault);

      vault = await start({ env });
      expectInvalidClient(await postToken(vault, tokenForm(assertion)), /^jti already used$/, 1);
    } finally {
      for (const v of vaults) await v.close();
      vaults = [];
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('still refuses the replay of an assertion accepted within the clock skew, after its exp', async () => {
    // Regression: the jti must be remembered until exp + skew, not exp, or the record expires
    // while the assertion is still acceptable.
    const assertion = await sign({ expiresIn: -20 });
    expect((await postToken(vault, tokenForm(assertion))).status).toBe(200);
    secondsLater(5);
    await withVaultStorage(vault, (s) => s.purgeExpiredServiceAuth(clock));
    expectInvalidClient(await postToken(vault, tokenForm(assertion)), /^jti already used$/, 1);
  });
});

describe('claims', () => {
  it('refuses an assertion without exp', async () => {
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign({ expiresIn: null }))),
      /missing required "exp" claim/,
    );
  });

  it('refuses an assertion whose exp has passed (beyond the 30 s skew)', async () => {
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign({ expiresIn: -31 }))),
      /"exp" claim timestamp check failed/,
    );
  });

  it('refuses an assertion that expires more than 5 minutes ahead', async () => {
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign({ expiresIn: 301 }))),
      /^exp is more than 5 minutes ahead$/,
    );
    expect((await postToken(vault, tokenForm(await sign({ expiresIn: 300 })))).status).toBe(200);
  });

  it('refuses an assertion issued in the future (beyond the skew)', async () => {
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign({ issuedAt: 31 }))),
      /^iat is in the future$/,
    );
  });

  it('refuses an assertion without jti, or with a jti over 256 characters', async () => {
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign({ jti: null }))),
      /missing required "jti" claim/,
    );
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign({ jti: 'j'.repeat(257) }))),
      /^jti is not a string of 1 to 256 characters$/,
    );
  });

  it('refuses an audience that is not the vault', async () => {
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign({ audience: 'https://other-vault.example' }))),
      /^aud is not the vault$/,
    );
  });

  it('refuses an audience array, even one that holds the vault', async () => {
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign({ audience: [vault.origin] }))),
      /^aud is not a single string$/,
    );
  });

  it('refuses the token endpoint URL as the audience', async () => {
    const audience = `${vault.origin}/api/v1/service/token`;
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign({ audience }))),
      /^aud is not the vault$/,
    );
  });

  it('refuses an assertion whose sub is not its iss', async () => {
    const other = await registerService(vault, { id: 'school-board' });
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign({ subject: other.id }))),
      /unexpected "sub" claim value/,
    );
  });

  it('refuses client A’s assertion sent with client_id B', async () => {
    const other = await registerService(vault, { id: 'school-board' });
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign(), { client_id: other.id })),
      /^client_id is not the assertion’s iss$/,
    );
  });

  it('refuses client A’s assertion signed with client B’s key', async () => {
    const other = await registerService(vault, { id: 'school-board' });
    // With A's kid, so that it is the signature that fails, not the key id.
    const forged = await sign({ signWith: other.keys, kid: service.keys.kid });
    expectInvalidClient(
      await postToken(vault, tokenForm(forged)),
      /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/,
    );
    // And with B's own kid, refused for the key id.
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign({ signWith: other.keys }))),
      /^kid is not the registered key$/,
    );
  });
});

describe('algorithms and keys', () => {
  it('refuses an unsigned JWT (alg none)', async () => {
    const claims = assertionClaims(vault, service, { at: clock });
    expectInvalidClient(
      await postToken(vault, tokenForm(unsignedAssertion(claims, service.keys.kid))),
      /^alg none is not the registered algorithm$/,
    );
  });

  it('refuses HS256 with the service’s public key as the HMAC secret', async () => {
    const claims = assertionClaims(vault, service, { at: clock });
    expectInvalidClient(
      await postToken(vault, tokenForm(await hmacWithPublicKey(claims, service.keys))),
      /^alg HS256 is not the registered algorithm$/,
    );
  });

  it('refuses an ES256 assertion from a service registered with EdDSA', async () => {
    const p256 = await createServiceKeys('ES256');
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign({ signWith: p256, kid: service.keys.kid }))),
      /^alg ES256 is not the registered algorithm$/,
    );
  });

  it('refuses an unknown kid', async () => {
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign({ kid: 'not-a-registered-thumbprint' }))),
      /^kid is not the registered key$/,
    );
  });

  it('refuses a missing kid', async () => {
    expectInvalidClient(await postToken(vault, tokenForm(await sign({ kid: null }))), /^no kid$/);
  });
});

describe('the service', () => {
  it('refuses an unknown client', async () => {
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign({ issuer: 'nobody', subject: 'nobody' }))),
      /^unknown client$/,
    );
    expect(authFailures(vault).at(-1)?.['clientId']).toBe('nobody');
  });

  it('refuses a disabled service', async () => {
    const disabled = await registerService(vault, { id: 'closed-office', enabled: false });
    expectInvalidClient(
      await postToken(vault, tokenForm(await sign({}, disabled))),
      /^client disabled$/,
    );
    expect(authFailures(vault).at(-1)?.['clientId']).toBe('closed-office');
  });

  it('locks a service out at once when it is disabled: its tokens stop working', async () => {
    const token = await tokenFor();
    expect((await getProfile(vault, bearer(token))).status).toBe(200);
    await withVaultStorage(vault, (s) => s.setCityServiceEnabled(service.id, false, clock));

    const profile = await getProfile(vault, bearer(token));
    expect(profile.status).toBe(401);
    expect((profile.body as ErrorBody).error.code).toBe('ERR_SERVICE_TOKEN_INVALID');
    expectInvalidClient(await postToken(vault, tokenForm(await sign())), /^client disabled$/);
  });
});

describe('malformed token requests', () => {
  async function expectInvalidRequest(res: ServiceResponse<unknown>, code: string) {
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', code });
    expect((res.body as OAuthErrorBody).error_description).toBe(
      (res.body as OAuthErrorBody).message,
    );
    expect(vault.countRows('service_tokens')).toBe(0);
  }

  it('answers another grant type with unsupported_grant_type', async () => {
    const res = await postToken(
      vault,
      tokenForm(await sign(), { grant_type: 'authorization_code' }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: 'unsupported_grant_type',
      code: 'ERR_SERVICE_GRANT_UNSUPPORTED',
    });
    expect(vault.countRows('service_tokens')).toBe(0);
  });

  it('answers a missing grant_type with invalid_request', async () => {
    await expectInvalidRequest(
      await postToken(vault, tokenForm(await sign(), { grant_type: '' })),
      'ERR_SERVICE_TOKEN_REQUEST_INVALID',
    );
  });

  it('answers a JSON body with invalid_request', async () => {
    const assertion = await sign();
    await expectInvalidRequest(
      await postToken(
        vault,
        JSON.stringify({ grant_type: 'client_credentials', client_assertion: assertion }),
        { 'content-type': 'application/json' },
      ),
      'ERR_SERVICE_TOKEN_REQUEST_INVALID',
    );
  });

  it('answers a repeated parameter with invalid_request (RFC 6749 §3.2)', async () => {
    const form = `${tokenForm(await sign())}&grant_type=client_credentials`;
    await expectInvalidRequest(await postToken(vault, form), 'ERR_SERVICE_TOKEN_REQUEST_INVALID');
  });

  it('answers more than 16 parameters with invalid_request, a body over the limit with 413', async () => {
    const many = new URLSearchParams(Array.from({ length: 17 }, (_, i) => [`p${i}`, 'x']));
    await expectInvalidRequest(
      await postToken(vault, `${tokenForm(await sign())}&${many.toString()}`),
      'ERR_SERVICE_TOKEN_REQUEST_INVALID',
    );
    const huge = `${tokenForm(await sign())}&pad=${'x'.repeat(vault.config.bodyLimitBytes)}`;
    const res = await postToken(vault, huge);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'invalid_request', code: 'ERR_PAYLOAD_TOO_LARGE' });
  });

  it('answers a second authentication method (an Authorization header) with invalid_request', async () => {
    await expectInvalidRequest(
      await postToken(vault, tokenForm(await sign()), { authorization: 'Basic eDp5' }),
      'ERR_SERVICE_TOKEN_REQUEST_INVALID',
    );
  });

  it('answers another client assertion type, or none, with invalid_client', async () => {
    const assertion = await sign();
    expectInvalidClient(
      await postToken(
        vault,
        tokenForm(assertion, {
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer',
        }),
      ),
      /^client_assertion_type is not jwt-bearer$/,
    );
    expectInvalidClient(
      await postToken(vault, tokenForm(assertion, { client_assertion: '' })),
      /^no client_assertion$/,
    );
    expectInvalidClient(await postToken(vault, tokenForm('not.a.jwt')), /^not a JWT$/);
  });

  it('rate-limits the token endpoint per client address, with an RFC 6749 body', async () => {
    vault = await start({ env: { VAULT_RATE_LIMIT_SERVICE_TOKEN: '2' } });
    service = await registerService(vault);
    for (let i = 0; i < 2; i += 1) {
      expect((await postToken(vault, tokenForm(await sign()))).status).toBe(200);
    }
    const limited = await postToken(vault, tokenForm(await sign()));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.body).toMatchObject({ error: 'invalid_request', code: 'ERR_RATE_LIMITED' });
    expect(vault.countRows('service_tokens')).toBe(2);
  });
});

describe('the bearer guard', () => {
  it('refuses a request without a token, with a bare Bearer challenge (RFC 6750 §3.1)', async () => {
    const res = await getProfile(vault, {});
    expect(res.status).toBe(401);
    expect((res.body as ErrorBody).error.code).toBe('ERR_SERVICE_TOKEN_INVALID');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses an unknown token with error="invalid_token"', async () => {
    for (const authorization of ['Bearer not-a-token', 'Bearer ', 'bearer a b']) {
      const res = await getProfile(vault, { authorization });
      expect(res.status, authorization).toBe(401);
      expect((res.body as ErrorBody).error.code).toBe('ERR_SERVICE_TOKEN_INVALID');
      expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    }
  });

  it('does not let a resident’s session cookie open the service API', async () => {
    const resident = new HttpClient(vault.origin);
    await signInWithLocalEid(resident);
    expect((await resident.get('/api/me')).status).toBe(200);

    const res = await getProfile(vault, { cookie: resident.cookieHeader() });
    expect(res.status).toBe(401);
    expect((res.body as ErrorBody).error.code).toBe('ERR_SERVICE_TOKEN_INVALID');
    // Nor does the cookie rescue an invalid token.
    const both = await getProfile(vault, {
      cookie: resident.cookieHeader(),
      authorization: 'Bearer not-a-token',
    });
    expect(both.status).toBe(401);
  });

  it('does not let a service token open the resident API', async () => {
    const token = await tokenFor();
    const res = await fetch(`${vault.origin}/api/me`, { headers: bearer(token) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorBody).error.code).toBe('ERR_UNAUTHENTICATED');
  });

  it('refuses a token once it has expired (injected clock)', async () => {
    const token = await tokenFor();
    secondsLater(299);
    expect((await getProfile(vault, bearer(token))).status).toBe(200);
    secondsLater(1);
    const res = await getProfile(vault, bearer(token));
    expect(res.status).toBe(401);
    expect((res.body as ErrorBody).error.code).toBe('ERR_SERVICE_TOKEN_INVALID');
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('answers an unknown service path 404 only to an authenticated service', async () => {
    const url = serviceUrl(vault, '/api/v1/service/nothing');
    expect((await fetch(url)).status).toBe(401);
    const token = await tokenFor();
    const res = await fetch(url, { headers: bearer(token) });
    expect(res.status).toBe(404);
  });
});

describe('the server log', () => {
  it('never holds an assertion or an access token', async () => {
    const secrets: string[] = [];
    const assertion = await sign();
    secrets.push(assertion);
    const ok = await postToken<ServiceTokenResponse>(vault, tokenForm(assertion));
    secrets.push(ok.body.access_token);
    await getProfile(vault, bearer(ok.body.access_token));
    await postToken(vault, tokenForm(assertion)); // replay
    const badAudience = await sign({ audience: 'https://elsewhere.example' });
    secrets.push(badAudience);
    await postToken(vault, tokenForm(badAudience));
    await getProfile(vault, bearer(`${ok.body.access_token}x`));
    secrets.push(`${ok.body.access_token}x`);

    expect(authFailures(vault)).toHaveLength(2);
    const text = vault.logText();
    expect(text).toContain('city service token issued');
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      // Nor any of its parts (a JWT's signature, a token's first half).
      for (const part of secret.split('.')) {
        if (part.length > 20) expect(text).not.toContain(part.slice(0, 20));
      }
    }
  });
});

/** The `jti` of a compact JWT (test side: no verification needed). */
function assertionJti(jwt: string): string {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as {
    jti: string;
  };
  return payload.jti;
}
