// The vault under benchmark, in its own process so that autocannon does not share its event loop.
// Prints its origin as one JSON line on stdout, then serves until killed.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../dist/server/src/config.js';
import { createLogger } from '../dist/server/src/logger.js';
import { composeVault } from '../dist/server/src/vault.js';

// BENCH_DATA_DIR: a data directory the parent made (it opens the SQLite file too, to seed it).
const dataDir = process.env.BENCH_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cv-bench-'));
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
// BENCH_PREFILL_LOG: append this many synthetic entries to the access log before listening, so
// that reads run against a large log (bench/service-reads.ts); the fill time goes to stderr.
// BENCH_PREFILL_RESIDENTS: a JSON array of real resident ids (seeded by the parent before the
// vault starts) that get their share of the entries, so their log pages are not empty
// (bench/mixed-load.ts); the other entries belong to 1,000 made-up residents.
const prefill = Number(process.env.BENCH_PREFILL_LOG ?? 0);
const prefillResidents = JSON.parse(process.env.BENCH_PREFILL_RESIDENTS ?? '[]');
if (prefill > 0) {
  const t0 = performance.now();
  const at = new Date();
  for (let done = 0; done < prefill;) {
    const batch = [];
    for (let i = 0; i < 10_000 && done < prefill; i += 1, done += 1) {
      const residentId = prefillResidents[done % 1000] ?? `bench-prefill-${done % 1000}`;
      const leaf = JSON.stringify({
        v: 1,
        at: at.toISOString(),
        resident: residentId,
        actor: { kind: 'resident', id: residentId, name: null },
        action: 'sign-in',
        document: null,
        purpose: null,
        legalBasis: null,
        grant: null,
        outcome: 'ok',
        salt: randomBytes(16).toString('base64url'),
      });
      batch.push({
        residentId,
        at,
        actorKind: 'resident',
        actorId: residentId,
        action: 'sign-in',
        documentId: null,
        leaf: new Uint8Array(Buffer.from(leaf)),
      });
    }
    await vault.storage.appendLog(batch);
  }
  const seconds = (performance.now() - t0) / 1000;
  process.stderr.write(
    `[vault] access log prefilled with ${prefill.toLocaleString('en-US')} entries in ${seconds.toFixed(1)} s (${Math.round(prefill / seconds).toLocaleString('en-US')} entries/s)\n`,
  );
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
