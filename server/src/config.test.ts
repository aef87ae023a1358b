import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_SESSION_SECRET, loadConfig, redactDatabaseUrl } from './config.js';
import { securityHeaders } from './http/security-headers.js';

/** A complete, valid production environment: each refusal test breaks exactly one thing in it. */
const PRODUCTION: Readonly<Record<string, string>> = {
  VAULT_MODE: 'production',
  VAULT_PUBLIC_ORIGIN: 'https://vault.example.city',
  VAULT_EID_MODE: 'external',
  VAULT_EID_ISSUER: 'https://eid.example.city/realms/residents',
  VAULT_EID_CLIENT_ID: 'citizen-vault',
  VAULT_EID_CLIENT_SECRET: 'a-client-secret-from-the-eid-provider',
  VAULT_SESSION_SECRET: 'k'.repeat(48),
};

/** The problems loadConfig refused `env` for; fails the test if it did not refuse. */
function refusal(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.message).toMatch(/^Refusing to start:/);
    for (const problem of configError.problems) expect(configError.message).toContain(problem);
    return configError.problems;
  }
  throw new Error('loadConfig accepted an environment it must refuse');
}

describe('loadConfig in development', () => {
  it('starts with no settings at all, on http://localhost, and warns about the unsafe defaults', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('development');
    expect(config.publicOrigin).toBe('http://localhost:8080');
    expect(config.host).toBe('127.0.0.1');
    expect(config.cookieName).toBe('cv_session');
    expect(config.cookieSecure).toBe(false);
    expect(config.sessionSecret).toBe(DEV_SESSION_SECRET);
    expect(config.sessionIdleMs).toBe(30 * 60_000);
    expect(config.sessionAbsoluteMs).toBe(12 * 3_600_000);
    expect(config.bodyLimitBytes).toBe(65_536);
    expect(config.rpId).toBe('localhost');
    expect(config.eid).toMatchObject({
      mode: 'local',
      issuer: 'http://localhost:8080/eid',
      allowInsecureRequests: true,
    });
    expect(config.warnings).toEqual(
      expect.arrayContaining([
        'VAULT_SESSION_SECRET is the public development default.',
        'The local eID stand-in is on: anyone can sign in as a demo resident.',
      ]),
    );
  });

  it('reads its own environment, not process.env, when one is given', () => {
    const config = loadConfig({ VAULT_PORT: '9090', VAULT_SESSION_IDLE_MINUTES: '5' });
    expect(config.publicOrigin).toBe('http://localhost:9090');
    expect(config.sessionIdleMs).toBe(5 * 60_000);
  });

  it('limits documents: 5 GiB quota, 1 GiB per document, uploads expire after 60 idle minutes', () => {
    const defaults = loadConfig({});
    expect(defaults.quotaBytes).toBe(5 * 1024 ** 3);
    expect(defaults.maxDocumentBytes).toBe(1024 ** 3);
    expect(defaults.uploadTtlMs).toBe(60 * 60_000);
    const set = loadConfig({
      VAULT_QUOTA_BYTES: '10000000000',
      VAULT_MAX_DOCUMENT_BYTES: '2000000',
      VAULT_UPLOAD_TTL_MINUTES: '5',
    });
    expect(set).toMatchObject({
      quotaBytes: 10_000_000_000,
      maxDocumentBytes: 2_000_000,
      uploadTtlMs: 5 * 60_000,
    });
    expect(refusal({ VAULT_QUOTA_BYTES: '0' }).join('\n')).toMatch(/VAULT_QUOTA_BYTES/);
    expect(refusal({ VAULT_MAX_DOCUMENT_BYTES: '1.5' }).join('\n')).toMatch(
      /VAULT_MAX_DOCUMENT_BYTES/,
    );
  });

  it('issues city-service tokens for 300 s, at most an hour, and limits the token endpoint', () => {
    const defaults = loadConfig({});
    expect(defaults.serviceTokenTtlSeconds).toBe(300);
    expect(defaults.rateLimitServiceToken).toBe(120);
    expect(
      loadConfig({ VAULT_SERVICE_TOKEN_TTL_S: '60', VAULT_RATE_LIMIT_SERVICE_TOKEN: '5' }),
    ).toMatchObject({ serviceTokenTtlSeconds: 60, rateLimitServiceToken: 5 });
    expect(refusal({ VAULT_SERVICE_TOKEN_TTL_S: '3601' }).join('\n')).toMatch(
      /VAULT_SERVICE_TOKEN_TTL_S/,
    );
    expect(refusal({ VAULT_SERVICE_TOKEN_TTL_S: '0' }).join('\n')).toMatch(
      /VAULT_SERVICE_TOKEN_TTL_S/,
    );
  });

  it('limits how many requests for documents one city service files per window', () => {
    expect(loadConfig({}).rateLimitServiceRequests).toBe(120);
    expect(loadConfig({ VAULT_RATE_LIMIT_SERVICE_REQUESTS: '7' }).rateLimitServiceRequests).toBe(7);
    expect(refusal({ VAULT_RATE_LIMIT_SERVICE_REQUESTS: '0' }).join('\n')).toMatch(
      /VAULT_RATE_LIMIT_SERVICE_REQUESTS/,
    );
  });

  it('limits each city service to 6,000 service-API calls a minute, unless configured', () => {
    expect(loadConfig({}).serviceQuota).toEqual({ limit: 6000, windowMs: 60_000 });
    expect(
      loadConfig({ VAULT_SERVICE_QUOTA: '50', VAULT_SERVICE_QUOTA_WINDOW_SECONDS: '10' })
        .serviceQuota,
    ).toEqual({ limit: 50, windowMs: 10_000 });
    expect(refusal({ VAULT_SERVICE_QUOTA: '0' })[0]).toMatch(/^VAULT_SERVICE_QUOTA:/);
  });

  it('gives the HTTP server explicit timeouts and a connection cap (slow clients, issue 6)', () => {
    expect(loadConfig({}).http).toEqual({
      headersTimeoutMs: 20_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: 1000,
    });
    expect(
      loadConfig({
        VAULT_HEADERS_TIMEOUT_MS: '500',
        VAULT_REQUEST_TIMEOUT_MS: '1000',
        VAULT_KEEP_ALIVE_TIMEOUT_MS: '300',
        VAULT_MAX_CONNECTIONS: '10',
      }).http,
    ).toEqual({
      headersTimeoutMs: 500,
      requestTimeoutMs: 1000,
      keepAliveTimeoutMs: 300,
      maxConnections: 10,
    });
    // The headers are part of the request: their deadline cannot be the later one.
    expect(refusal({ VAULT_HEADERS_TIMEOUT_MS: '5000', VAULT_REQUEST_TIMEOUT_MS: '1000' })).toEqual(
      ['VAULT_HEADERS_TIMEOUT_MS must not be longer than VAULT_REQUEST_TIMEOUT_MS.'],
    );
  });

  it('countersigns receipts with receipt-signer.key in the data dir; caps consents and event streams', () => {
    const defaults = loadConfig({ VAULT_DATA_DIR: '/srv/vault' });
    expect(defaults.consent).toEqual({
      receiptSignerKeyFile: '/srv/vault/receipt-signer.key',
      maxDays: 365,
      maxEventStreams: 5,
      eventsHeartbeatMs: 25_000,
    });
    expect(defaults.consent.receiptSignerKeyFile).not.toBe(defaults.accessLog.signerKeyFile);
    expect(
      loadConfig({
        VAULT_RECEIPT_SIGNER_KEY_FILE: '/keys/receipt.key',
        VAULT_CONSENT_MAX_DAYS: '30',
        VAULT_EVENTS_MAX_STREAMS: '2',
        VAULT_EVENTS_HEARTBEAT_MS: '50',
      }).consent,
    ).toEqual({
      receiptSignerKeyFile: '/keys/receipt.key',
      maxDays: 30,
      maxEventStreams: 2,
      eventsHeartbeatMs: 50,
    });
    expect(refusal({ VAULT_CONSENT_MAX_DAYS: '0' }).join('\n')).toMatch(/VAULT_CONSENT_MAX_DAYS/);
    expect(refusal({ VAULT_EVENTS_MAX_STREAMS: '0' }).join('\n')).toMatch(
      /VAULT_EVENTS_MAX_STREAMS/,
    );
    expect(refusal({ VAULT_EVENTS_HEARTBEAT_MS: '5' }).join('\n')).toMatch(
      /VAULT_EVENTS_HEARTBEAT_MS/,
    );
  });

  it('seeds the demo only when asked and only with the local eID stand-in', () => {
    expect(loadConfig({}).demo).toBe(false);
    expect(loadConfig({ VAULT_DEMO: 'true' }).demo).toBe(true);
    const external = loadConfig({
      VAULT_DEMO: 'true',
      VAULT_EID_MODE: 'external',
      VAULT_EID_ISSUER: 'https://eid.example.city',
      VAULT_EID_CLIENT_ID: 'citizen-vault',
      VAULT_EID_CLIENT_SECRET: 'the-client-secret',
    });
    expect(external.demo).toBe(false);
    expect(external.warnings.join('\n')).toMatch(/VAULT_DEMO is ignored/);
  });

  it('refuses a value that does not parse, naming the variable', () => {
    expect(refusal({ VAULT_PORT: 'eighty' }).join('\n')).toMatch(/VAULT_PORT/);
    expect(refusal({ VAULT_COOKIE_SECURE: 'maybe' }).join('\n')).toMatch(/VAULT_COOKIE_SECURE/);
  });

  it('refuses a short session secret in development too', () => {
    expect(refusal({ VAULT_SESSION_SECRET: 'short' })).toContain(
      'VAULT_SESSION_SECRET must be at least 32 characters.',
    );
  });
});

describe('loadConfig in production refuses unsafe settings', () => {
  it('accepts a fully valid production configuration', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.mode).toBe('production');
    expect(config.publicOrigin).toBe('https://vault.example.city');
    expect(config.cookieName).toBe('__Host-cv_session');
    expect(config.cookieSecure).toBe(true);
    expect(config.host).toBe('0.0.0.0');
    expect(config.rpId).toBe('vault.example.city');
    expect(config.eid).toMatchObject({
      mode: 'external',
      issuer: 'https://eid.example.city/realms/residents',
      clientId: 'citizen-vault',
      allowInsecureRequests: false,
    });
    expect(config.warnings).toEqual([]);
  });

  it('refuses the local eID provider (VAULT_EID_MODE=local)', () => {
    expect(refusal({ ...PRODUCTION, VAULT_EID_MODE: 'local' })).toEqual([
      'VAULT_EID_MODE=local mounts a stand-in eID with demo residents: set an external issuer.',
    ]);
  });

  it('refuses insecure cookies (VAULT_COOKIE_SECURE=false)', () => {
    expect(refusal({ ...PRODUCTION, VAULT_COOKIE_SECURE: 'false' })).toEqual([
      'Cookies must be Secure in production (VAULT_COOKIE_SECURE must not be false).',
    ]);
  });

  it('refuses an http:// public origin', () => {
    expect(refusal({ ...PRODUCTION, VAULT_PUBLIC_ORIGIN: 'http://vault.example.city' })).toContain(
      'VAULT_PUBLIC_ORIGIN must be an https:// origin in production.',
    );
  });

  it('refuses a missing public origin (it would default to http://localhost)', () => {
    const { VAULT_PUBLIC_ORIGIN: _omitted, ...env } = PRODUCTION;
    expect(refusal(env)).toContain('VAULT_PUBLIC_ORIGIN must be an https:// origin in production.');
  });

  it('refuses an http:// eID issuer', () => {
    expect(
      refusal({ ...PRODUCTION, VAULT_EID_ISSUER: 'http://eid.example.city/realms/x' }),
    ).toEqual(['VAULT_EID_ISSUER must be https:// in production.']);
  });

  it('refuses the default session secret, whether given or left unset', () => {
    const problem = 'VAULT_SESSION_SECRET is the public development default.';
    expect(refusal({ ...PRODUCTION, VAULT_SESSION_SECRET: DEV_SESSION_SECRET })).toEqual([problem]);
    const { VAULT_SESSION_SECRET: _omitted, ...env } = PRODUCTION;
    expect(refusal(env)).toEqual([problem]);
  });

  it('refuses a short session secret', () => {
    expect(refusal({ ...PRODUCTION, VAULT_SESSION_SECRET: 'k'.repeat(31) })).toEqual([
      'VAULT_SESSION_SECRET must be at least 32 characters.',
    ]);
  });

  it('refuses VAULT_EID_ALLOW_INSECURE_HTTP=true', () => {
    expect(refusal({ ...PRODUCTION, VAULT_EID_ALLOW_INSECURE_HTTP: 'true' })).toEqual([
      'VAULT_EID_ALLOW_INSECURE_HTTP is for development and tests only.',
    ]);
  });

  it('refuses an external eID without an issuer, a client id, or client credentials', () => {
    const {
      VAULT_EID_ISSUER: _issuer,
      VAULT_EID_CLIENT_ID: _id,
      VAULT_EID_CLIENT_SECRET: _secret,
      ...env
    } = PRODUCTION;
    expect(refusal(env)).toEqual([
      'VAULT_EID_ISSUER is required with an external eID.',
      'VAULT_EID_CLIENT_ID is required with an external eID.',
      'Set VAULT_EID_CLIENT_SECRET or VAULT_EID_PRIVATE_KEY_FILE for the eID client.',
    ]);
  });

  it('lists every problem at once, not just the first', () => {
    const problems = refusal({ VAULT_MODE: 'production' });
    expect(problems).toEqual(
      expect.arrayContaining([
        'VAULT_PUBLIC_ORIGIN must be an https:// origin in production.',
        'Cookies must be Secure in production (VAULT_COOKIE_SECURE must not be false).',
        'VAULT_SESSION_SECRET is the public development default.',
        'VAULT_EID_MODE=local mounts a stand-in eID with demo residents: set an external issuer.',
      ]),
    );
  });
});

describe('HSTS follows the mode (security-headers.ts)', () => {
  /** The headers a tiny Express app with only the security headers answers GET / with. */
  async function headersFor(production: boolean): Promise<Headers> {
    const app = express();
    app.use(securityHeaders({ production }));
    app.get('/', (_req, res) => {
      res.send('ok');
    });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`);
      await res.text();
      return res.headers;
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  it('sends Strict-Transport-Security in production', async () => {
    const headers = await headersFor(true);
    expect(headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    expect(headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('does not send it in development (a browser would pin http://localhost to https)', async () => {
    const headers = await headersFor(false);
    expect(headers.get('strict-transport-security')).toBeNull();
    expect(headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    // The rest of the strict defaults hold in both modes.
    expect(headers.get('content-security-policy')).toContain(
      "script-src 'self' 'wasm-unsafe-eval'",
    );
    expect(headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('empty variables', () => {
  it('treat `VAR=` as unset, so an empty secret in production is the refused default', () => {
    const problems = refusal({ ...PRODUCTION, VAULT_SESSION_SECRET: '', VAULT_HOST: '' });
    expect(problems).toEqual(['VAULT_SESSION_SECRET is the public development default.']);
  });
});

describe('the database (issue 7)', () => {
  it('is SQLite in the data dir when VAULT_DATABASE_URL is unset, as for npm start', () => {
    const config = loadConfig({ VAULT_DATA_DIR: '/var/lib/vault' });
    expect(config.postgres).toBeNull();
    expect(config.databaseFile).toBe('/var/lib/vault/vault.sqlite');
    expect(loadConfig({ ...PRODUCTION }).postgres).toBeNull();
  });

  it('is PostgreSQL with a pool of 10 when VAULT_DATABASE_URL is a postgres:// or postgresql:// URL', () => {
    for (const url of [
      'postgres://vault:pw@db.example.city:5432/vault',
      'postgresql://vault@db.example.city/vault?sslmode=verify-full',
      'postgres:///vault?host=/var/run/postgresql',
    ]) {
      expect(loadConfig({ ...PRODUCTION, VAULT_DATABASE_URL: url }).postgres).toEqual({
        connectionString: url,
        poolSize: 10,
      });
    }
    const sized = loadConfig({
      VAULT_DATABASE_URL: 'postgres://vault@db/vault',
      VAULT_DATABASE_POOL_SIZE: '25',
    });
    expect(sized.postgres?.poolSize).toBe(25);
  });

  it('refuses another scheme or no URL at all, without repeating the value (it may hold a password)', () => {
    for (const url of [
      'mysql://vault:S3cret-pw@db/vault',
      'db.example.city:5432',
      'sqlite:vault',
    ]) {
      const problems = refusal({ VAULT_DATABASE_URL: url });
      expect(problems).toEqual([
        'VAULT_DATABASE_URL must be a postgres:// or postgresql:// URL (unset it for SQLite).',
      ]);
    }
    try {
      loadConfig({ VAULT_DATABASE_URL: 'mysql://vault:S3cret-pw@db/vault' });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('S3cret-pw');
    }
  });

  it('refuses a pool size that is not a whole number from 1 to 1000', () => {
    for (const size of ['0', '-1', '2.5', 'ten', '1001']) {
      const problems = refusal({
        VAULT_DATABASE_URL: 'postgres://vault@db/vault',
        VAULT_DATABASE_POOL_SIZE: size,
      });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^VAULT_DATABASE_POOL_SIZE: /);
    }
  });

  it('warns that a pool size without a URL does nothing', () => {
    expect(loadConfig({ VAULT_DATABASE_POOL_SIZE: '5' }).warnings).toContain(
      'VAULT_DATABASE_POOL_SIZE is ignored: it sizes the pool of VAULT_DATABASE_URL.',
    );
  });
});

describe('redactDatabaseUrl', () => {
  it('hides the password, in the user part or as a query parameter, and keeps the rest', () => {
    expect(redactDatabaseUrl('postgres://vault:S3cret@db.example.city:5432/vault')).toBe(
      'postgres://vault:***@db.example.city:5432/vault',
    );
    const query = redactDatabaseUrl('postgresql://vault@db/vault?password=S3cret&sslmode=require');
    expect(query).not.toContain('S3cret');
    expect(query).toContain('sslmode=require');
    expect(redactDatabaseUrl('postgres://vault@db/vault')).toBe('postgres://vault@db/vault');
  });

  it('shows nothing of a value that does not parse', () => {
    expect(redactDatabaseUrl('vault:S3cret@db')).toBe('***');
  });
});
