import { randomBytes, randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  importJWK,
  SignJWT,
  type CryptoKey,
  type JWK,
} from 'jose';
import {
  CLIENT_ASSERTION_TYPE,
  type ErrorBody,
  type OAuthErrorBody,
  type ServiceProfileResponse,
  type ServiceTokenResponse,
} from '../../server/src/contracts/index.js';
import type {
  CityServiceRecord,
  ServiceAuthAlgorithm,
  VaultStorage,
} from '../../server/src/storage/index.js';
import { SqliteStorage } from '../../server/src/storage/index.js';
import { PostgresStorage } from '../../server/src/storage/postgres/postgres-storage.js';
import type { LogRecord, TestVault, VaultAddress } from './start-vault.js';

/**
 * A city service as the tests play it (issue 5): its own key pair (jose, Ed25519 or P-256), its
 * registration in the vault's real SQLite file through the storage port, and the client
 * assertions (RFC 7523) it signs, including the malformed and hostile ones.
 */

/** A service's client-authentication key pair, as its own tool would hold it. */
export interface ServiceKeyPair {
  alg: ServiceAuthAlgorithm;
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** RFC 7638 thumbprint of the public JWK: the `kid` the vault expects. */
  kid: string;
}

/** A registered service and its keys. */
export interface TestService {
  id: string;
  keys: ServiceKeyPair;
  record: CityServiceRecord;
}

/** A fresh key pair for `alg` (EdDSA is Ed25519; ES256 is P-256). */
export async function createServiceKeys(alg: ServiceAuthAlgorithm): Promise<ServiceKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
  });
  const publicJwk = await exportJWK(publicKey);
  return { alg, privateKey, publicJwk, kid: await calculateJwkThumbprint(publicJwk) };
}

/**
 * Runs `work` on a second storage connection to the vault's real database (its SQLite file, or its
 * PostgreSQL database when it has a `databaseUrl`), then closes it.
 */
export async function withVaultStorage<T>(
  vault: VaultAddress,
  work: (storage: VaultStorage) => Promise<T>,
): Promise<T> {
  const storage =
    vault.databaseUrl === undefined
      ? SqliteStorage.open(vault.config.databaseFile)
      : await PostgresStorage.open(vault.databaseUrl, { poolSize: 2 });
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

/** Registers a service with fresh keys through `storage.registerCityService`. */
export async function registerService(
  vault: TestVault,
  options: { id?: string; alg?: ServiceAuthAlgorithm; enabled?: boolean } = {},
): Promise<TestService> {
  const keys = await createServiceKeys(options.alg ?? 'EdDSA');
  const id = options.id ?? `svc-${randomUUID().slice(0, 8)}`;
  const at = new Date();
  const record: CityServiceRecord = {
    id,
    name: { en: `Registry office ${id}`, it: `Ufficio anagrafe ${id}` },
    purposes: [
      {
        code: 'residence-certificate',
        text: { en: 'Issue a residence certificate', it: 'Rilasciare un certificato' },
      },
    ],
    legalBases: ['public-task', 'legal-obligation'],
    authJwk: keys.publicJwk as Record<string, string>,
    authAlgorithm: keys.alg,
    authKeyId: keys.kid,
    x25519PublicKey: new Uint8Array(randomBytes(32)),
    enabled: options.enabled ?? true,
    createdAt: at,
    updatedAt: at,
  };
  const outcome = await withVaultStorage(vault, (s) => s.registerCityService(record));
  if (outcome !== 'registered') throw new Error(`service ${id} ${outcome}`);
  return { id, keys, record };
}

/** Options for {@link signAssertion}: every claim and header can be changed or left out (null). */
export interface AssertionOptions {
  /** The clock the assertion is made at (the test's frozen clock). */
  at: Date;
  /** Default: the vault's origin. */
  audience?: string | string[] | null;
  /** Default: the service's id. */
  issuer?: string | null;
  /** Default: the service's id. */
  subject?: string | null;
  /** Default: a fresh UUID. */
  jti?: string | null;
  /** Seconds from `at` (default 60); null leaves `exp` out. */
  expiresIn?: number | null;
  /** Seconds from `at` (default 0); null leaves `iat` out. */
  issuedAt?: number | null;
  /** Default: the signing key's thumbprint; null leaves `kid` out. */
  kid?: string | null;
  /** The key to sign with; default the service's own. */
  signWith?: ServiceKeyPair;
}

/** Signs a client assertion as `service` would (RFC 7523 §3), with the changes `options` asks for. */
export async function signAssertion(
  vault: VaultAddress,
  service: TestService,
  options: AssertionOptions,
): Promise<string> {
  const key = options.signWith ?? service.keys;
  const payload = assertionClaims(vault, service, options);
  const header: { alg: string; kid?: string } = { alg: key.alg };
  const kid = options.kid === undefined ? key.kid : options.kid;
  if (kid !== null) header.kid = kid;
  return new SignJWT(payload).setProtectedHeader(header).sign(key.privateKey);
}

/** The claims {@link signAssertion} would sign, for the hand-built hostile tokens. */
export function assertionClaims(
  vault: VaultAddress,
  service: TestService,
  options: AssertionOptions,
): Record<string, unknown> {
  const nowS = Math.floor(options.at.getTime() / 1000);
  const claims: Record<string, unknown> = {
    iss: options.issuer === undefined ? service.id : options.issuer,
    sub: options.subject === undefined ? service.id : options.subject,
    aud: options.audience === undefined ? vault.origin : options.audience,
    jti: options.jti === undefined ? randomUUID() : options.jti,
    exp: options.expiresIn === null ? null : nowS + (options.expiresIn ?? 60),
    iat: options.issuedAt === null ? null : nowS + (options.issuedAt ?? 0),
  };
  for (const [name, value] of Object.entries(claims)) if (value === null) delete claims[name];
  return claims;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsecured JWT (`alg: none`, RFC 7519 §6), built by hand: header, claims, empty signature. */
export function unsignedAssertion(claims: Record<string, unknown>, kid: string): string {
  return `${b64url({ alg: 'none', kid })}.${b64url(claims)}.`;
}

/**
 * An HS256 JWT whose HMAC secret is the service's public key (its SPKI PEM text): the classic
 * algorithm-confusion forgery, which anyone who knows the public key can make.
 */
export async function hmacWithPublicKey(
  claims: Record<string, unknown>,
  keys: ServiceKeyPair,
): Promise<string> {
  const publicKey = await importJWK(keys.publicJwk, keys.alg, { extractable: true });
  const secret = new TextEncoder().encode(await exportSPKI(publicKey as CryptoKey));
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: keys.kid }).sign(secret);
}

/** The token request body (RFC 6749 §4.4.2 with RFC 7523 §2.2 client authentication). */
export function tokenForm(assertion: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    client_assertion: assertion,
    ...extra,
  }).toString();
}

/** A response as these tests read it. */
export interface ServiceResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * POSTs a form to the token endpoint as a service's tool would: no cookies, no Origin header.
 * `body` is sent as is, so tests can send malformed forms.
 */
export async function postToken<T = ServiceTokenResponse | OAuthErrorBody>(
  vault: VaultAddress,
  body: string,
  headers: Record<string, string> = {},
): Promise<ServiceResponse<T>> {
  const res = await fetch(serviceUrl(vault, '/api/v1/service/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

/** GET /api/v1/service/profile with the given headers (e.g. `authorization`, `cookie`). */
export async function getProfile(
  vault: TestVault,
  headers: Record<string, string>,
): Promise<ServiceResponse<ServiceProfileResponse | ErrorBody>> {
  const res = await fetch(serviceUrl(vault, '/api/v1/service/profile'), { headers });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as ServiceProfileResponse | ErrorBody,
  };
}

/**
 * Where to reach the vault: its loopback port, which is its public origin unless a test set
 * VAULT_PUBLIC_ORIGIN (the issuer identifier, `aud`) to something else.
 */
export function serviceUrl(vault: VaultAddress, pathname: string): string {
  return `http://localhost:${vault.config.port}${pathname}`;
}

/** `Authorization: Bearer <token>`. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The refusals the token endpoint logged, oldest first (what the operator reads). */
export function authFailures(vault: TestVault): LogRecord[] {
  return vault.logs.filter((l) => l.msg === 'city service authentication failed');
}
