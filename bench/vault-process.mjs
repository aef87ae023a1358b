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
// BENCH_CITY_SERVICES: a JSON array of city services (the public parts a registration holds, the
// X25519 key base64url) to register before the vault answers; bench/service-token.ts uses it.
for (const s of JSON.parse(process.env.BENCH_CITY_SERVICES ?? '[]')) {
  const at = new Date();
  await vault.storage.registerCityService({
    ...s,
    x25519PublicKey: new Uint8Array(Buffer.from(s.x25519PublicKey, 'base64url')),
    enabled: true,
    createdAt: at,
    updatedAt: at,
  });
}
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
