import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { PublicConfig } from './contracts/index.js';
import { csrfGuard } from './http/csrf.js';
import { apiNotFound, errorHandler } from './http/error-handler.js';
import { jsonBody } from './http/json-body.js';
import { securityHeaders } from './http/security-headers.js';
import { requestLog } from './http/request-log.js';
import { createAccountDeletionModule } from './modules/account-deletion/index.js';
import {
  publicLogRoutes,
  residentLogRoutes,
  type AccessLogService,
  type Checkpointer,
} from './modules/access-log/index.js';
import {
  createAuthModule,
  currentSession,
  PRF_SALT_V1,
  type EidClient,
} from './modules/auth/index.js';
import { createCityServicesModule } from './modules/city-services/index.js';
import { createConsentModule } from './modules/consent/index.js';
import type { ResidentNotifier } from './modules/notifications/index.js';
import { createVaultModule } from './modules/vault/index.js';
import type { VaultStorage } from './storage/index.js';

/** Everything the Express app is given: ports, not globals (STYLE §9). */
export interface AppDeps {
  config: Config;
  storage: VaultStorage;
  logger: Logger;
  now: () => Date;
  eid: EidClient;
  /** The access log (DESIGN §5): every module records through it. */
  accessLog: AccessLogService;
  /** Live notices to residents' open pages (requests, reads by services). */
  notifier: ResidentNotifier;
  /** Signs the log's checkpoints; /readyz reports if it had to stop, and if it holds the lease. */
  checkpointer: Pick<Checkpointer, 'halted' | 'holdsLease'>;
  /** The local eID stand-in's router, mounted at /eid in development. */
  localEid?: Router;
  /** The built web app (index.html and assets); omitted in API-only tests. */
  webRoot?: string;
}

/** Paths that are never answered with the web app's index.html. */
const NOT_SPA = /^\/(api|eid|auth\/eid|healthz|readyz|log|receipt-keys)(\/|$)/;

/** Builds the vault's Express app from its dependencies. */
export function createApp(deps: AppDeps): Express {
  const { config, storage, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use(requestLog(logger));
  app.use(securityHeaders({ production: config.mode === 'production' }));

  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const halted = deps.checkpointer.halted;
    if (halted) {
      res
        .status(503)
        .set('Cache-Control', 'no-store')
        .json({
          error: {
            code: 'ERR_NOT_READY',
            message: 'The access log was changed outside the vault; checkpoints are stopped.',
          },
        });
      return;
    }
    try {
      await storage.ping();
      // `logLease`: whether this node signs the access log's checkpoints (one node does, DESIGN
      // §8). A node without it serves every request all the same: it is ready either way.
      res.set('Cache-Control', 'no-store').json({
        status: 'ready',
        storage: storage.adapter,
        logLease: deps.checkpointer.holdsLease,
      });
    } catch (error) {
      logger.error({ err: error }, 'readiness check failed');
      res
        .status(503)
        .json({ error: { code: 'ERR_NOT_READY', message: 'Storage is not answering.' } });
    }
  });

  if (deps.localEid) app.use('/eid', deps.localEid);
  app.use(publicLogRoutes(deps.accessLog));

  const auth = createAuthModule(deps, deps.eid);
  app.use(auth.pages);
  const vault = createVaultModule(deps, { requireSession: auth.requireSession });
  const consent = createConsentModule(deps, { requireSession: auth.requireSession });
  app.use(consent.public);

  // City services authenticate with bearer tokens and send no cookies: their API is mounted
  // before, and apart from, the resident's router with its session and cookie-CSRF guard.
  app.use('/api/v1/service', createCityServicesModule(deps).api);

  const api = express.Router();
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(csrfGuard(config.publicOrigin, { acceptsOctetStream: vault.acceptsOctetStream }));
  api.use(jsonBody(config.bodyLimitBytes));
  api.get('/config', (_req, res) => {
    const body: PublicConfig = {
      devEid: config.eid.mode === 'local',
      eidName: config.eid.name,
      prfSalt: PRF_SALT_V1,
      idleLockMinutes: config.idleLockMinutes,
    };
    res.json(body);
  });
  api.use(auth.api);
  api.use(vault.api);
  api.use(consent.api);
  api.use(
    createAccountDeletionModule(deps, {
      requireSession: auth.requireSession,
      receiptSigner: consent.receiptSigner,
    }).api,
  );
  api.use(
    residentLogRoutes(
      deps.accessLog,
      {
        requireSession: auth.requireSession,
        residentId: (res) => currentSession(res).resident.id,
      },
      deps.now,
    ),
  );
  api.use(apiNotFound);
  app.use('/api', api);

  if (deps.webRoot) mountWebApp(app, deps.webRoot);

  app.use(errorHandler(logger, config.bodyLimitBytes));
  return app;
}

/** Serves the built single-page app: hashed assets cached for a year, index.html never cached. */
function mountWebApp(app: Express, webRoot: string): void {
  const indexFile = path.join(webRoot, 'index.html');
  app.use(
    '/assets',
    express.static(path.join(webRoot, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  app.use(express.static(webRoot, { index: false, maxAge: '1h' }));
  app.get(/.*/, (req, res, next) => {
    if (NOT_SPA.test(req.path) || !req.accepts('html')) return next();
    if (!fs.existsSync(indexFile)) {
      res.status(503).type('text').send('The web app is not built. Run `npm run build`.');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(indexFile);
  });
}
