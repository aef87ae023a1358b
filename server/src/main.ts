import { ConfigError, loadConfig } from './config.js';
import { createHttpServer } from './http/create-http-server.js';
import { createLogger } from './logger.js';
import { describeStorage } from './storage/index.js';
import { composeVault } from './vault.js';

/** Composition root: config → storage → app → listen (DESIGN §3). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  for (const warning of config.warnings) logger.warn(`INSECURE DEVELOPMENT SETTING: ${warning}`);

  // Which storage this node runs on (issue 7); a PostgreSQL URL is shown without its password.
  const storage = describeStorage(config);
  logger.info(
    storage,
    `opening ${storage.adapter === 'postgres' ? 'PostgreSQL' : 'SQLite'} storage`,
  );
  const vault = await composeVault(config, logger);
  const server = createHttpServer(config.http, logger);
  server.on('request', vault.app);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  logger.info(
    {
      url: config.publicOrigin,
      mode: config.mode,
      eid: config.eid.mode,
      storage: storage.adapter,
      database: storage.location,
    },
    `Citizen Vault is listening on ${config.publicOrigin}`,
  );

  vault.warmUp().catch((error: unknown) => logger.error({ err: error }, 'warm-up failed'));

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      void vault.close().then(() => process.exit(0));
    });
    server.closeAllConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Citizen Vault failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
