/**
 * City services: granted reads (issue 5). Each read is the whole path a service's read takes —
 * bearer-token check, grant check, the access-log append in the transaction that releases the
 * sealed key (group commit), then the framed ciphertext stream — of 100 KiB documents, at 16 and
 * 64 in flight, beside a bare node:http GET of the same bytes in the same run (the machine's
 * ceiling). The vault runs in its own process (bench/vault-process.mjs); with BENCH_PREFILL_LOG it
 * first appends that many synthetic entries so that the log already holds a million (issue 5), and
 * reports the fill time apart. Residents, documents (encrypted with crypto/) and grants (document
 * keys really sealed to the service) are seeded through a second connection to the vault's SQLite
 * file. Run by `npm run bench`; targets ≥ 1,000 reads/s and p99 < 50 ms at 64 in flight.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createDocumentDecryptor,
  decryptMetadata,
  fromBase64url,
  openDocumentKey,
  sodiumReady,
  type X25519PublicKey,
  type X25519SecretKey,
} from '../crypto/src/index.js';
import type { GrantedDocumentPrelude } from '../server/src/contracts/index.js';
import { SqliteStorage } from '../server/src/storage/index.js';
import { startBareServer } from './lib/bare-server.js';
import { LeanClient, percentile, runPool } from './lib/lean-client.js';
import { createBenchService, seedDocument, seedGrant, seedResident } from './lib/seed.js';
import { startVaultChild } from './lib/vault-child.js';

const LOG_ENTRIES = Number(process.env['BENCH_LOG_ENTRIES'] ?? 1_000_000);
const READS = Number(process.env['BENCH_READS'] ?? 10_000);
const WARM_UP = Math.min(1_000, READS);
const RESIDENTS = 16;
const DOCS_PER_RESIDENT = 8;
const DOC_BYTES = 100 * 1024;
const CONCURRENCIES = [16, 64];
const SERVICE_ID = 'bench-reads';
const PURPOSE = 'bench';

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

await sodiumReady();
const service = await createBenchService(SERVICE_ID, PURPOSE);
const { sealing } = service;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-bench-reads-'));
const started = performance.now();
const vault = await startVaultChild({
  BENCH_DATA_DIR: dataDir,
  BENCH_PREFILL_LOG: String(LOG_ENTRIES),
  BENCH_CITY_SERVICES: JSON.stringify([service.registration]),
  VAULT_RATE_LIMIT_SERVICE_TOKEN: '100000000',
  // One service makes every read here: lift its quota (6,000 calls a minute by default).
  VAULT_SERVICE_QUOTA: '100000000',
});
const startSeconds = (performance.now() - started) / 1000;

/** Seeds residents, their encrypted documents and a grant each, through a second connection. */
async function seed(): Promise<{ grantId: string; documentId: string }[]> {
  const storage = SqliteStorage.open(path.join(dataDir, 'vault.sqlite'));
  const now = new Date();
  const targets: { grantId: string; documentId: string }[] = [];
  try {
    for (let r = 0; r < RESIDENTS; r += 1) {
      const resident = await seedResident(storage, r, now);
      const documents = [];
      for (let d = 0; d < DOCS_PER_RESIDENT; d += 1) {
        documents.push(
          await seedDocument(storage, resident, {
            category: 'identity',
            bytes: DOC_BYTES,
            name: `doc-${d}.pdf`,
            now,
          }),
        );
      }
      const { grantId } = await seedGrant(storage, service, resident, documents, {
        category: 'identity',
        now,
      });
      for (const d of documents) targets.push({ grantId, documentId: d.documentId });
    }
  } finally {
    await storage.close();
  }
  return targets;
}

/** Checks that one read decrypts with the service's key (the bench measures real reads). */
function checkDecrypts(body: Buffer): void {
  const n = body.readUInt32BE(0);
  const prelude = JSON.parse(body.toString('utf8', 4, 4 + n)) as GrantedDocumentPrelude;
  const ctx = { documentId: prelude.documentId, version: 1, ownerId: prelude.ownerId };
  const dk = openDocumentKey(
    fromBase64url(prelude.wrappedKey),
    sealing.publicKey as X25519PublicKey,
    sealing.secretKey as X25519SecretKey,
  );
  const metadata = decryptMetadata(dk, ctx, fromBase64url(prelude.metadata));
  const decryptor = createDocumentDecryptor(dk, ctx, fromBase64url(prelude.header), metadata.size);
  const plain = [...decryptor.push(body.subarray(4 + n)), ...decryptor.finish()];
  if (plain.reduce((sum, p) => sum + p.length, 0) !== DOC_BYTES) throw new Error('bad size');
}

const bare = await startBareServer();
try {
  const targets = await seed();
  const bearer = await service.token(vault.origin);
  const client = new LeanClient(vault.origin, { authorization: `Bearer ${bearer}` });
  const bareClient = new LeanClient(bare.origin);
  const paths = targets.map(
    (t) => `/api/v1/service/grants/${t.grantId}/documents/${t.documentId}?purpose=${PURPOSE}`,
  );
  const first = await client.request('GET', paths[0]!);
  if (first.status !== 200) throw new Error(`read answered ${first.status}`);
  checkDecrypts(first.body);
  await bareClient.request('PUT', '/doc', first.body);
  console.log(
    `City services: granted reads of ${fmt(DOC_BYTES / 1024)} KiB documents (${fmt(first.body.length)} bytes framed), ${fmt(READS)} per run after ${fmt(WARM_UP)} to warm up, ${targets.length} documents of ${RESIDENTS} residents, ${os.cpus().length} cores, Node ${process.version}`,
  );
  console.log(
    `  vault start with a log of ${fmt(LOG_ENTRIES)} entries: ${fmt(startSeconds, 1)} s (the fill time is the [vault] line above)`,
  );
  for (const concurrency of CONCURRENCIES) {
    const run = async (c: LeanClient, count: number, pathOf: (i: number) => string) => {
      let failed = 0;
      const t0 = performance.now();
      const latencies = await runPool(count, concurrency, async (i) => {
        const res = await c.request('GET', pathOf(i), undefined, {}, { sink: () => undefined });
        if (res.status !== 200) failed += 1;
      });
      if (failed > 0) throw new Error(`${failed} reads failed`);
      return { rate: count / ((performance.now() - t0) / 1000), latencies };
    };
    await run(client, WARM_UP, (i) => paths[i % paths.length]!);
    const cpu0 = vault.cpuMs();
    const reads = await run(client, READS, (i) => paths[i % paths.length]!);
    const cpuUs = ((vault.cpuMs() - cpu0) * 1000) / READS;
    await run(bareClient, WARM_UP, () => '/doc');
    const ceiling = await run(bareClient, READS, () => '/doc');
    console.log(
      `  ${String(concurrency).padStart(2)} in flight: ${fmt(reads.rate).padStart(6)} reads/s   p50 ${fmt(percentile(reads.latencies, 50), 1).padStart(5)} ms   p99 ${fmt(percentile(reads.latencies, 99), 1).padStart(5)} ms   vault CPU ${fmt(cpuUs)} µs/read   | bare GET ${fmt(ceiling.rate).padStart(6)}/s  p99 ${fmt(percentile(ceiling.latencies, 99), 1)} ms   (${fmt((100 * reads.rate) / ceiling.rate)} % of bare)`,
    );
  }
  const stats = await vault.storageStats();
  if (stats.writes) {
    console.log(
      `  group commit: ${fmt(stats.writes.writes)} writes in ${fmt(stats.writes.batches)} batches (largest ${stats.writes.largestBatch})`,
    );
  }
  client.close();
  bareClient.close();
} finally {
  await bare.close();
  await vault.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
