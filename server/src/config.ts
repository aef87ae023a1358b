import path from 'node:path';
import { z } from 'zod';

/**
 * The development session secret. Public on purpose: it lets `npm start` work with no setup,
 * and production mode refuses it (see {@link loadConfig}).
 */
export const DEV_SESSION_SECRET = 'dev-only-insecure-session-secret-change-me-0000';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = z.coerce.number().int().positive();

const GIB = 1024 ** 3;

const envSchema = z.object({
  VAULT_MODE: z.enum(['development', 'production']).default('development'),
  VAULT_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  VAULT_HOST: z.string().min(1).optional(),
  VAULT_PUBLIC_ORIGIN: z.url().optional(),
  VAULT_DATA_DIR: z.string().min(1).default('./data'),
  // Checked by hand below: a parse error must not echo the URL, which may carry a password.
  VAULT_DATABASE_URL: z.string().optional(),
  VAULT_DATABASE_POOL_SIZE: positiveInt.max(1000).default(10),
  VAULT_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  VAULT_SESSION_SECRET: z.string().default(DEV_SESSION_SECRET),
  VAULT_SESSION_IDLE_MINUTES: positiveInt.default(30),
  VAULT_SESSION_ABSOLUTE_HOURS: positiveInt.default(12),
  VAULT_IDLE_LOCK_MINUTES: positiveInt.max(24 * 60).default(15),
  VAULT_COOKIE_SECURE: z.union([z.literal('auto'), bool]).default('auto'),
  VAULT_EID_MODE: z.enum(['local', 'external']).default('local'),
  VAULT_EID_ISSUER: z.url().optional(),
  VAULT_EID_CLIENT_ID: z.string().min(1).optional(),
  VAULT_EID_CLIENT_SECRET: z.string().min(1).optional(),
  VAULT_EID_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  VAULT_EID_SCOPES: z.string().min(1).default('openid profile'),
  VAULT_EID_NATIONAL_ID_CLAIM: z.string().min(1).default('fiscal_number'),
  VAULT_EID_NAME: z.string().min(1).default('City eID'),
  VAULT_EID_ACR_VALUES: z.string().min(1).optional(),
  VAULT_EID_ALLOW_INSECURE_HTTP: bool.default(false),
  VAULT_DEMO: bool.default(false),
  VAULT_RP_NAME: z.string().min(1).default('Citizen Vault'),
  VAULT_RP_ID: z.string().min(1).optional(),
  VAULT_RATE_LIMIT_SIGN_IN: positiveInt.default(20),
  VAULT_RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(60),
  VAULT_RATE_LIMIT_SERVICE_TOKEN: positiveInt.default(120),
  VAULT_RATE_LIMIT_SERVICE_REQUESTS: positiveInt.default(120),
  VAULT_SERVICE_QUOTA: positiveInt.default(6000),
  VAULT_SERVICE_QUOTA_WINDOW_SECONDS: positiveInt.max(86_400).default(60),
  VAULT_HEADERS_TIMEOUT_MS: positiveInt.max(600_000).default(20_000),
  VAULT_REQUEST_TIMEOUT_MS: positiveInt.max(3_600_000).default(60_000),
  VAULT_KEEP_ALIVE_TIMEOUT_MS: positiveInt.max(600_000).default(5_000),
  VAULT_MAX_CONNECTIONS: positiveInt.default(1000),
  VAULT_SERVICE_TOKEN_TTL_S: positiveInt.max(3600).default(300),
  VAULT_BODY_LIMIT_BYTES: positiveInt.default(65536),
  VAULT_QUOTA_BYTES: positiveInt.default(5 * GIB),
  VAULT_MAX_DOCUMENT_BYTES: positiveInt.default(GIB),
  VAULT_UPLOAD_TTL_MINUTES: positiveInt.default(60),
  VAULT_LOG_ORIGIN: z
    .string()
    .regex(/^[\x21-\x7e]+$/, 'one line of printable ASCII without spaces')
    .optional(),
  VAULT_LOG_SIGNER_KEY_FILE: z.string().min(1).optional(),
  VAULT_LOG_CHECKPOINT_MS: positiveInt.max(60_000).default(1000),
  VAULT_RECEIPT_SIGNER_KEY_FILE: z.string().min(1).optional(),
  VAULT_CONSENT_MAX_DAYS: positiveInt.max(3650).default(365),
  VAULT_EVENTS_MAX_STREAMS: positiveInt.max(100).default(5),
  VAULT_EVENTS_HEARTBEAT_MS: positiveInt.min(10).max(300_000).default(25_000),
  VAULT_TRUST_PROXY: z
    .union([z.literal('false'), z.coerce.number().int().min(0).max(10)])
    .default('false'),
});

/** Which eID provider the vault signs residents in with. */
export type EidConfig =
  | { mode: 'local'; issuer: string; clientId: string; clientSecret: string }
  | {
      mode: 'external';
      issuer: string;
      clientId: string;
      clientSecret: string | undefined;
      privateKeyFile: string | undefined;
    };

/** The vault's one validated configuration. */
export interface Config {
  mode: 'development' | 'production';
  port: number;
  host: string;
  publicOrigin: string;
  dataDir: string;
  /** SQLite's database file: the vault's storage unless {@link Config.postgres} is set. */
  databaseFile: string;
  /**
   * PostgreSQL (issue 7, DESIGN §8), when VAULT_DATABASE_URL is set: several stateless vault nodes
   * share it. Null: SQLite in `databaseFile`, one node (the default). The connection string may
   * carry a password: log {@link redactDatabaseUrl} of it, never the string itself.
   */
  postgres: { connectionString: string; poolSize: number } | null;
  logLevel: string;
  sessionSecret: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** Minutes of inactivity after which the web app locks the vault in the browser. */
  idleLockMinutes: number;
  /**
   * `npm start`'s walkthrough (VAULT_DEMO=true, local eID only): a demo city service and a demo
   * request for a demo resident (server/src/demo/).
   */
  demo: boolean;
  cookieSecure: boolean;
  cookieName: string;
  eid: EidConfig & {
    scopes: string;
    nationalIdClaim: string;
    name: string;
    /** `acr_values` to request (space-separated levels of assurance), if any. */
    acrValues: string | undefined;
    /** Development and tests only: lets openid-client talk to an http:// issuer. */
    allowInsecureRequests: boolean;
  };
  rpName: string;
  rpId: string;
  rateLimitSignIn: number;
  rateLimitWindowMs: number;
  /** Requests to the city services' token endpoint allowed per window and client address. */
  rateLimitServiceToken: number;
  /** Requests for documents one city service may file per window (issue 5). */
  rateLimitServiceRequests: number;
  /** Lifetime of a city service's access token, in seconds (RFC 6749 `expires_in`). */
  serviceTokenTtlSeconds: number;
  /**
   * Each city service's quota on the service API (issue 6): `limit` authenticated requests per
   * `windowMs`, whatever the route; one more is 429 `ERR_SERVICE_QUOTA_EXCEEDED`.
   */
  serviceQuota: { limit: number; windowMs: number };
  /** The Node HTTP server's limits against slow and greedy clients (issue 6). */
  http: HttpLimits;
  bodyLimitBytes: number;
  /** Ciphertext bytes a resident may store: complete versions plus pending uploads' declared size. */
  quotaBytes: number;
  /** Largest ciphertext of one document version. */
  maxDocumentBytes: number;
  /** An upload that makes no progress for this long is deleted. */
  uploadTtlMs: number;
  accessLog: {
    /** The log's origin line (C2SP tlog-checkpoint) and its key's name, e.g. `vault.example.city/log`. */
    origin: string;
    /** The log's Ed25519 signer key (C2SP note key), created on first start if missing. */
    signerKeyFile: string;
    /** New entries are covered by a signed checkpoint at most this long after they commit. */
    checkpointIntervalMs: number;
  };
  consent: {
    /** The vault's Ed25519 key that countersigns consent receipts (PKCS#8 PEM), created if missing. */
    receiptSignerKeyFile: string;
    /** The longest a consent may run, in days from its approval. */
    maxDays: number;
    /** Live-event streams (`GET /api/events`) one resident may hold open at once. */
    maxEventStreams: number;
    /** A comment line is sent this often on an idle event stream, and the session re-checked. */
    eventsHeartbeatMs: number;
  };
  trustProxy: number | false;
  /** Warnings about insecure development defaults, printed loudly at boot. */
  warnings: string[];
}

/** Limits of the vault's HTTP server (node:http), applied by `createHttpServer`. */
export interface HttpLimits {
  /** A client must send its complete request headers within this time (Node `headersTimeout`). */
  headersTimeoutMs: number;
  /** A client must send its complete request, headers and body, within this time (`requestTimeout`). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this time (`keepAliveTimeout`). */
  keepAliveTimeoutMs: number;
  /** Open connections at once; further ones are closed at once (`maxConnections`). */
  maxConnections: number;
}

/** Raised when the environment cannot make a safe configuration. `problems` says why, each. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Refusing to start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** The local eID stand-in's client credentials: they never leave the process. */
const LOCAL_EID_CLIENT = { clientId: 'citizen-vault-local', clientSecret: 'local-eid-secret' };

/**
 * Reads and validates the configuration from environment variables (documented in
 * docs/configuration.md). Development mode fills in safe-for-a-laptop defaults and warns; production
 * mode refuses every setting that would be unsafe on the internet.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // `VAR=` (empty) means "not set", as operators and compose files use it.
  const given = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const production = e.VAULT_MODE === 'production';
  const problems: string[] = [];
  const warnings: string[] = [];

  const port = e.VAULT_PORT;
  const publicOrigin = new URL(e.VAULT_PUBLIC_ORIGIN ?? `http://localhost:${port}`).origin;
  const publicUrl = new URL(publicOrigin);
  const isHttps = publicUrl.protocol === 'https:';
  const cookieSecure = e.VAULT_COOKIE_SECURE === 'auto' ? isHttps : e.VAULT_COOKIE_SECURE;

  if (production && !isHttps) {
    problems.push('VAULT_PUBLIC_ORIGIN must be an https:// origin in production.');
  }
  if (!cookieSecure) {
    if (production) {
      problems.push(
        'Cookies must be Secure in production (VAULT_COOKIE_SECURE must not be false).',
      );
    } else if (publicUrl.hostname !== 'localhost') {
      warnings.push('Cookies are not Secure: only acceptable on http://localhost.');
    }
  }
  if (cookieSecure && !isHttps && publicUrl.hostname !== 'localhost') {
    problems.push('Secure cookies need an https:// public origin.');
  }

  if (e.VAULT_SESSION_SECRET === DEV_SESSION_SECRET) {
    if (production) problems.push('VAULT_SESSION_SECRET is the public development default.');
    else warnings.push('VAULT_SESSION_SECRET is the public development default.');
  } else if (e.VAULT_SESSION_SECRET.length < 32) {
    problems.push('VAULT_SESSION_SECRET must be at least 32 characters.');
  }

  if (e.VAULT_EID_ALLOW_INSECURE_HTTP && production) {
    problems.push('VAULT_EID_ALLOW_INSECURE_HTTP is for development and tests only.');
  }

  let eid: EidConfig;
  if (e.VAULT_EID_MODE === 'local') {
    if (production) {
      problems.push(
        'VAULT_EID_MODE=local mounts a stand-in eID with demo residents: set an external issuer.',
      );
    } else {
      warnings.push('The local eID stand-in is on: anyone can sign in as a demo resident.');
    }
    eid = { mode: 'local', issuer: `${publicOrigin}/eid`, ...LOCAL_EID_CLIENT };
  } else {
    if (e.VAULT_DEMO) {
      warnings.push('VAULT_DEMO is ignored: the demo is for the local eID stand-in only.');
    }
    if (!e.VAULT_EID_ISSUER) problems.push('VAULT_EID_ISSUER is required with an external eID.');
    if (!e.VAULT_EID_CLIENT_ID)
      problems.push('VAULT_EID_CLIENT_ID is required with an external eID.');
    if (!e.VAULT_EID_CLIENT_SECRET && !e.VAULT_EID_PRIVATE_KEY_FILE) {
      problems.push(
        'Set VAULT_EID_CLIENT_SECRET or VAULT_EID_PRIVATE_KEY_FILE for the eID client.',
      );
    }
    if (e.VAULT_EID_ISSUER && new URL(e.VAULT_EID_ISSUER).protocol !== 'https:') {
      if (production) problems.push('VAULT_EID_ISSUER must be https:// in production.');
      else if (!e.VAULT_EID_ALLOW_INSECURE_HTTP) {
        problems.push(
          'An http:// eID issuer needs VAULT_EID_ALLOW_INSECURE_HTTP=true (development only).',
        );
      }
    }
    eid = {
      mode: 'external',
      issuer: e.VAULT_EID_ISSUER ?? '',
      clientId: e.VAULT_EID_CLIENT_ID ?? '',
      clientSecret: e.VAULT_EID_CLIENT_SECRET,
      privateKeyFile: e.VAULT_EID_PRIVATE_KEY_FILE,
    };
  }

  if (e.VAULT_HEADERS_TIMEOUT_MS > e.VAULT_REQUEST_TIMEOUT_MS) {
    // Node refuses it too: the headers are part of the request.
    problems.push('VAULT_HEADERS_TIMEOUT_MS must not be longer than VAULT_REQUEST_TIMEOUT_MS.');
  }

  let postgres: Config['postgres'] = null;
  if (e.VAULT_DATABASE_URL !== undefined) {
    if (isPostgresUrl(e.VAULT_DATABASE_URL)) {
      postgres = { connectionString: e.VAULT_DATABASE_URL, poolSize: e.VAULT_DATABASE_POOL_SIZE };
    } else {
      problems.push(
        'VAULT_DATABASE_URL must be a postgres:// or postgresql:// URL (unset it for SQLite).',
      );
    }
  } else if (given['VAULT_DATABASE_POOL_SIZE'] !== undefined) {
    warnings.push('VAULT_DATABASE_POOL_SIZE is ignored: it sizes the pool of VAULT_DATABASE_URL.');
  }

  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(e.VAULT_DATA_DIR);
  return {
    mode: e.VAULT_MODE,
    port,
    host: e.VAULT_HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    publicOrigin,
    dataDir,
    databaseFile: path.join(dataDir, 'vault.sqlite'),
    postgres,
    logLevel: e.VAULT_LOG_LEVEL,
    sessionSecret: e.VAULT_SESSION_SECRET,
    sessionIdleMs: e.VAULT_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.VAULT_SESSION_ABSOLUTE_HOURS * 3_600_000,
    idleLockMinutes: e.VAULT_IDLE_LOCK_MINUTES,
    demo: e.VAULT_DEMO && eid.mode === 'local',
    cookieSecure,
    cookieName: cookieSecure ? '__Host-cv_session' : 'cv_session',
    eid: {
      ...eid,
      scopes: e.VAULT_EID_SCOPES,
      nationalIdClaim: e.VAULT_EID_NATIONAL_ID_CLAIM,
      name: e.VAULT_EID_NAME,
      acrValues:
        e.VAULT_EID_ACR_VALUES ??
        (eid.mode === 'local' ? 'http://eidas.europa.eu/LoA/substantial' : undefined),
      // The local stand-in lives on the vault's own origin, which is http:// on a laptop.
      allowInsecureRequests: e.VAULT_EID_ALLOW_INSECURE_HTTP || (eid.mode === 'local' && !isHttps),
    },
    rpName: e.VAULT_RP_NAME,
    rpId: e.VAULT_RP_ID ?? publicUrl.hostname,
    rateLimitSignIn: e.VAULT_RATE_LIMIT_SIGN_IN,
    rateLimitWindowMs: e.VAULT_RATE_LIMIT_WINDOW_SECONDS * 1000,
    rateLimitServiceToken: e.VAULT_RATE_LIMIT_SERVICE_TOKEN,
    rateLimitServiceRequests: e.VAULT_RATE_LIMIT_SERVICE_REQUESTS,
    serviceTokenTtlSeconds: e.VAULT_SERVICE_TOKEN_TTL_S,
    serviceQuota: {
      limit: e.VAULT_SERVICE_QUOTA,
      windowMs: e.VAULT_SERVICE_QUOTA_WINDOW_SECONDS * 1000,
    },
    http: {
      headersTimeoutMs: e.VAULT_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.VAULT_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.VAULT_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.VAULT_MAX_CONNECTIONS,
    },
    bodyLimitBytes: e.VAULT_BODY_LIMIT_BYTES,
    quotaBytes: e.VAULT_QUOTA_BYTES,
    maxDocumentBytes: e.VAULT_MAX_DOCUMENT_BYTES,
    uploadTtlMs: e.VAULT_UPLOAD_TTL_MINUTES * 60_000,
    accessLog: {
      origin: e.VAULT_LOG_ORIGIN ?? `${publicUrl.host}/log`,
      signerKeyFile: path.resolve(
        e.VAULT_LOG_SIGNER_KEY_FILE ?? path.join(dataDir, 'log-signer.key'),
      ),
      checkpointIntervalMs: e.VAULT_LOG_CHECKPOINT_MS,
    },
    consent: {
      receiptSignerKeyFile: path.resolve(
        e.VAULT_RECEIPT_SIGNER_KEY_FILE ?? path.join(dataDir, 'receipt-signer.key'),
      ),
      maxDays: e.VAULT_CONSENT_MAX_DAYS,
      maxEventStreams: e.VAULT_EVENTS_MAX_STREAMS,
      eventsHeartbeatMs: e.VAULT_EVENTS_HEARTBEAT_MS,
    },
    trustProxy: e.VAULT_TRUST_PROXY === 'false' ? false : e.VAULT_TRUST_PROXY,
    warnings,
  };
}

/** Whether `url` parses as a URL of PostgreSQL's (libpq's `postgres://` or `postgresql://`). */
function isPostgresUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'postgres:' || protocol === 'postgresql:';
  } catch {
    return false;
  }
}

/**
 * A database URL fit for a log line or a terminal: its password, if any, replaced by `***`.
 * Anything that is not a postgres:// URL is shown as `***` whole: where its secret lies is unknown.
 */
export function redactDatabaseUrl(url: string): string {
  if (!isPostgresUrl(url)) return '***';
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    // A password may also be a query parameter (libpq's `?password=`).
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    return '***';
  }
}
