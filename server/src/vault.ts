import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router, type Express, type RequestHandler } from 'express';
import { importJWK } from 'jose';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { sodiumReady } from '../../crypto/src/sodium.js';
import { createAccessLog } from './modules/access-log/index.js';
import { createOpenidEidClient, type EidClient } from './modules/auth/index.js';
import { expireGrants } from './modules/city-services/index.js';
import { createResidentNotifier, type ResidentNotifier } from './modules/notifications/index.js';
import { openStorage, type VaultStorage } from './storage/index.js';

/** Where `npm run build` puts the web app, relative to this file in src/ or in dist/. */
export function defaultWebRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const repoRoot = here.includes(`${path.sep}dist${path.sep}`)
    ? path.resolve(here, '../../..')
    : path.resolve(here, '../..');
  return path.join(repoRoot, 'dist', 'web');
}

/** Overrides for tests: a clock, a web root, another eID client. */
export interface VaultOverrides {
  now?: () => Date;
  webRoot?: string | null;
  eid?: EidClient;
  storage?: VaultStorage;
  /** How often expired sessions, uploads and service tokens are purged (default every minute); tests shorten it. */
  purgeIntervalMs?: number;
}

/** A composed vault: the app plus what must be closed on shutdown. */
export interface Vault {
  app: Express;
  storage: VaultStorage;
  /** Loads what was deferred past start-up (the local eID stand-in); call after listening. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The composition root's work (DESIGN §3): config → storage → eID → app. main.ts adds `listen`;
 * tests call this with a port they already hold.
 */
export async function composeVault(
  config: Config,
  logger: Logger,
  overrides: VaultOverrides = {},
): Promise<Vault> {
  const now = overrides.now ?? (() => new Date());
  // PostgreSQL when VAULT_DATABASE_URL is set (issue 7), else SQLite in the data dir.
  const storage = overrides.storage ?? (await openStorage(config, logger));
  const redirectUri = `${config.publicOrigin}/auth/callback`;

  // The local eID stand-in (oidc-provider, Koa…) takes ~0.4 s to load: it is loaded after the
  // vault listens (warmUp) or on its first request, whichever comes first, and never in production.
  let localEid: Router | undefined;
  let loadLocalEid: (() => Promise<RequestHandler>) | undefined;
  if (config.eid.mode === 'local') {
    const { issuer, clientId, clientSecret } = config.eid;
    let loading: Promise<RequestHandler> | undefined;
    loadLocalEid = () =>
      (loading ??= import('./modules/local-eid/index.js').then(({ createLocalEidProvider }) =>
        createLocalEidProvider({
          issuer,
          clientId,
          clientSecret,
          redirectUri,
          signingKeyFile: path.join(config.dataDir, 'local-eid-signing-key.json'),
          cookieKeys: [
            crypto
              .createHmac('sha256', config.sessionSecret)
              .update('local-eid')
              .digest('base64url'),
          ],
        }),
      ));
    const load = loadLocalEid;
    localEid = Router();
    localEid.use(async (req, res, next) => {
      (await load())(req, res, next);
    });
  }

  let privateKey: Awaited<ReturnType<typeof importJWK>> | undefined;
  if (config.eid.mode === 'external' && config.eid.privateKeyFile) {
    const jwk = JSON.parse(fs.readFileSync(config.eid.privateKeyFile, 'utf8')) as { alg?: string };
    privateKey = await importJWK(jwk, jwk.alg ?? 'RS256');
  }

  const eid =
    overrides.eid ??
    createOpenidEidClient({
      issuer: config.eid.issuer,
      clientId: config.eid.clientId,
      clientSecret: config.eid.clientSecret,
      privateKey: privateKey as Parameters<typeof createOpenidEidClient>[0]['privateKey'],
      redirectUri,
      scopes: config.eid.scopes,
      acrValues: config.eid.acrValues,
      nationalIdClaim: config.eid.nationalIdClaim,
      allowInsecureRequests: config.eid.allowInsecureRequests,
    });

  // The access log signs and checks with crypto/ (libsodium, WebAssembly).
  await sodiumReady();
  const accessLog = createAccessLog({ config, storage, logger, now });

  const webRoot = overrides.webRoot === null ? undefined : (overrides.webRoot ?? defaultWebRoot());
  // With PostgreSQL, several nodes serve one vault: live events fan out through LISTEN/NOTIFY.
  const notifier: ResidentNotifier & { close?: () => Promise<void> } =
    config.postgres !== null && storage.adapter === 'postgres'
      ? await createNodeNotifier(config.postgres.connectionString, storage, logger)
      : createResidentNotifier();
  const app = createApp({
    config,
    storage,
    logger,
    now,
    eid,
    notifier,
    accessLog: accessLog.service,
    checkpointer: accessLog.checkpointer,
    ...(localEid ? { localEid } : {}),
    ...(webRoot ? { webRoot } : {}),
  });

  const purge = setInterval(() => {
    const t = now();
    storage
      .purgeExpiredSessions(t, new Date(t.getTime() - config.sessionIdleMs))
      .catch((error: unknown) => logger.error({ err: error }, 'session purge failed'));
    // An upload left unfinished for VAULT_UPLOAD_TTL_MINUTES leaves nothing behind (issue 3).
    storage
      .purgeExpiredUploads(t)
      .then((purged) => {
        if (purged > 0) logger.info({ purged }, 'expired uploads deleted');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'upload purge failed'));
    // City services' used assertion ids and access tokens, once expired (issue 5).
    storage
      .purgeExpiredServiceAuth(t)
      .catch((error: unknown) => logger.error({ err: error }, 'service auth purge failed'));
    // Grants past their expiry lose their keys, with a grant.expired entry (issue 5).
    expireGrants({ storage, accessLog: accessLog.service, notifier, logger, now: t }).catch(
      (error: unknown) => logger.error({ err: error }, 'grant expiry failed'),
    );
  }, overrides.purgeIntervalMs ?? 60_000);
  purge.unref();
  accessLog.checkpointer.start();
  if (config.demo) {
    const { seedDemo } = await import('./demo-seed.js');
    await seedDemo({ config, storage, logger, now, accessLog: accessLog.service, notifier });
  }

  return {
    app,
    storage,
    async warmUp() {
      await loadLocalEid?.();
    },
    async close() {
      clearInterval(purge);
      await accessLog.checkpointer.stop();
      await notifier.close?.();
      await storage.close();
    },
  };
}

/** The PostgreSQL notifier, publishing through the storage's pool (loaded only with PostgreSQL). */
async function createNodeNotifier(
  connectionString: string,
  storage: VaultStorage,
  logger: Logger,
): Promise<ResidentNotifier & { close(): Promise<void> }> {
  const [{ PostgresStorage }, { createPgNotifier }] = await Promise.all([
    import('./storage/postgres/postgres-storage.js'),
    import('./modules/notifications/pg-notifier.js'),
  ]);
  if (!(storage instanceof PostgresStorage)) {
    throw new TypeError('a vault on PostgreSQL needs the PostgreSQL storage adapter');
  }
  return createPgNotifier({ connectionString, pool: storage.pool, logger });
}
