// The vault under benchmark, in its own process so that autocannon does not share its event loop.
// Prints its origin as one JSON line on stdout, then serves until killed.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../dist/server/src/config.js';
import { createLogger } from '../dist/server/src/logger.js';
import { composeVault } from '../dist/server/src/vault.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-bench-'));
const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const passedThrough = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k.startsWith('VAULT_')),
);
const config = loadConfig({
  ...passedThrough,
  VAULT_DATA_DIR: dataDir,
  VAULT_PORT: String(server.address().port),
  VAULT_LOG_LEVEL: 'silent',
  VAULT_RATE_LIMIT_SIGN_IN: '100000000',
});
const vault = await composeVault(config, createLogger('silent'), { webRoot: null });
server.on('request', vault.app);
const stop = async () => {
  server.closeAllConnections();
  server.close();
  await vault.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('disconnect', stop);
// The parent asks for the storage's group-commit and checkpoint figures between phases.
process.on('message', (message) => {
  if (message === 'stats') {
    process.send({
      writes: vault.storage.writeStats ?? null,
      checkpoints: vault.storage.checkpointStats ?? null,
    });
  }
});
process.stdout.write(`${JSON.stringify({ origin: config.publicOrigin })}\n`);
