import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type {
  ErrorBody,
  ErrorCode,
  MeResponse,
  PasskeyListResponse,
  PasskeyView,
} from '../../server/src/contracts/index.js';
import { HttpClient, type TestResponse } from '../helpers/http-client.js';
import { signInWithLocalEid } from '../helpers/sign-in.js';
import { SoftAuthenticator, type SoftCredential } from '../helpers/soft-authenticator.js';
import { startVault, type LogRecord, type TestVault } from '../helpers/start-vault.js';

/**
 * Passkeys over real HTTP against a real vault (issue 2, "Tests that must exist and pass":
 * Passkeys). The soft authenticator plays the browser and the authenticator; the vault's clock is
 * a variable the tests move instead of sleeping.
 */

let vault: TestVault;
let clock: Date;
let authenticator: SoftAuthenticator;

beforeEach(async () => {
  clock = new Date();
  // The 50-way replay alone sends 50 sign-in requests: lift the sign-in rate limit out of the way.
  vault = await startVault({ now: () => clock, env: { VAULT_RATE_LIMIT_SIGN_IN: '10000' } });
  authenticator = new SoftAuthenticator({ origin: vault.origin });
});

afterEach(async () => {
  await vault.close();
});

const minutes = (n: number) => n * 60_000;

function moveClock(ms: number): void {
  clock = new Date(clock.getTime() + ms);
}

/** Reads one passkey's row through a separate read-only connection to the vault's SQLite file. */
function passkeyRow(credentialId: string): { counter: number; name: string } | undefined {
  const db = new Database(vault.config.databaseFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT counter, name FROM passkeys WHERE credential_id = ?')
      .get(credentialId) as { counter: number; name: string } | undefined;
  } finally {
    db.close();
  }
}

function sessionCookieLines(res: TestResponse): string[] {
  return res.setCookies.filter((line) => line.startsWith(`${vault.config.cookieName}=`));
}

/**
 * The detail the vault logged for the last refused request (never sent to the client). Parsed from
 * the raw text: `vault.logs` is a Proxy without a `has` trap, so its `filter` sees no elements.
 */
function lastRefusal(): LogRecord | undefined {
  return vault
    .logText()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogRecord)
    .filter((l) => l.msg === 'request refused')
    .at(-1);
}

/**
 * Runs a request that must fail and asserts the whole promise of a refusal: the status, the
 * stable code, no new session row, no new passkey row, and no session cookie.
 */
async function expectRefused(
  act: () => Promise<TestResponse>,
  status: number,
  code: ErrorCode,
): Promise<TestResponse<ErrorBody>> {
  const sessionsBefore = vault.countRows('sessions');
  const passkeysBefore = vault.countRows('passkeys');
  const res = (await act()) as TestResponse<ErrorBody>;
  expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
  expect(vault.countRows('sessions')).toBe(sessionsBefore);
  expect(vault.countRows('passkeys')).toBe(passkeysBefore);
  expect(sessionCookieLines(res)).toEqual([]);
  return res;
}

async function registrationOptions(
  client: HttpClient,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const res = await client.post<{ optionsJSON: PublicKeyCredentialCreationOptionsJSON }>(
    '/api/passkeys/options',
  );
  expect(res.status).toBe(200);
  return res.body.optionsJSON;
}

async function signInOptions(client: HttpClient): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const res = await client.post<{ optionsJSON: PublicKeyCredentialRequestOptionsJSON }>(
    '/api/auth/passkey/options',
  );
  expect(res.status).toBe(200);
  return res.body.optionsJSON;
}

/** Adds a passkey to a signed-in client's account through the real ceremony. */
async function addPasskey(
  client: HttpClient,
  name = 'Laptop',
): Promise<{
  credential: SoftCredential;
  passkey: PasskeyView;
  response: RegistrationResponseJSON;
}> {
  const { response, credential } = authenticator.register(await registrationOptions(client));
  const res = await client.post<{ passkey: PasskeyView }>('/api/passkeys', { name, response });
  expect(res.status, res.text).toBe(201);
  return { credential, passkey: res.body.passkey, response };
}

/** A fresh, cookie-less client (a browser that is signed out) signs in with the passkey alone. */
async function signInWithPasskey(credential: SoftCredential): Promise<TestResponse<MeResponse>> {
  const client = new HttpClient(vault.origin);
  const assertion = authenticator.authenticate(await signInOptions(client), credential);
  return client.post<MeResponse>('/api/auth/passkey/verify', { response: assertion });
}

async function freshAssertion(
  credential: SoftCredential,
  overrides: Parameters<SoftAuthenticator['authenticate']>[2] = {},
): Promise<AuthenticationResponseJSON> {
  return authenticator.authenticate(
    await signInOptions(new HttpClient(vault.origin)),
    credential,
    overrides,
  );
}

const verify = (response: unknown) =>
  new HttpClient(vault.origin).post('/api/auth/passkey/verify', { response });

/** A signed-in resident with one passkey. */
async function residentWithPasskey(accountId = 'demo-maria-rossi') {
  const client = new HttpClient(vault.origin);
  const me = await signInWithLocalEid(client, accountId);
  const added = await addPasskey(client);
  return { client, residentId: me.body.resident.id, ...added };
}

/**
 * The same registration response answering a new challenge. Attestation "none" signs nothing over
 * clientDataJSON (WebAuthn §8.7), so only the challenge in it needs to change.
 */
function withChallenge(response: RegistrationResponseJSON, challenge: string) {
  const clientData = JSON.parse(
    Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'),
  ) as Record<string, unknown>;
  const clientDataJSON = Buffer.from(JSON.stringify({ ...clientData, challenge })).toString(
    'base64url',
  );
  return { ...response, response: { ...response.response, clientDataJSON } };
}

describe('passkey registration and discoverable sign-in', () => {
  it('registers a passkey after an eID sign-in, then signs in with it alone (no cookie)', async () => {
    const { credential, passkey, residentId } = await residentWithPasskey();
    expect(passkey).toMatchObject({ name: 'Laptop', lastUsedAt: null, backedUp: false });
    expect(passkeyRow(credential.credentialIdB64)?.counter).toBe(0);

    const sessionsBefore = vault.countRows('sessions');
    const res = await signInWithPasskey(credential);
    expect(res.status, res.text).toBe(200);
    expect(res.body.resident).toMatchObject({ id: residentId, signedInWith: 'passkey' });
    expect(sessionCookieLines(res)).toHaveLength(1);
    expect(vault.countRows('sessions')).toBe(sessionsBefore + 1);
    // The authenticator's counter (1) is what the vault stored.
    expect(passkeyRow(credential.credentialIdB64)?.counter).toBe(1);
  });

  it('requests a resident key, user verification, and excludes the passkeys already registered', async () => {
    const { client, credential } = await residentWithPasskey();
    const second = await addPasskey(client, 'Phone');
    const options = await registrationOptions(client);
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      userVerification: 'required',
    });
    expect(options.excludeCredentials?.map((c) => c.id).sort()).toEqual(
      [credential.credentialIdB64, second.credential.credentialIdB64].sort(),
    );
  });

  it('keeps several passkeys per resident; lists, renames (validated) and removes them', async () => {
    const { client, credential, passkey } = await residentWithPasskey();
    const phone = await addPasskey(client, 'Phone');

    const list = await client.get<PasskeyListResponse>('/api/passkeys');
    expect(list.status).toBe(200);
    expect(list.body.passkeys.map((p) => p.name).sort()).toEqual(['Laptop', 'Phone']);
    expect(list.body.passkeys.every((p) => p.lastUsedAt === null)).toBe(true);

    // A sign-in with the laptop passkey shows up as its last use, at the vault's clock.
    moveClock(minutes(2));
    const signedIn = await signInWithPasskey(credential);
    expect(signedIn.status).toBe(200);
    const afterUse = await client.get<PasskeyListResponse>('/api/passkeys');
    const laptop = afterUse.body.passkeys.find((p) => p.id === passkey.id);
    expect(laptop?.lastUsedAt).toBe(clock.toISOString());
    expect(afterUse.body.passkeys.find((p) => p.id === phone.passkey.id)?.lastUsedAt).toBeNull();

    const renamed = await client.request<{ passkey: PasskeyView }>(
      'PATCH',
      `/api/passkeys/${passkey.id}`,
      { json: { name: '  Work laptop ' } },
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body.passkey).toMatchObject({ id: passkey.id, name: 'Work laptop' });

    for (const name of ['', '   ', 'x'.repeat(65)]) {
      await expectRefused(
        () => client.request('PATCH', `/api/passkeys/${passkey.id}`, { json: { name } }),
        400,
        'ERR_VALIDATION',
      );
    }
    expect(passkeyRow(credential.credentialIdB64)?.name).toBe('Work laptop');

    const removed = await client.request('DELETE', `/api/passkeys/${phone.passkey.id}`);
    expect(removed.status).toBe(204);
    const afterRemove = await client.get<PasskeyListResponse>('/api/passkeys');
    expect(afterRemove.body.passkeys.map((p) => p.id)).toEqual([passkey.id]);
    expect(passkeyRow(phone.credential.credentialIdB64)).toBeUndefined();

    // A removed passkey no longer signs anyone in.
    await expectRefused(
      async () => verify(await freshAssertion(phone.credential)),
      401,
      'ERR_PASSKEY_VERIFICATION_FAILED',
    );
    expect(lastRefusal()?.['detail']).toBe('unknown credential id');
  });

  it('refuses to remove the last way to sign in (409 ERR_LAST_SIGN_IN_METHOD)', async () => {
    const { client, passkey, residentId, credential } = await residentWithPasskey();
    // A resident whose eID link is gone has only this passkey left.
    vault.sql('DELETE FROM eid_identities WHERE resident_id = ?', residentId);
    await expectRefused(
      () => client.request('DELETE', `/api/passkeys/${passkey.id}`),
      409,
      'ERR_LAST_SIGN_IN_METHOD',
    );
    expect(passkeyRow(credential.credentialIdB64)).toBeDefined();
  });

  it('answers 404 ERR_PASSKEY_NOT_FOUND for an unknown passkey id', async () => {
    const { client } = await residentWithPasskey();
    await expectRefused(
      () => client.request('PATCH', '/api/passkeys/no-such-id', { json: { name: 'X' } }),
      404,
      'ERR_PASSKEY_NOT_FOUND',
    );
    await expectRefused(
      () => client.request('DELETE', '/api/passkeys/no-such-id'),
      404,
      'ERR_PASSKEY_NOT_FOUND',
    );
  });

  it('requires a session to manage passkeys', async () => {
    const anonymous = new HttpClient(vault.origin);
    await expectRefused(() => anonymous.post('/api/passkeys/options'), 401, 'ERR_UNAUTHENTICATED');
    await expectRefused(() => anonymous.get('/api/passkeys'), 401, 'ERR_UNAUTHENTICATED');
  });
});

describe('replay', () => {
  it('accepts the same assertion replayed 50 times in parallel exactly once', async () => {
    const { credential } = await residentWithPasskey();
    // One sign-in first, so the stored counter is above zero and counter checks are live.
    expect((await signInWithPasskey(credential)).status).toBe(200);
    expect(passkeyRow(credential.credentialIdB64)?.counter).toBe(1);

    const assertion = await freshAssertion(credential);
    const sessionsBefore = vault.countRows('sessions');
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        new HttpClient(vault.origin).post<MeResponse | ErrorBody>('/api/auth/passkey/verify', {
          response: assertion,
        }),
      ),
    );

    const ok = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status !== 200);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(49);
    const allowed = new Set([
      '400 ERR_PASSKEY_CHALLENGE',
      '401 ERR_PASSKEY_COUNTER',
      '401 ERR_PASSKEY_VERIFICATION_FAILED',
    ]);
    for (const r of refused) {
      expect(allowed).toContain(`${r.status} ${(r.body as ErrorBody).error.code}`);
      expect(sessionCookieLines(r)).toEqual([]);
    }
    expect(vault.countRows('sessions')).toBe(sessionsBefore + 1);
    expect(passkeyRow(credential.credentialIdB64)?.counter).toBe(2);
  });

  it('refuses a second use of a spent assertion (400 ERR_PASSKEY_CHALLENGE)', async () => {
    const { credential } = await residentWithPasskey();
    const assertion = await freshAssertion(credential);
    expect((await verify(assertion)).status).toBe(200);
    await expectRefused(() => verify(assertion), 400, 'ERR_PASSKEY_CHALLENGE');
  });
});

describe('assertions the vault must refuse', () => {
  it('wrong origin → 401 ERR_PASSKEY_VERIFICATION_FAILED', async () => {
    const { credential } = await residentWithPasskey();
    const assertion = await freshAssertion(credential, { origin: 'https://evil.example' });
    await expectRefused(() => verify(assertion), 401, 'ERR_PASSKEY_VERIFICATION_FAILED');
    expect(String(lastRefusal()?.['detail'])).toMatch(/origin/i);
    expect(passkeyRow(credential.credentialIdB64)?.counter).toBe(0);
  });

  it('wrong RP ID → 401 ERR_PASSKEY_VERIFICATION_FAILED', async () => {
    const { credential } = await residentWithPasskey();
    const assertion = await freshAssertion(credential, { rpId: 'evil.example' });
    await expectRefused(() => verify(assertion), 401, 'ERR_PASSKEY_VERIFICATION_FAILED');
    expect(String(lastRefusal()?.['detail'])).toMatch(/RP ?ID/i);
    expect(passkeyRow(credential.credentialIdB64)?.counter).toBe(0);
  });

  it('a tampered signature → 401 ERR_PASSKEY_VERIFICATION_FAILED', async () => {
    const { credential } = await residentWithPasskey();
    const assertion = await freshAssertion(credential);
    const signature = Buffer.from(assertion.response.signature, 'base64url');
    signature[signature.length - 1] = (signature[signature.length - 1] ?? 0) ^ 0x01;
    const tampered = {
      ...assertion,
      response: { ...assertion.response, signature: signature.toString('base64url') },
    };
    await expectRefused(() => verify(tampered), 401, 'ERR_PASSKEY_VERIFICATION_FAILED');
  });

  it('counter lower than stored, and equal to stored → 401 ERR_PASSKEY_COUNTER, counter kept', async () => {
    const { credential } = await residentWithPasskey();
    expect((await signInWithPasskey(credential)).status).toBe(200);
    expect((await signInWithPasskey(credential)).status).toBe(200);
    expect(passkeyRow(credential.credentialIdB64)?.counter).toBe(2);

    for (const counter of [1, 2]) {
      const assertion = await freshAssertion(credential, { counter });
      await expectRefused(() => verify(assertion), 401, 'ERR_PASSKEY_COUNTER');
      expect(String(lastRefusal()?.['detail'])).toMatch(/counter/i);
      expect(passkeyRow(credential.credentialIdB64)?.counter).toBe(2);
    }
  });

  it('an expired challenge (clock + 6 min) → 400 ERR_PASSKEY_CHALLENGE', async () => {
    const { credential } = await residentWithPasskey();
    const assertion = await freshAssertion(credential);
    moveClock(minutes(6));
    await expectRefused(() => verify(assertion), 400, 'ERR_PASSKEY_CHALLENGE');
    expect(passkeyRow(credential.credentialIdB64)?.counter).toBe(0);
  });

  it('a challenge the vault never issued → 400 ERR_PASSKEY_CHALLENGE', async () => {
    const { credential } = await residentWithPasskey();
    const options = await signInOptions(new HttpClient(vault.origin));
    const assertion = authenticator.authenticate(options, credential, {
      challenge: Buffer.from('not-a-challenge-of-ours').toString('base64url'),
    });
    await expectRefused(() => verify(assertion), 400, 'ERR_PASSKEY_CHALLENGE');
  });

  it('a registration challenge used to sign in → 400 ERR_PASSKEY_CHALLENGE', async () => {
    const { client, credential } = await residentWithPasskey();
    const registration = await registrationOptions(client);
    const options = await signInOptions(new HttpClient(vault.origin));
    const assertion = authenticator.authenticate(options, credential, {
      challenge: registration.challenge,
    });
    await expectRefused(() => verify(assertion), 400, 'ERR_PASSKEY_CHALLENGE');
  });

  it('user verification missing at sign-in → 401 ERR_PASSKEY_VERIFICATION_FAILED', async () => {
    const { credential } = await residentWithPasskey();
    const assertion = await freshAssertion(credential, { userVerified: false });
    await expectRefused(() => verify(assertion), 401, 'ERR_PASSKEY_VERIFICATION_FAILED');
    expect(String(lastRefusal()?.['detail'])).toMatch(/verif/i);
    expect(passkeyRow(credential.credentialIdB64)?.counter).toBe(0);
  });

  it('a sign-in response still carrying the PRF output → 400 ERR_PASSKEY_PRF_LEAKED', async () => {
    const { credential } = await residentWithPasskey();
    const assertion = await freshAssertion(credential);
    const leaking = {
      ...assertion,
      clientExtensionResults: { prf: { results: { first: 'c2VjcmV0LXByZi1vdXRwdXQ' } } },
    };
    await expectRefused(() => verify(leaking), 400, 'ERR_PASSKEY_PRF_LEAKED');
    expect(vault.logText()).not.toContain('c2VjcmV0LXByZi1vdXRwdXQ');
  });
});

describe('registrations the vault must refuse', () => {
  it('user verification missing at registration → 401 ERR_PASSKEY_VERIFICATION_FAILED', async () => {
    const client = new HttpClient(vault.origin);
    await signInWithLocalEid(client);
    const { response } = authenticator.register(await registrationOptions(client), {
      userVerified: false,
    });
    await expectRefused(
      () => client.post('/api/passkeys', { name: 'No UV', response }),
      401,
      'ERR_PASSKEY_VERIFICATION_FAILED',
    );
    expect(String(lastRefusal()?.['detail'])).toMatch(/verif/i);
  });

  it('wrong origin and wrong RP ID at registration → 401 ERR_PASSKEY_VERIFICATION_FAILED', async () => {
    const client = new HttpClient(vault.origin);
    await signInWithLocalEid(client);
    for (const overrides of [{ origin: 'https://evil.example' }, { rpId: 'evil.example' }]) {
      const { response } = authenticator.register(await registrationOptions(client), overrides);
      await expectRefused(
        () => client.post('/api/passkeys', { name: 'Evil', response }),
        401,
        'ERR_PASSKEY_VERIFICATION_FAILED',
      );
    }
  });

  it('a registration still carrying the PRF output → 400 ERR_PASSKEY_PRF_LEAKED, nothing stored', async () => {
    const client = new HttpClient(vault.origin);
    await signInWithLocalEid(client);
    const { response, credential } = authenticator.register(await registrationOptions(client));
    const leaking = {
      ...response,
      clientExtensionResults: { prf: { enabled: true, results: { first: 'c2VjcmV0LXByZg' } } },
    };
    await expectRefused(
      () => client.post('/api/passkeys', { name: 'Leaky', response: leaking }),
      400,
      'ERR_PASSKEY_PRF_LEAKED',
    );
    expect(passkeyRow(credential.credentialIdB64)).toBeUndefined();
  });

  it('the same credential registered twice → 409 ERR_PASSKEY_ALREADY_REGISTERED', async () => {
    const { client, response, credential } = await residentWithPasskey();
    const again = withChallenge(response, (await registrationOptions(client)).challenge);
    await expectRefused(
      () => client.post('/api/passkeys', { name: 'Again', response: again }),
      409,
      'ERR_PASSKEY_ALREADY_REGISTERED',
    );
    expect(passkeyRow(credential.credentialIdB64)?.name).toBe('Laptop');
  });

  it('a registration challenge answered twice → 400 ERR_PASSKEY_CHALLENGE', async () => {
    const client = new HttpClient(vault.origin);
    await signInWithLocalEid(client);
    const options = await registrationOptions(client);
    const first = authenticator.register(options);
    expect(
      (await client.post('/api/passkeys', { name: 'A', response: first.response })).status,
    ).toBe(201);
    const second = authenticator.register(options);
    await expectRefused(
      () => client.post('/api/passkeys', { name: 'B', response: second.response }),
      400,
      'ERR_PASSKEY_CHALLENGE',
    );
  });

  it('an expired registration challenge (clock + 6 min) → 400 ERR_PASSKEY_CHALLENGE', async () => {
    const client = new HttpClient(vault.origin);
    await signInWithLocalEid(client);
    const { response } = authenticator.register(await registrationOptions(client));
    moveClock(minutes(6));
    await expectRefused(
      () => client.post('/api/passkeys', { name: 'Late', response }),
      400,
      'ERR_PASSKEY_CHALLENGE',
    );
  });
});

describe('a credential of another resident', () => {
  it('(a) an assertion whose userHandle names resident B for A’s credential → 401', async () => {
    const a = await residentWithPasskey('demo-maria-rossi');
    const b = new HttpClient(vault.origin);
    const bId = (await signInWithLocalEid(b, 'demo-luca-bianchi')).body.resident.id;
    expect(bId).not.toBe(a.residentId);

    const assertion = await freshAssertion(a.credential, {
      userHandle: Buffer.from(bId, 'utf8').toString('base64url'),
    });
    await expectRefused(() => verify(assertion), 401, 'ERR_PASSKEY_VERIFICATION_FAILED');
    expect(lastRefusal()?.['detail']).toBe('userHandle names another resident than the credential');
    expect(passkeyRow(a.credential.credentialIdB64)?.counter).toBe(0);
  });

  it('(b) resident B cannot rename or delete A’s passkey (404 ERR_PASSKEY_NOT_FOUND)', async () => {
    const a = await residentWithPasskey('demo-maria-rossi');
    const b = new HttpClient(vault.origin);
    await signInWithLocalEid(b, 'demo-luca-bianchi');

    await expectRefused(
      () => b.request('PATCH', `/api/passkeys/${a.passkey.id}`, { json: { name: 'Mine now' } }),
      404,
      'ERR_PASSKEY_NOT_FOUND',
    );
    await expectRefused(
      () => b.request('DELETE', `/api/passkeys/${a.passkey.id}`),
      404,
      'ERR_PASSKEY_NOT_FOUND',
    );
    expect((await b.get<PasskeyListResponse>('/api/passkeys')).body.passkeys).toEqual([]);
    const aList = await a.client.get<PasskeyListResponse>('/api/passkeys');
    expect(aList.body.passkeys).toEqual([a.passkey]);
    expect(passkeyRow(a.credential.credentialIdB64)?.name).toBe('Laptop');
  });

  it('(c) a registration challenge issued to A, used in B’s session → 400 ERR_PASSKEY_CHALLENGE', async () => {
    const a = new HttpClient(vault.origin);
    await signInWithLocalEid(a, 'demo-maria-rossi');
    const b = new HttpClient(vault.origin);
    await signInWithLocalEid(b, 'demo-luca-bianchi');

    const { response, credential } = authenticator.register(await registrationOptions(a));
    await expectRefused(
      () => b.post('/api/passkeys', { name: 'Stolen', response }),
      400,
      'ERR_PASSKEY_CHALLENGE',
    );
    expect(lastRefusal()?.['detail']).toBe('registration challenge issued to another resident');
    expect(passkeyRow(credential.credentialIdB64)).toBeUndefined();
  });

  it('(d) B cannot register A’s credential id for themselves (409)', async () => {
    const a = await residentWithPasskey('demo-maria-rossi');
    const b = new HttpClient(vault.origin);
    await signInWithLocalEid(b, 'demo-luca-bianchi');
    const again = withChallenge(a.response, (await registrationOptions(b)).challenge);
    await expectRefused(
      () => b.post('/api/passkeys', { name: 'Theirs', response: again }),
      409,
      'ERR_PASSKEY_ALREADY_REGISTERED',
    );
    const aList = await a.client.get<PasskeyListResponse>('/api/passkeys');
    expect(aList.body.passkeys).toEqual([a.passkey]);
  });
});
