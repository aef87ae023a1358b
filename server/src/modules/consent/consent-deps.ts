import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { VaultStorage } from '../../storage/index.js';
import type { AccessLogService } from '../access-log/index.js';
import type { ResidentNotifier } from '../notifications/index.js';

/** What the consent module needs from the composition root: injected, never imported. */
export interface ConsentDeps {
  config: Config;
  storage: VaultStorage;
  logger: Logger;
  /** The clock; tests freeze and move it. */
  now: () => Date;
  accessLog: AccessLogService;
  notifier: ResidentNotifier;
}

/** From the auth module: the resident's session guard. */
export interface ConsentAuth {
  requireSession: RequestHandler;
}
