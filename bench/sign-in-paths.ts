/**
 * HTTP benchmarks of the sign-in paths (issue 2), with autocannon on loopback against a vault in
 * its own process. Run by `npm run bench`; prints one line per scenario.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { HttpClient } from '../test/helpers/http-client.js';
import { signInWithLocalEid } from '../test/helpers/sign-in.js';
import { startVaultChild } from './lib/vault-child.js';

const DURATION_S = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 10);

function run(name: string, options: Omit<Parameters<typeof autocannon>[0], 'duration'>) {
  return new Promise<void>((resolve, reject) => {
    autocannon({ duration: DURATION_S, connections: CONNECTIONS, ...options }, (err, result) => {
      if (err) return reject(err);
      const errors = result.errors + result.timeouts + result.non2xx;
      console.log(
        `${name.padEnd(48)} ${String(Math.round(result.requests.average)).padStart(7)} req/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   errors ${errors}`,
      );
      resolve();
    });
  });
}

const vault = await startVaultChild({ VAULT_RATE_LIMIT_SIGN_IN: '100000000' });
try {
  const client = new HttpClient(vault.origin);
  await signInWithLocalEid(client);
  const cookie = client.cookieHeader();
  console.log(
    `Citizen Vault HTTP benchmark: ${DURATION_S} s per scenario, ${CONNECTIONS} connections, ${os.cpus().length} cores, Node ${process.version}`,
  );
  await run('GET /healthz (baseline)', { url: `${vault.origin}/healthz` });
  await run('GET /api/me (session lookup)', { url: `${vault.origin}/api/me`, headers: { cookie } });
  await run('GET /api/sessions (session + list)', {
    url: `${vault.origin}/api/sessions`,
    headers: { cookie },
  });
  await run('POST /api/auth/passkey/options (challenge write)', {
    url: `${vault.origin}/api/auth/passkey/options`,
    method: 'POST',
    headers: { origin: vault.origin, 'content-type': 'application/json' },
    body: '{}',
  });
} finally {
  await vault.close();
}
