import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  EndOtherSessionsResponse,
  ErrorBody,
  MeResponse,
  SessionListResponse,
} from '../../server/src/contracts/index.js';
import { HttpClient, type TestResponse } from '../helpers/http-client.js';
import { signInWithLocalEid } from '../helpers/sign-in.js';
import { startVault, type StartVaultOptions, type TestVault } from '../helpers/start-vault.js';

/**
 * Sessions and the HTTP edge over real HTTP against a real vault (issue 2, "Tests that must exist
 * and pass": Sessions and HTTP). Time moves through the vault's injected clock, never by sleeping.
 */

const vaults: TestVault[] = [];
let clock: Date;

async function vaultWith(options: StartVaultOptions = {}): Promise<TestVault> {
  clock = new Date();
  const vault = await startVault({ now: () => clock, ...options });
  vaults.push(vault);
  return vault;
}

afterEach(async () => {
  await Promise.all(vaults.splice(0).map((v) => v.close()));
});

const minutes = (n: number) => n * 60_000;

function moveClock(ms: number): void {
  clock = new Date(clock.getTime() + ms);
}

function errorCode(res: TestResponse): string | undefined {
  return (res.body as Partial<ErrorBody>).error?.code;
}

/** A client that carries only this session cookie value, as a fresh browser would. */
function clientWithCookie(vault: TestVault, value: string): HttpClient {
  const client = new HttpClient(vault.origin);
  client.cookies.set(vault.config.cookieName, value);
  return client;
}

function sessionCookie(vault: TestVault, client: HttpClient): string {
  const value = client.cookies.get(vault.config.cookieName);
  if (value === undefined) throw new Error('the client holds no session cookie');
  return value;
}

async function signedIn(vault: TestVault, accountId = 'demo-maria-rossi'): Promise<HttpClient> {
  const client = new HttpClient(vault.origin);
  await signInWithLocalEid(client, accountId);
  return client;
}

describe('session fixation', () => {
  it('replaces a planted cookie with a fresh session id at sign-in', async () => {
    const vault = await vaultWith();
    const planted = 'planted-by-an-attacker-0123456789abcdefghijklmnop';
    const client = clientWithCookie(vault, planted);

    await signInWithLocalEid(client);
    const issued = sessionCookie(vault, client);
    expect(issued).not.toBe(planted);
    expect((await client.get('/api/me')).status).toBe(200);

    const attacker = clientWithCookie(vault, planted);
    const res = await attacker.get('/api/me');
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('ERR_UNAUTHENTICATED');
  });

  it('signing in again replaces the previous session: new value, old value dead, old row gone', async () => {
    const vault = await vaultWith();
    const client = await signedIn(vault);
    const previous = sessionCookie(vault, client);
    expect(vault.countRows('sessions')).toBe(1);

    // A fresh browser that still carries the previous cookie signs in (as another resident, even).
    const again = clientWithCookie(vault, previous);
    const me = await signInWithLocalEid(again, 'demo-luca-bianchi');
    expect(me.body.resident.displayName).toMatch(/Luca/);
    const current = sessionCookie(vault, again);
    expect(current).not.toBe(previous);

    expect(vault.countRows('sessions')).toBe(1);
    const old = await clientWithCookie(vault, previous).get('/api/me');
    expect(old.status).toBe(401);
    expect(errorCode(old)).toBe('ERR_UNAUTHENTICATED');
    expect((await clientWithCookie(vault, current).get('/api/me')).status).toBe(200);
  });

  it('an answer to a request sent with the replaced session never clears the new session’s cookie', async () => {
    const vault = await vaultWith();
    const client = await signedIn(vault);
    const previous = sessionCookie(vault, client);
    // The browser (its cookie jar: a client carrying the same cookie) signs in again while one of
    // its pages still has requests out with the old cookie (the header's /api/me,
    // /api/requests…); their answers may arrive after the new cookie.
    const browser = clientWithCookie(vault, previous);
    await signInWithLocalEid(browser, 'demo-maria-rossi');
    const current = sessionCookie(vault, browser);
    expect(current).not.toBe(previous);
    for (const path of ['/api/me', '/api/requests', '/api/documents']) {
      const late = await clientWithCookie(vault, previous).get(path);
      expect(late.status).toBe(401);
      // No Set-Cookie at all: a browser applying it after the sign-in would lose the new session.
      expect(late.setCookies, path).toEqual([]);
    }
    expect((await browser.get('/api/me')).status).toBe(200);
  });
});

describe('sign-out and expiry end sessions server-side', () => {
  it('sign-out deletes the row: the old cookie value in a fresh client is 401', async () => {
    const vault = await vaultWith();
    const client = await signedIn(vault);
    const value = sessionCookie(vault, client);
    expect(vault.countRows('sessions')).toBe(1);

    const out = await client.post('/api/auth/sign-out');
    expect(out.status).toBe(204);
    expect(out.setCookies.some((l) => /^cv_session=;.*Max-Age=0/.test(l))).toBe(true);
    expect(vault.countRows('sessions')).toBe(0);

    const replay = await clientWithCookie(vault, value).get('/api/me');
    expect(replay.status).toBe(401);
    expect(errorCode(replay)).toBe('ERR_UNAUTHENTICATED');
  });

  it('idle expiry: 31 minutes without a request → 401 and the row is deleted', async () => {
    const vault = await vaultWith();
    const client = await signedIn(vault);
    moveClock(minutes(29));
    expect((await client.get('/api/me')).status).toBe(200);

    moveClock(minutes(31));
    const res = await client.get('/api/me');
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('ERR_UNAUTHENTICATED');
    // The dead cookie is left alone: a late answer must never clear a newer session's cookie.
    expect(res.setCookies).toEqual([]);
    expect(vault.countRows('sessions')).toBe(0);
  });

  it('activity keeps a session alive: a request every 20 minutes for an hour', async () => {
    const vault = await vaultWith();
    const client = await signedIn(vault);
    const signInAt = clock.getTime();
    for (let i = 1; i <= 3; i += 1) {
      moveClock(minutes(20));
      const me = await client.get<MeResponse>('/api/me');
      expect(me.status).toBe(200);
      // lastSeenAt moved (it is written at most once a minute), so the idle deadline moved too.
      expect(Date.parse(me.body.resident.sessionExpiresAt)).toBe(clock.getTime() + minutes(30));
    }
    expect(clock.getTime() - signInAt).toBe(minutes(60));
    // Less than a minute after the last write, lastSeenAt is not rewritten.
    moveClock(30_000);
    const me = await client.get<MeResponse>('/api/me');
    expect(Date.parse(me.body.resident.sessionExpiresAt)).toBe(
      clock.getTime() - 30_000 + minutes(30),
    );
  });

  it('absolute expiry: 12 hours after sign-in → 401 despite activity every 20 minutes', async () => {
    const vault = await vaultWith();
    const client = await signedIn(vault);
    for (let i = 1; i < 36; i += 1) {
      moveClock(minutes(20));
      expect((await client.get('/api/me')).status, `after ${i * 20} minutes`).toBe(200);
    }
    moveClock(minutes(20));
    const res = await client.get('/api/me');
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('ERR_UNAUTHENTICATED');
    expect(vault.countRows('sessions')).toBe(0);
  });
});

describe('cookies', () => {
  /** An HttpClient that records every Set-Cookie line the vault sends, with the path that sent it. */
  class RecordingClient extends HttpClient {
    readonly lines: { path: string; line: string }[] = [];
    override async request<T = unknown>(
      method: string,
      url: string,
      options: { json?: unknown; body?: string; headers?: Record<string, string> } = {},
    ): Promise<TestResponse<T>> {
      const res = await super.request<T>(method, url, options);
      const target = new URL(url, this.origin);
      for (const line of res.setCookies) this.lines.push({ path: target.pathname, line });
      return res;
    }
  }

  it('every cookie the vault sets or clears is HttpOnly, SameSite=Lax, Path=/', async () => {
    const vault = await vaultWith();
    const client = new RecordingClient(vault.origin);
    await signInWithLocalEid(client);
    await client.get('/api/me');
    await client.post('/api/auth/sign-out');
    await client.post('/api/auth/eid/callback', { query: 'code=x&state=y' });
    const stale = new RecordingClient(vault.origin);
    stale.cookies.set(vault.config.cookieName, 'no-such-session-at-all');
    await stale.get('/api/me');

    // The local eID stand-in under /eid is the identity provider's, not the vault's.
    const ours = [...client.lines, ...stale.lines].filter((l) => !l.path.startsWith('/eid/'));
    const names = new Set(ours.map((l) => l.line.split('=')[0]));
    expect(names).toEqual(new Set(['cv_session', 'cv_eid_tx']));
    // The session cookie set, the tx cookie set, and both cleared at least once.
    expect(ours.some((l) => /^cv_session=[A-Za-z0-9_-]{43};/.test(l.line))).toBe(true);
    expect(ours.some((l) => /^cv_session=;/.test(l.line))).toBe(true);
    expect(ours.some((l) => /^cv_eid_tx=[A-Za-z0-9_-]+;/.test(l.line))).toBe(true);
    expect(ours.some((l) => /^cv_eid_tx=;/.test(l.line))).toBe(true);
    for (const { line } of ours) {
      const attributes = line
        .split(';')
        .slice(1)
        .map((a) => a.trim());
      expect(attributes, line).toContain('HttpOnly');
      expect(attributes, line).toContain('SameSite=Lax');
      expect(attributes, line).toContain('Path=/');
      expect(
        attributes.some((a) => /^Domain=/i.test(a)),
        line,
      ).toBe(false);
      // http://localhost: not Secure (a browser would drop it), and so no __Host- prefix.
      expect(attributes, line).not.toContain('Secure');
    }
  });

  it('with an https public origin: __Host- names and Secure', async () => {
    const publicOrigin = 'https://vault.example.test';
    const vault = await vaultWith({
      env: {
        VAULT_PUBLIC_ORIGIN: publicOrigin,
        VAULT_EID_MODE: 'external',
        // Never contacted: discovery is lazy, and these requests never reach the eID.
        VAULT_EID_ISSUER: 'https://eid.example.test',
        VAULT_EID_CLIENT_ID: 'citizen-vault',
        VAULT_EID_CLIENT_SECRET: 'not-a-real-secret',
        VAULT_SESSION_SECRET: 'x'.repeat(40),
      },
    });
    expect(vault.config.cookieName).toBe('__Host-cv_session');
    const client = new HttpClient(`http://127.0.0.1:${vault.config.port}`);
    const headers = { origin: publicOrigin };

    // The callback without a pending transaction clears the (absent) transaction cookie.
    const callback = await client.post(
      '/api/auth/eid/callback',
      { query: 'code=x&state=y' },
      headers,
    );
    expect(callback.status).toBe(400);
    expect(errorCode(callback)).toBe('ERR_EID_NO_TRANSACTION');
    // A stale session cookie is not cleared by an ordinary request (see the next describe), but
    // signing out clears it with the same attributes.
    const me = await client.get('/api/me', { cookie: '__Host-cv_session=stale-value' });
    expect(me.status).toBe(401);
    expect(me.setCookies).toEqual([]);
    const out = await client.post(
      '/api/auth/sign-out',
      {},
      { ...headers, cookie: '__Host-cv_session=stale-value' },
    );
    expect(out.status).toBe(204);

    const lines = [...callback.setCookies, ...out.setCookies];
    expect(lines.map((l) => l.split('=')[0])).toEqual(['__Host-cv_eid_tx', '__Host-cv_session']);
    for (const line of lines) {
      const attributes = line
        .split(';')
        .slice(1)
        .map((a) => a.trim());
      expect(attributes, line).toEqual(
        expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']),
      );
      expect(
        attributes.some((a) => /^Domain=/i.test(a)),
        line,
      ).toBe(false);
    }

    // The RP ID follows the public origin.
    const options = await client.post<{ optionsJSON: { rpId: string } }>(
      '/api/auth/passkey/options',
      {},
      headers,
    );
    expect(options.body.optionsJSON.rpId).toBe('vault.example.test');
    // The vault's own http:// origin is now cross-site.
    const csrf = await client.post(
      '/api/auth/sign-out',
      {},
      { origin: vault.config.publicOrigin.replace('https', 'http') },
    );
    expect(csrf.status).toBe(403);
  });
});

describe('the session list', () => {
  it('shows device and current flag; ends one other session, then all others', async () => {
    const vault = await vaultWith();
    const first = await signedIn(vault);
    const second = await signedIn(vault);
    const third = new HttpClient(vault.origin);
    third.userAgent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1';
    await signInWithLocalEid(third);
    // A session of another resident, which Maria must neither see nor end.
    const luca = await signedIn(vault, 'demo-luca-bianchi');
    expect(vault.countRows('sessions')).toBe(4);

    const list = await first.get<SessionListResponse>('/api/sessions');
    expect(list.status).toBe(200);
    expect(list.body.sessions).toHaveLength(3);
    expect(list.body.sessions.filter((s) => s.current)).toHaveLength(1);
    expect(list.body.sessions.map((s) => s.device).sort()).toEqual([
      'Chrome on Linux',
      'Chrome on Linux',
      'Safari on iOS',
    ]);
    for (const s of list.body.sessions) {
      expect(s.signedInWith).toBe('eid');
      // The public id is not the cookie value.
      expect([first, second, third].map((c) => sessionCookie(vault, c))).not.toContain(s.id);
    }

    // Find the second client's public id: it is the one that says current from its own view.
    const secondView = await second.get<SessionListResponse>('/api/sessions');
    const secondId = secondView.body.sessions.find((s) => s.current)?.id;
    expect(secondId).toBeDefined();
    const ended = await first.request('DELETE', `/api/sessions/${secondId}`);
    expect(ended.status).toBe(204);
    expect((await second.get('/api/me')).status).toBe(401);
    expect((await first.get('/api/me')).status).toBe(200);

    // Ending another resident's session is a 404, and it stays alive.
    const lucaView = await luca.get<SessionListResponse>('/api/sessions');
    const lucaId = lucaView.body.sessions[0]?.id ?? '';
    const foreign = await first.request('DELETE', `/api/sessions/${lucaId}`);
    expect(foreign.status).toBe(404);
    expect(errorCode(foreign)).toBe('ERR_SESSION_NOT_FOUND');
    expect((await luca.get('/api/me')).status).toBe(200);

    const others = await first.post<EndOtherSessionsResponse>('/api/sessions/end-others');
    expect(others.status).toBe(200);
    expect(others.body).toEqual({ ended: 1 });
    expect((await third.get('/api/me')).status).toBe(401);
    expect((await first.get('/api/me')).status).toBe(200);
    expect((await luca.get('/api/me')).status).toBe(200);
    const after = await first.get<SessionListResponse>('/api/sessions');
    expect(after.body.sessions).toHaveLength(1);
    expect(after.body.sessions[0]?.current).toBe(true);
  });
});

describe('cross-site requests', () => {
  it('a POST with a foreign Origin is 403 ERR_CSRF and changes nothing', async () => {
    const vault = await vaultWith();
    const client = await signedIn(vault);
    const res = await client.post('/api/auth/sign-out', {}, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe('ERR_CSRF');
    expect(res.setCookies).toEqual([]);
    expect(vault.countRows('sessions')).toBe(1);
    expect((await client.get('/api/me')).status).toBe(200);

    const endOthers = await client.post('/api/sessions/end-others', {}, { origin: 'null' });
    expect(endOthers.status).toBe(403);
  });

  it('a POST with no Origin and no Sec-Fetch-Site is 403; same-origin Sec-Fetch-Site passes', async () => {
    const vault = await vaultWith();
    const client = await signedIn(vault);
    const bare = await client.post('/api/auth/sign-out', {}, { origin: '' });
    expect(bare.status).toBe(403);
    expect(errorCode(bare)).toBe('ERR_CSRF');
    const crossSite = await client.post(
      '/api/auth/sign-out',
      {},
      { origin: '', 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
    expect(vault.countRows('sessions')).toBe(1);

    const sameOrigin = await client.post(
      '/api/auth/sign-out',
      {},
      { origin: '', 'sec-fetch-site': 'same-origin' },
    );
    expect(sameOrigin.status).toBe(204);
    expect(vault.countRows('sessions')).toBe(0);
  });
});

describe('request bodies', () => {
  /** An error body the client may see: a code and a message, nothing of the server's insides. */
  function expectNoInternals(res: TestResponse): void {
    expect(Object.keys(res.body as object)).toEqual(['error']);
    expect(Object.keys((res.body as ErrorBody).error).sort()).toEqual(['code', 'message']);
    expect(res.text).not.toMatch(/\bat /);
    expect(res.text).not.toMatch(/\.(ts|js):\d+/);
    expect(res.text).not.toMatch(/node_modules|\/work\/|file:\/\//);
    expect(res.text).not.toMatch(/SyntaxError|stack/i);
  }

  it('malformed JSON → 400 ERR_MALFORMED_JSON with no stack trace', async () => {
    const vault = await vaultWith();
    const client = new HttpClient(vault.origin);
    const res = await client.request('POST', '/api/auth/passkey/verify', {
      body: '{"response": {"id": "abc", ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('ERR_MALFORMED_JSON');
    expectNoInternals(res);
  });

  it('a 70 kB body → 413 ERR_PAYLOAD_TOO_LARGE with no stack trace', async () => {
    const vault = await vaultWith();
    expect(vault.config.bodyLimitBytes).toBe(65_536);
    const client = new HttpClient(vault.origin);
    const res = await client.post('/api/auth/passkey/verify', { response: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
    expect(errorCode(res)).toBe('ERR_PAYLOAD_TOO_LARGE');
    expectNoInternals(res);
  });

  it('a body that is not JSON → 415 ERR_UNSUPPORTED_MEDIA_TYPE', async () => {
    const vault = await vaultWith();
    const client = await signedIn(vault);
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data']) {
      const res = await client.request('POST', '/api/auth/sign-out', {
        body: 'a=b',
        headers: { 'content-type': type },
      });
      expect(res.status, type).toBe(415);
      expect(errorCode(res)).toBe('ERR_UNSUPPORTED_MEDIA_TYPE');
    }
    expect(vault.countRows('sessions')).toBe(1);
  });

  it('an unknown /api route → 404 JSON ERR_NOT_FOUND', async () => {
    const vault = await vaultWith();
    const client = new HttpClient(vault.origin);
    for (const [method, url] of [
      ['GET', '/api/no-such-thing'],
      ['POST', '/api/no-such-thing'],
      ['GET', '/api'],
    ] as const) {
      const res = await client.request(method, url, method === 'POST' ? { json: {} } : {});
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(errorCode(res)).toBe('ERR_NOT_FOUND');
    }
  });
});

describe('the sign-in rate limit', () => {
  it('answers the 4th POST /api/auth/passkey/options with 429 and a numeric Retry-After', async () => {
    const vault = await vaultWith({ env: { VAULT_RATE_LIMIT_SIGN_IN: '3' } });
    const client = new HttpClient(vault.origin);
    for (let i = 0; i < 3; i += 1) {
      expect((await client.post('/api/auth/passkey/options')).status).toBe(200);
    }
    const limited = await client.post('/api/auth/passkey/options');
    expect(limited.status).toBe(429);
    expect(errorCode(limited)).toBe('ERR_RATE_LIMITED');
    const retryAfter = limited.headers.get('retry-after') ?? '';
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    // The other sign-in endpoints share the budget.
    expect((await client.post('/api/auth/passkey/verify', { response: {} })).status).toBe(429);
    expect((await client.post('/api/auth/eid/callback', { query: '' })).status).toBe(429);
  });

  it('limits GET /auth/eid/start too', async () => {
    const vault = await vaultWith({ env: { VAULT_RATE_LIMIT_SIGN_IN: '3' } });
    const client = new HttpClient(vault.origin);
    for (let i = 0; i < 3; i += 1) {
      expect((await client.get('/auth/eid/start', { accept: 'text/html' })).status).toBe(303);
    }
    const limited = await client.get('/auth/eid/start', { accept: 'text/html' });
    expect(limited.status).toBe(429);
    expect(errorCode(limited)).toBe('ERR_RATE_LIMITED');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('security headers and probes', () => {
  it('sends a strict CSP, nosniff, Referrer-Policy and COOP on / and /api/me; no HSTS in development', async () => {
    const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-web-'));
    fs.writeFileSync(
      path.join(webRoot, 'index.html'),
      '<!doctype html><title>Citizen Vault</title>',
    );
    try {
      const vault = await vaultWith({ webRoot });
      const client = new HttpClient(vault.origin);
      const page = await client.get('/', { accept: 'text/html' });
      expect(page.status).toBe(200);
      expect(page.text).toContain('Citizen Vault');
      const api = await client.get('/api/me');
      expect(api.status).toBe(401);

      for (const res of [page, api]) {
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).toContain("base-uri 'none'");
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).not.toContain("'unsafe-eval'");
        // Frames only for blob: PDF previews; the script policy allows nothing beyond wasm.
        expect(csp).toMatch(/frame-src blob:(;|$)/);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
        expect(res.headers.get('strict-transport-security')).toBeNull();
        expect(res.headers.get('x-powered-by')).toBeNull();
      }
      expect(api.headers.get('cache-control')).toBe('no-store');
    } finally {
      fs.rmSync(webRoot, { recursive: true, force: true });
    }
  });

  it('GET /healthz → 200, GET /readyz → 200 { status: "ready" }', async () => {
    const vault = await vaultWith();
    const client = new HttpClient(vault.origin);
    const health = await client.get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const ready = await client.get<{ status: string }>('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
  });

  it('never writes the session cookie value to the log', async () => {
    const vault = await vaultWith();
    const client = await signedIn(vault);
    const value = sessionCookie(vault, client);
    await client.get('/api/me');
    await client.get('/api/sessions');
    await client.post('/api/auth/sign-out', {}, { origin: 'https://evil.example' });
    await client.post('/api/auth/sign-out');
    await clientWithCookie(vault, value).get('/api/me');
    expect(vault.logText().length).toBeGreaterThan(0);
    expect(vault.logText()).not.toContain(value);
  });
});
