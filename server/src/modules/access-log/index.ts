import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { VaultStorage } from '../../storage/index.js';
import { AccessLogService } from './access-log-service.js';
import { Checkpointer } from './checkpointer.js';
import { loadOrCreateLogKey } from './log-key.js';

export type { AccessEventInput } from './access-event.js';
export { residentEvent } from './access-event.js';
export { AccessLogService } from './access-log-service.js';
export type { Checkpointer } from './checkpointer.js';
export { publicLogRoutes, residentLogRoutes } from './log-routes.js';

/** The access log, composed: its service and the checkpointer that signs for it. */
export interface AccessLog {
  service: AccessLogService;
  checkpointer: Checkpointer;
}

/**
 * Builds the access log (issue 4, DESIGN §5): loads or creates the log key, and a checkpointer
 * (not started: the composition root starts it once the vault listens). Call after
 * `sodiumReady()`: signing and checking use crypto/.
 */
export function createAccessLog(deps: {
  config: Config;
  storage: VaultStorage;
  logger: Logger;
  now: () => Date;
}): AccessLog {
  const { config, storage, logger, now } = deps;
  const { origin, signerKeyFile, checkpointIntervalMs } = config.accessLog;
  const { key, created } = loadOrCreateLogKey(signerKeyFile, origin);
  logger.info(
    { origin, verifierKey: key.verifierKey, created },
    created ? 'access log: new log key created' : 'access log: log key loaded',
  );
  const checkpointer = new Checkpointer({
    storage,
    logger,
    now,
    origin,
    key,
    intervalMs: checkpointIntervalMs,
  });
  return { service: new AccessLogService({ storage, checkpointer, origin, key }), checkpointer };
}
