import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorBody, MeResponse } from '../../server/src/contracts/index.js';
import { HttpClient } from '../helpers/http-client.js';
import { followLocalEidToCallback, signInWithLocalEid } from '../helpers/sign-in.js';
import { startVault, type TestVault } from '../helpers/start-vault.js';

/*
 * eID sign-in end to end over HTTP, through the vault's real local eID provider (oidc-provider):
 * the relying party and the session cookie the resident ends up with.
 */

const TX_COOKIE = 'cv_eid_tx';
const SESSION_COOKIE = 'cv_session';

const vaults: TestVault[] = [];

afterEach(async () => {
  await Promise.all(vaults.splice(0).map((v) => v.close()));
});

async function vaultWith(env?: Record<string, string>): Promise<TestVault> {
  const vault = await startVault(env ? { env } : {});
  vaults.push(vault);
  return vault;
}

/** A loopback port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The attributes of a Set-Cookie line, lower-cased names, e.g. `httponly`, `samesite`. */
function cookieAttributes(line: string): Map<string, string> {
  const [, ...attrs] = line.split(';');
  return new Map(
    attrs.map((a) => {
      const eq = a.indexOf('=');
      return eq < 0
        ? [a.trim().toLowerCase(), '']
        : [a.slice(0, eq).trim().toLowerCase(), a.slice(eq + 1).trim()];
    }),
  );
}

describe('eID sign-in with the local provider', () => {
  it('signs Maria Rossi in at eIDAS substantial, with an HttpOnly, SameSite=Lax session cookie', async () => {
    const vault = await vaultWith();
    const client = new HttpClient(vault.origin);
    const res = await signInWithLocalEid(client);

    expect(res.status).toBe(200);
    expect(res.body.resident.displayName).toBe('Maria Rossi');
    expect(res.body.resident.acr).toBe('http://eidas.europa.eu/LoA/substantial');
    expect(res.body.resident.signedInWith).toBe('eid');

    const lines = res.setCookies.filter((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(lines).toHaveLength(1);
    const attrs = cookieAttributes(lines[0]!);
    expect(attrs.has('httponly')).toBe(true);
    expect(attrs.get('samesite')).toBe('Lax');
    expect(attrs.get('path')).toBe('/');
    // http://localhost: a Secure cookie would never come back, so none is set (issue 2).
    expect(attrs.has('secure')).toBe(false);
    expect(vault.origin).toMatch(/^http:\/\/localhost:\d+$/);

    const me = await client.get<MeResponse>('/api/me');
    expect(me.status, me.text).toBe(200);
    expect(me.body.resident.id).toBe(res.body.resident.id);
    expect(vault.countRows('sessions')).toBe(1);
    expect(vault.countRows('residents')).toBe(1);
  });

  it('signing in twice as the same demo resident finds the same resident (keyed by issuer, sub)', async () => {
    const vault = await vaultWith();
    const first = await signInWithLocalEid(new HttpClient(vault.origin), 'demo-maria-rossi');
    const second = await signInWithLocalEid(new HttpClient(vault.origin), 'demo-maria-rossi');
    expect(second.body.resident.id).toBe(first.body.resident.id);
    expect(vault.countRows('residents')).toBe(1);
    expect(vault.countRows('sessions')).toBe(2);
  });

  it('two demo residents get two different resident ids', async () => {
    const vault = await vaultWith();
    const maria = await signInWithLocalEid(new HttpClient(vault.origin), 'demo-maria-rossi');
    const luca = await signInWithLocalEid(new HttpClient(vault.origin), 'demo-luca-bianchi');
    expect(luca.body.resident.displayName).toBe('Luca Bianchi');
    expect(luca.body.resident.id).not.toBe(maria.body.resident.id);
    expect(vault.countRows('residents')).toBe(2);
  });

  it('replaying the same callback query is 400 ERR_EID_NO_TRANSACTION and starts no second session', async () => {
    const vault = await vaultWith();
    const client = new HttpClient(vault.origin);
    const query = await followLocalEidToCallback(client);
    const txCookie = client.cookies.get(TX_COOKIE);
    expect(txCookie).toBeDefined();

    const first = await client.post<MeResponse>('/api/auth/eid/callback', { query });
    expect(first.status, first.text).toBe(200);

    // As the browser would: the vault cleared the transaction cookie.
    const replay = await client.post<ErrorBody>('/api/auth/eid/callback', { query });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('ERR_EID_NO_TRANSACTION');

    // As an attacker would: the same transaction cookie again. It is spent server-side.
    client.cookies.set(TX_COOKIE, txCookie!);
    const again = await client.post<ErrorBody>('/api/auth/eid/callback', { query });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('ERR_EID_NO_TRANSACTION');
    expect(again.setCookies.filter((c) => c.startsWith(`${SESSION_COOKIE}=`))).toEqual([]);

    expect(vault.countRows('sessions')).toBe(1);
    expect(vault.countRows('residents')).toBe(1);
  });

  it('the authorization request carries PKCE S256, a state and a nonce', async () => {
    const vault = await vaultWith();
    const client = new HttpClient(vault.origin);
    const start = await client.get('/auth/eid/start');
    expect(start.status, start.text).toBe(303);
    const url = new URL(start.location ?? '', vault.origin);
    expect(url.origin + url.pathname).toBe(`${vault.origin}/eid/auth`);
    const p = url.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe(vault.config.eid.clientId);
    expect(p.get('redirect_uri')).toBe(`${vault.origin}/auth/callback`);
    expect(p.get('scope')?.split(' ')).toContain('openid');
    expect(p.get('code_challenge_method')).toBe('S256');
    // BASE64URL(SHA-256(verifier)) is 43 characters (RFC 7636 §4.2).
    expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get('state')).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(p.get('nonce')).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(client.cookies.get(TX_COOKIE)).toBeDefined();

    // Fresh values for every sign-in.
    const next = new URL((await client.get('/auth/eid/start')).location ?? '', vault.origin);
    expect(next.searchParams.get('state')).not.toBe(p.get('state'));
    expect(next.searchParams.get('nonce')).not.toBe(p.get('nonce'));
    expect(next.searchParams.get('code_challenge')).not.toBe(p.get('code_challenge'));
  });

  it('an unreachable provider sends a browser back to /sign-in?error=ERR_EID_UNAVAILABLE', async () => {
    const port = await closedPort();
    const vault = await vaultWith({
      VAULT_EID_MODE: 'external',
      VAULT_EID_ISSUER: `http://127.0.0.1:${port}`,
      VAULT_EID_CLIENT_ID: 'citizen-vault-test',
      VAULT_EID_CLIENT_SECRET: 'a-secret-nobody-will-ever-see',
      VAULT_EID_ALLOW_INSECURE_HTTP: 'true',
    });
    const client = new HttpClient(vault.origin);
    const res = await client.get('/auth/eid/start', { accept: 'text/html' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/sign-in?error=ERR_EID_UNAVAILABLE');
    expect(res.setCookies.filter((c) => c.startsWith(`${TX_COOKIE}=`))).toEqual([]);
    expect(vault.countRows('oidc_transactions')).toBe(0);
  });
});
