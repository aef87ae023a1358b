/**
 * The city services' token endpoint (issue 5): client assertions verified per second, each with a
 * fresh jti (so each is a signature check plus a single-use jti write and a token write, both in
 * the group commit), for an EdDSA and an ES256 service, 16 requests in flight. The vault runs in
 * its own process (bench/vault-process.mjs), which registers the two services from
 * BENCH_CITY_SERVICES before it listens. Assertions are signed before the clock starts, so the
 * figure is the vault's, not the signer's. Run by `npm run bench`; target ≥ 1,000/s.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { CLIENT_ASSERTION_TYPE } from '../server/src/contracts/index.js';
import { LeanClient, percentile, runPool } from './lib/lean-client.js';
import { startVaultChild } from './lib/vault-child.js';

const ASSERTIONS = Number(process.env['BENCH_ASSERTIONS'] ?? 20_000);
const WARM_UP = Math.min(2_000, ASSERTIONS);
const CONCURRENCY = 16;
const ALGORITHMS = ['EdDSA', 'ES256'] as const;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

interface BenchService {
  id: string;
  alg: (typeof ALGORITHMS)[number];
  privateKey: CryptoKey;
  registration: Record<string, unknown>;
}

async function makeService(alg: BenchService['alg']): Promise<BenchService> {
  const id = `bench-${alg.toLowerCase()}`;
  const { privateKey, publicKey } = await generateKeyPair(alg, {
    ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
  });
  const authJwk = await exportJWK(publicKey);
  return {
    id,
    alg,
    privateKey,
    registration: {
      id,
      name: { en: `Bench ${alg}`, it: `Bench ${alg}` },
      purposes: [{ code: 'bench', text: { en: 'Benchmark', it: 'Benchmark' } }],
      legalBases: ['public-task'],
      authJwk,
      authAlgorithm: alg,
      authKeyId: await calculateJwkThumbprint(authJwk),
      x25519PublicKey: randomBytes(32).toString('base64url'),
    },
  };
}

/** `count` token request bodies, each with its own freshly signed assertion. */
async function tokenForms(service: BenchService, audience: string, count: number) {
  const kid = service.registration['authKeyId'] as string;
  const forms: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const assertion = await new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: service.alg, kid })
      .setIssuer(service.id)
      .setSubject(service.id)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('4m')
      .sign(service.privateKey);
    forms.push(
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: CLIENT_ASSERTION_TYPE,
        client_assertion: assertion,
      }).toString(),
    );
  }
  return forms;
}

const services = await Promise.all(ALGORITHMS.map(makeService));
const vault = await startVaultChild({
  BENCH_CITY_SERVICES: JSON.stringify(services.map((s) => s.registration)),
  VAULT_RATE_LIMIT_SERVICE_TOKEN: '100000000',
});
const client = new LeanClient(vault.origin, {
  'content-type': 'application/x-www-form-urlencoded',
});
try {
  console.log(
    `City services: token endpoint, ${fmt(ASSERTIONS)} assertions per algorithm (after ${fmt(WARM_UP)} to warm up), ${CONCURRENCY} in flight, ${os.cpus().length} cores, Node ${process.version}`,
  );
  for (const service of services) {
    const run = async (forms: string[]) => {
      let refused = 0;
      const cpu0 = vault.cpuMs();
      const t0 = performance.now();
      const latencies = await runPool(forms.length, CONCURRENCY, async (i) => {
        const res = await client.request('POST', '/api/v1/service/token', forms[i]);
        if (res.status !== 200) refused += 1;
      });
      return { ms: performance.now() - t0, cpuMs: vault.cpuMs() - cpu0, latencies, refused };
    };
    await run(await tokenForms(service, vault.origin, WARM_UP));
    const { ms, cpuMs, latencies, refused } = await run(
      await tokenForms(service, vault.origin, ASSERTIONS),
    );
    if (refused > 0) throw new Error(`${refused} assertions were refused`);
    console.log(
      `  ${service.alg.padEnd(6)} ${fmt(ASSERTIONS / (ms / 1000)).padStart(6)} tokens/s (target ≥ 1,000)   p50 ${fmt(percentile(latencies, 50), 1).padStart(5)} ms   p99 ${fmt(percentile(latencies, 99), 1).padStart(5)} ms   vault CPU ${fmt((cpuMs * 1000) / ASSERTIONS)} µs per token`,
    );
  }
} finally {
  client.close();
  await vault.close();
}
