/**
 * Access-log benchmarks (issue 4), run by `npm run bench`: sustained appends with batched
 * checkpoints, and proof and page times at 10 k, 1 M and 10 M entries. The log runs in this process
 * on a real SQLite file (WAL, synchronous=FULL) through the same storage port, service and
 * checkpointer the vault uses — no HTTP, so the figures are the log's own cost.
 * BENCH_LOG_SECONDS (default 30) and BENCH_LOG_SIZES (default 10000,1000000,10000000) tune it;
 * BENCH_LOG_DIR keeps the proof benchmark's log in that folder between runs (growing a log to 10 M
 * entries takes about 15 minutes), instead of a fresh temporary one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { sodiumReady } from '../crypto/src/index.js';
import {
  toLogAppend,
  type AccessEventInput,
} from '../server/src/modules/access-log/access-event.js';
import { AccessLogService } from '../server/src/modules/access-log/access-log-service.js';
import { Checkpointer } from '../server/src/modules/access-log/checkpointer.js';
import { loadOrCreateLogKey } from '../server/src/modules/access-log/log-key.js';
import { SqliteStorage } from '../server/src/storage/index.js';
import { percentile } from './lib/lean-client.js';

const SECONDS = Number(process.env['BENCH_LOG_SECONDS'] ?? 30);
const SIZES = (process.env['BENCH_LOG_SIZES'] ?? '10000,1000000,10000000').split(',').map(Number);
const ORIGIN = 'bench.citizen-vault.example/log';
const PROBE = 'probe-resident';
const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });

/** A realistic event: a city service reading a resident's document under a grant. */
function event(i: number, residentId: string): AccessEventInput {
  return {
    at: new Date(1_780_000_000_000 + i * 1000),
    residentId,
    actor: { kind: 'service', id: 'registry-office', name: 'Registry Office' },
    action: 'document.read',
    document: { id: '6f1d2c3b-4a59-4e7f-8a9b-0c1d2e3f4a5b', category: 'residence', version: 1 },
    purpose: { code: 'id-card', text: 'To issue your identity card' },
    legalBasis: 'GDPR Art. 6(1)(e); DPR 223/1989',
    grantId: '0b7e6a1c-1d2e-4f3a-9b8c-7d6e5f4a3b2c',
    outcome: 'ok',
  };
}

function openLog(dir: string) {
  const storage = SqliteStorage.open(path.join(dir, 'vault.sqlite'));
  const { key } = loadOrCreateLogKey(path.join(dir, 'log-signer.key'), ORIGIN);
  const logger = pino({ level: 'silent' });
  const checkpointer = new Checkpointer({
    storage,
    logger,
    now: () => new Date(),
    origin: ORIGIN,
    key,
    intervalMs: 1000,
  });
  const service = new AccessLogService({ storage, checkpointer, origin: ORIGIN, key });
  return { storage, checkpointer, service };
}

async function benchAppends(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-bench-log-'));
  const { storage, checkpointer, service } = openLog(dir);
  checkpointer.start();
  const concurrency = 256;
  console.log(
    `\nAppends, sustained for ${SECONDS} s: ${concurrency} concurrent callers, each awaiting its durable append (group commit), checkpoints every second:`,
  );
  const latencies: number[] = [];
  let appended = 0;
  const t0 = performance.now();
  const deadline = t0 + SECONDS * 1000;
  const lags: number[] = [];
  const sampler = setInterval(() => {
    void Promise.all([storage.logSize(), storage.latestCheckpoint()]).then(([size, cp]) =>
      lags.push(size - (cp?.size ?? 0)),
    );
  }, 250);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = worker; performance.now() < deadline; i += concurrency) {
        const start = performance.now();
        await service.record(event(i, `resident-${i % 5000}`));
        latencies.push(performance.now() - start);
        appended += 1;
      }
    }),
  );
  const ms = performance.now() - t0;
  clearInterval(sampler);
  await checkpointer.stop();
  const stats = storage.writeStats;
  const last = await storage.latestCheckpoint();
  console.log(
    `  ${fmt(appended)} appends in ${fmt(ms / 1000, 1)} s: ${fmt(appended / (ms / 1000))} appends/s (target ≥ 5,000), p50 ${fmt(percentile(latencies, 50), 1)} ms, p99 ${fmt(percentile(latencies, 99), 1)} ms per append`,
  );
  console.log(
    `  ${fmt(stats.batches)} commits (${fmt(stats.writes / stats.batches, 1)} writes each on average, largest ${fmt(stats.largestBatch)}); last checkpoint covers ${fmt(last?.size ?? 0)} entries; entries waiting for a checkpoint, sampled every 250 ms: p50 ${fmt(percentile(lags, 50))}, max ${fmt(Math.max(...lags))}`,
  );
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Grows the log to `size` entries in batches (one transaction each). */
async function grow(storage: SqliteStorage, size: number): Promise<void> {
  const BATCH = 10_000;
  for (let from = await storage.logSize(); from < size; from += BATCH) {
    const batch = [];
    for (let i = from; i < Math.min(size, from + BATCH); i++) {
      batch.push(toLogAppend(event(i, i % 100 === 0 ? PROBE : `resident-${i % 100_003}`)));
    }
    await storage.appendLog(batch);
  }
}

/** Times `samples` runs, after 20 untimed ones (JIT compilation and caches warm up first). */
function timeIt(samples: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  return (async () => {
    for (let i = 0; i < 20; i++) await run(i);
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      await run(i);
      times.push(performance.now() - t);
    }
    return times;
  })();
}

async function benchProofs(): Promise<void> {
  const kept = process.env['BENCH_LOG_DIR'];
  if (kept) fs.mkdirSync(kept, { recursive: true });
  const dir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cv-bench-log-'));
  const { storage, checkpointer, service } = openLog(dir);
  console.log('\nProofs on the server (service + SQLite, no HTTP), 200 random samples each:');
  console.log(
    '  entries        build     inclusion p50/p99     consistency p50/p99     first page of 50 + proofs p50/p99',
  );
  const random = (n: number) => Math.floor(Math.random() * n);
  for (const size of SIZES) {
    if ((await storage.logSize()) > size) {
      console.log(`  ${fmt(size).padStart(10)}  skipped: the kept log (BENCH_LOG_DIR) is larger`);
      continue;
    }
    const t0 = performance.now();
    await grow(storage, size);
    const cp = (await checkpointer.tick()) ?? (await storage.latestCheckpoint());
    const built = (performance.now() - t0) / 1000;
    if (!cp || cp.size !== size) throw new Error('no checkpoint at the new size');
    const mine = (await storage.listLogEntries(PROBE, {}, 100_000)).map((e) => e.index);
    const inclusion = await timeIt(200, () =>
      service.inclusionProofs(PROBE, size, [mine[random(mine.length)]!]),
    );
    const consistency = await timeIt(200, () => service.consistencyProof(1 + random(size), size));
    const page = await timeIt(200, async () => {
      const entries = await service.listEntries(PROBE, {}, 50);
      await service.inclusionProofs(
        PROBE,
        size,
        entries.map((e) => e.index),
      );
    });
    const pair = (t: number[]) =>
      `${fmt(percentile(t, 50), 2).padStart(6)} / ${fmt(percentile(t, 99), 2).padStart(6)} ms`;
    console.log(
      `  ${fmt(size).padStart(10)}  ${fmt(built, 0).padStart(6)} s     ${pair(inclusion)}     ${pair(consistency)}       ${pair(page)}`,
    );
  }
  const bytes = fs.statSync(path.join(dir, 'vault.sqlite')).size;
  console.log(
    `  targets at 10 M: < 5 ms per proof, < 20 ms for the page. Database: ${fmt(bytes / 2 ** 20)} MiB`,
  );
  await storage.close();
  if (!kept) fs.rmSync(dir, { recursive: true, force: true });
}

await sodiumReady();
console.log(
  `Citizen Vault access-log benchmarks — ${os.cpus().length} cores, Node ${process.version}`,
);
const only = new Set((process.env['BENCH_ONLY'] ?? 'appends,proofs').split(','));
if (only.has('appends')) await benchAppends();
if (only.has('proofs')) await benchProofs();
