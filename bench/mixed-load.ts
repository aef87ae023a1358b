/**
 * Mixed load (issue 6): residents browsing, listing and downloading, city services reading granted
 * documents and filing requests, and the access-log appends all of that makes, in one stated mix,
 * against one vault in its own process (bench/vault-process.mjs) on loopback.
 *
 * 1. Setup: N enrolled residents, each with four identity documents granted to one city service,
 *    one further document they keep uploading new versions of, and a live session; then the vault
 *    starts and fills its access log with BENCH_MIXED_LOG_ENTRIES entries, a share of them the
 *    residents' own (so their log pages are real pages).
 * 2. Held: BENCH_MIXED_RATE requests/s offered open-loop (on a schedule, whatever the answers do)
 *    for BENCH_MIXED_SECONDS; latency is counted from each request's scheduled time, so a vault
 *    that falls behind cannot hide it (no coordinated omission). Target on the 2-core machine:
 *    ≥ 500 requests/s for 60 s with p99 < 100 ms and no error → PASS or MISS.
 * 3. Knee: closed-loop steps of BENCH_MIXED_STEPS requests in flight, BENCH_MIXED_STEP_SECONDS
 *    each; the knee is the first step whose p99 passes 100 ms or whose throughput grows by less
 *    than 10 % over the step before.
 *
 * Every answer's status is checked (and every download's length); any error is printed loudly.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createDocumentEncryptor,
  encryptMetadata,
  generateDocumentKey,
  sealDocumentKey,
  sodiumReady,
  toBase64url,
} from '../crypto/src/index.js';
import type {
  CreateServiceRequestBody,
  DocumentResponse,
  LogEntriesResponse,
  PutVersionPrelude,
  ServiceRequestResponse,
} from '../server/src/contracts/index.js';
import { hashSessionToken } from '../server/src/modules/auth/sessions/session-tokens.js';
import { SqliteStorage } from '../server/src/storage/index.js';
import { LeanClient, percentile } from './lib/lean-client.js';
import {
  createBenchService,
  seedDocument,
  seedGrant,
  seedResident,
  type SeededDocument,
  type SeededResident,
} from './lib/seed.js';
import { startVaultChild, type StorageStats } from './lib/vault-child.js';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const SECONDS = Number(env('BENCH_MIXED_SECONDS', '60'));
const RATE = Number(env('BENCH_MIXED_RATE', '500'));
const STEP_SECONDS = Number(env('BENCH_MIXED_STEP_SECONDS', '10'));
const STEPS = env('BENCH_MIXED_STEPS', '4,8,16,32,64,128').split(',').filter(Boolean).map(Number);
const RESIDENTS = Number(env('BENCH_MIXED_RESIDENTS', '64'));
const LOG_ENTRIES = Number(env('BENCH_MIXED_LOG_ENTRIES', '500000'));
const WARM_UP_SECONDS = 5;
const IDENTITY_DOCS = 4;
const DOC_BYTES = 100 * 1024;
const P99_TARGET_MS = 100;
const TARGET_RATE = 500;
const TARGET_SECONDS = 60;
/** A request not answered within this is an error (a timeout), whatever it would have answered. */
const TIMEOUT_MS = 10_000;
/**
 * The open-loop schedule stops sending when the load generator itself is this far behind it (its
 * own event loop starved): the figures would no longer be the vault's. The rest count as unsent.
 */
const GIVE_UP_BEHIND_MS = 10_000;
/** The session cookie's name over http (`__Host-cv_session` over https; server/src/config.ts). */
const COOKIE = 'cv_session';
const SESSION_SECRET = randomBytes(32).toString('base64url');

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

// --- the residents and the service, seeded before the vault starts --------------------------------

interface Resident {
  seeded: SeededResident;
  cookie: string;
  identity: SeededDocument[];
  grantId: string;
  requestId: string;
  /**
   * The document the resident uploads new versions of (one upload at a time per resident);
   * `nextVersion` null after a failed upload: it is read back before the next one.
   */
  scratch: { documentId: string; nextVersion: number | null; busy: boolean };
  /** Leaf indexes of the resident's newest log page, as last listed. */
  page: number[];
}

await sodiumReady();
const service = await createBenchService('bench-mixed');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-bench-mixed-'));

async function seed(): Promise<Resident[]> {
  const storage = SqliteStorage.open(path.join(dataDir, 'vault.sqlite'));
  const now = new Date();
  const residents: Resident[] = [];
  try {
    await storage.registerCityService(service.record(now));
    for (let i = 0; i < RESIDENTS; i += 1) {
      const seeded = await seedResident(storage, i, now);
      const identity: SeededDocument[] = [];
      for (let d = 0; d < IDENTITY_DOCS; d += 1) {
        const options = {
          category: 'identity' as const,
          bytes: DOC_BYTES,
          name: `id-${d}.pdf`,
          now,
        };
        identity.push(await seedDocument(storage, seeded, options));
      }
      const scratch = await seedDocument(storage, seeded, {
        category: 'other',
        bytes: DOC_BYTES,
        name: 'notes.pdf',
        now,
      });
      const { grantId, requestId } = await seedGrant(storage, service, seeded, identity, {
        category: 'identity',
        now,
      });
      // A live session, as a sign-in leaves it: the database holds only the token's HMAC.
      const token = randomBytes(32).toString('base64url');
      await storage.createSession({
        idHash: hashSessionToken(SESSION_SECRET, token),
        publicId: randomBytes(16).toString('base64url'),
        residentId: seeded.id,
        method: 'eid',
        userAgent: 'citizen-vault mixed-load bench',
        createdAt: now,
        lastSeenAt: now,
        absoluteExpiresAt: new Date(now.getTime() + 12 * 3_600_000),
      });
      residents.push({
        seeded,
        cookie: `${COOKIE}=${token}`,
        identity,
        grantId,
        requestId,
        scratch: { documentId: scratch.documentId, nextVersion: 2, busy: false },
        page: [],
      });
    }
  } finally {
    await storage.close();
  }
  return residents;
}

let t0 = performance.now();
// Nothing else holds the process open yet, and the storage's WAL checkpointer thread is unref'd:
// without this, `await storage.close()` (which waits for that thread to end) can see the event
// loop empty first, and Node exits with 13 (unsettled top-level await) in the middle of seeding.
const keepAlive = setInterval(() => undefined, 1000);
const residents = await seed().finally(() => clearInterval(keepAlive));
const seedSeconds = (performance.now() - t0) / 1000;
t0 = performance.now();
const vault = await startVaultChild({
  BENCH_DATA_DIR: dataDir,
  BENCH_PREFILL_LOG: String(LOG_ENTRIES),
  BENCH_PREFILL_RESIDENTS: JSON.stringify(residents.map((r) => r.seeded.id)),
  VAULT_SESSION_SECRET: SESSION_SECRET,
  VAULT_QUOTA_BYTES: String(2 ** 40),
  // The service's own limits are policy, not capacity: lifted so that they do not answer 429.
  VAULT_RATE_LIMIT_SERVICE_TOKEN: '100000000',
  VAULT_RATE_LIMIT_SERVICE_REQUESTS: '100000000',
  VAULT_SERVICE_QUOTA: '100000000',
  VAULT_SERVICE_TOKEN_TTL_S: '3600',
});
const startSeconds = (performance.now() - t0) / 1000;

const residentClient = new LeanClient(vault.origin, { origin: vault.origin }, 256);
const serviceClient = new LeanClient(
  vault.origin,
  { authorization: `Bearer ${await service.token(vault.origin)}` },
  256,
);

// --- the mix -------------------------------------------------------------------------------------

interface Outcome {
  status: number;
  /** Why an answer with the expected status is still wrong (e.g. a short download). */
  problem?: string;
}

interface Kind {
  name: string;
  /** Requests of this kind in every 100. */
  weight: number;
  expect: number;
  run(r: Resident): Promise<Outcome>;
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
const asResident = (r: Resident) => ({ cookie: r.cookie });
const options = { timeoutMs: TIMEOUT_MS };
const sinkOptions = { timeoutMs: TIMEOUT_MS, sink: () => undefined };
/** The newest checkpoint's size, as last fetched: inclusion proofs are asked against it. */
let checkpointSize = 0;
const plaintext = randomBytes(DOC_BYTES);

const get = async (r: Resident, url: string): Promise<Outcome> => {
  const res = await residentClient.request('GET', url, undefined, asResident(r), options);
  return { status: res.status };
};

async function readLogPage(r: Resident): Promise<Outcome> {
  const res = await residentClient.request(
    'GET',
    '/api/log/entries?limit=50',
    undefined,
    asResident(r),
    options,
  );
  if (res.status === 200) {
    const page = (JSON.parse(res.body.toString()) as LogEntriesResponse).entries.map(
      (e) => e.index,
    );
    // The page a resident last saw whose entries a checkpoint covers: what the proofs are for.
    if (page.some((i) => i < checkpointSize)) r.page = page;
  }
  return { status: res.status };
}

async function readCheckpoint(): Promise<Outcome> {
  const res = await residentClient.request('GET', '/log/checkpoint', undefined, {}, options);
  // A signed note (C2SP tlog-checkpoint): origin, then the tree size, then the root hash.
  if (res.status === 200) {
    checkpointSize = Math.max(checkpointSize, Number(res.body.toString().split('\n')[1]));
  }
  return { status: res.status };
}

async function proveLogPage(r: Resident): Promise<Outcome> {
  const covered = r.page.filter((i) => i < checkpointSize);
  if (covered.length === 0) return { status: 0, problem: 'no entry of the page is checkpointed' };
  return get(r, `/api/log/proofs/inclusion?size=${checkpointSize}&index=${covered.join(',')}`);
}

async function download(r: Resident): Promise<Outcome> {
  const doc = pick(r.identity);
  const res = await residentClient.request(
    'GET',
    `/api/documents/${doc.documentId}/versions/1/content`,
    undefined,
    asResident(r),
    sinkOptions,
  );
  const short = res.status === 200 && res.bytes !== doc.ciphertextBytes;
  return { status: res.status, ...(short ? { problem: `${res.bytes} bytes` } : {}) };
}

async function serviceRead(r: Resident): Promise<Outcome> {
  const doc = pick(r.identity);
  const res = await serviceClient.request(
    'GET',
    `/api/v1/service/grants/${r.grantId}/documents/${doc.documentId}?purpose=${service.purpose}`,
    undefined,
    {},
    sinkOptions,
  );
  // The framed answer: u32 prelude length ‖ prelude ‖ the ciphertext.
  const short = res.status === 200 && res.bytes <= doc.ciphertextBytes;
  return { status: res.status, ...(short ? { problem: `${res.bytes} bytes` } : {}) };
}

async function highestVersion(r: Resident, documentId: string): Promise<number> {
  const res = await residentClient.request(
    'GET',
    `/api/documents/${documentId}`,
    undefined,
    asResident(r),
    options,
  );
  if (res.status !== 200) throw new Error(`the document answered ${res.status}`);
  return (JSON.parse(res.body.toString()) as DocumentResponse).document.current.version;
}

/** A new version of the resident's scratch document, encrypted here, in one request (201). */
async function upload(first: Resident): Promise<Outcome> {
  // One upload at a time per resident: two at once would race for the same version number.
  const start = residents.indexOf(first);
  let r = first;
  for (let i = 1; r.scratch.busy && i <= residents.length; i += 1) {
    r = residents[(start + i) % residents.length]!;
  }
  if (r.scratch.busy) return { status: 0, problem: 'every resident is uploading' };
  r.scratch.busy = true;
  try {
    const { documentId } = r.scratch;
    // After a failed upload (a timeout, say) the vault may have stored that version or not.
    const version = r.scratch.nextVersion ?? (await highestVersion(r, documentId)) + 1;
    const dk = generateDocumentKey();
    const ctx = { documentId, version, ownerId: r.seeded.id };
    const enc = createDocumentEncryptor(dk, ctx, plaintext.length);
    const chunks = [...enc.push(plaintext), ...enc.finish()];
    const prelude: PutVersionPrelude = {
      category: 'other',
      chunkCount: chunks.length,
      header: toBase64url(enc.header),
      wrappedKey: toBase64url(sealDocumentKey(dk, r.seeded.keys.publicKey)),
      metadata: toBase64url(
        encryptMetadata(dk, ctx, { name: 'notes.pdf', type: 'application/pdf', size: DOC_BYTES }),
      ),
    };
    const json = Buffer.from(JSON.stringify(prelude));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(json.length);
    const res = await residentClient.request(
      'PUT',
      `/api/documents/${documentId}/versions/${version}`,
      Buffer.concat([length, json, ...chunks]),
      { ...asResident(r), 'content-type': 'application/octet-stream' },
      options,
    );
    r.scratch.nextVersion = res.status === 201 ? version + 1 : null;
    return { status: res.status };
  } catch (error) {
    r.scratch.nextVersion = null;
    throw error;
  } finally {
    r.scratch.busy = false;
  }
}

async function fileRequest(r: Resident): Promise<Outcome> {
  const body: CreateServiceRequestBody = {
    nationalId: r.seeded.nationalId,
    categories: ['identity'],
    purpose: service.purpose,
    legalBasis: 'public-task',
    retentionDays: 30,
    answerBy: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  };
  const res = await serviceClient.request(
    'POST',
    '/api/v1/service/requests',
    JSON.stringify(body),
    { 'content-type': 'application/json' },
    options,
  );
  return { status: res.status };
}

async function pollRequest(r: Resident): Promise<Outcome> {
  const res = await serviceClient.request(
    'GET',
    `/api/v1/service/requests/${r.requestId}`,
    undefined,
    {},
    options,
  );
  if (res.status !== 200) return { status: res.status };
  const { request } = JSON.parse(res.body.toString()) as ServiceRequestResponse;
  return { status: 200, ...(request.grantId !== r.grantId ? { problem: 'wrong grant' } : {}) };
}

/**
 * The mix, per 100 requests (docs/performance.md "Mixed load" says why). Kinds marked "logged"
 * append an access-log entry before they answer: 43 of every 100 requests.
 */
const KINDS: Kind[] = [
  // Residents browsing: what the web app asks when a page opens (49).
  { name: 'GET /api/me', weight: 12, expect: 200, run: (r) => get(r, '/api/me') },
  { name: 'GET /api/documents', weight: 12, expect: 200, run: (r) => get(r, '/api/documents') },
  { name: 'GET /api/requests', weight: 8, expect: 200, run: (r) => get(r, '/api/requests') },
  { name: 'GET /api/consents', weight: 5, expect: 200, run: (r) => get(r, '/api/consents') },
  { name: 'log page (50 newest)', weight: 6, expect: 200, run: readLogPage },
  { name: 'GET /log/checkpoint', weight: 3, expect: 200, run: readCheckpoint },
  { name: 'log page proofs', weight: 3, expect: 200, run: proveLogPage },
  // Residents downloading and uploading (17).
  { name: 'download 100 KiB (logged)', weight: 12, expect: 200, run: download },
  { name: 'upload 100 KiB (logged)', weight: 5, expect: 201, run: upload },
  // City services (34).
  { name: 'service read 100 KiB (logged)', weight: 22, expect: 200, run: serviceRead },
  { name: 'service polls a request', weight: 8, expect: 200, run: pollRequest },
  { name: 'service files a request (logged)', weight: 4, expect: 201, run: fileRequest },
];
if (KINDS.reduce((sum, k) => sum + k.weight, 0) !== 100) throw new Error('the mix is not 100');

/** Deals kinds from shuffled decks of 100, so that every 100 requests hold exactly the mix. */
function dealer(): () => number {
  let deck: number[] = [];
  return () => {
    if (deck.length === 0) {
      deck = KINDS.flatMap((k, i) => Array<number>(k.weight).fill(i));
      for (let i = deck.length - 1; i > 0; i -= 1) {
        const j = Math.floor(Math.random() * (i + 1));
        [deck[i], deck[j]] = [deck[j]!, deck[i]!];
      }
    }
    return deck.pop()!;
  };
}

// --- measuring -----------------------------------------------------------------------------------

interface Sample {
  kind: number;
  ms: number;
  error: string | null;
}

async function once(kind: number): Promise<string | null> {
  const k = KINDS[kind]!;
  try {
    const outcome = await k.run(pick(residents));
    if (outcome.problem) return `${k.name}: ${outcome.problem}`;
    if (outcome.status !== k.expect) return `${k.name}: answered ${outcome.status}`;
    return null;
  } catch (error) {
    return `${k.name}: ${(error as Error).message}`;
  }
}

interface Run {
  samples: Sample[];
  /** From the first request's (scheduled) start to the last answer. */
  seconds: number;
  vaultCpuMs: number;
  clientCpuMs: number;
  /** Requests the open-loop schedule did not send because it fell too far behind. */
  unsent: number;
}

async function measure(body: () => Promise<{ samples: Sample[]; unsent: number }>): Promise<Run> {
  const cpu = { vault: vault.cpuMs(), client: process.cpuUsage() };
  const started = performance.now();
  const { samples, unsent } = await body();
  const client = process.cpuUsage(cpu.client);
  return {
    samples,
    seconds: (performance.now() - started) / 1000,
    vaultCpuMs: vault.cpuMs() - cpu.vault,
    clientCpuMs: (client.user + client.system) / 1000,
    unsent,
  };
}

/** `concurrency` workers, each sending its next request when the last one is answered. */
function closedLoop(concurrency: number, seconds: number): Promise<Run> {
  return measure(async () => {
    const next = dealer();
    const samples: Sample[] = [];
    const deadline = performance.now() + seconds * 1000;
    const worker = async () => {
      while (performance.now() < deadline) {
        const kind = next();
        const t = performance.now();
        const error = await once(kind);
        samples.push({ kind, ms: performance.now() - t, error });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { samples, unsent: 0 };
  });
}

/** `rate` requests a second on a fixed schedule; latency from each one's scheduled start. */
function openLoop(rate: number, seconds: number): Promise<Run> {
  return measure(
    () =>
      new Promise((resolve) => {
        const next = dealer();
        const samples: Sample[] = [];
        const total = Math.round(rate * seconds);
        const start = performance.now();
        let sent = 0;
        let answered = 0;
        let unsent = 0;
        const finish = () => {
          if (answered + unsent === total) resolve({ samples, unsent });
        };
        const tick = () => {
          const now = performance.now();
          const due = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
          if (now - (start + (sent * 1000) / rate) > GIVE_UP_BEHIND_MS) {
            unsent = total - sent;
            sent = total;
            finish();
            return;
          }
          for (; sent < due; sent += 1) {
            const scheduled = start + (sent * 1000) / rate;
            const kind = next();
            void once(kind).then((error) => {
              samples.push({ kind, ms: performance.now() - scheduled, error });
              answered += 1;
              finish();
            });
          }
          // Wake for the next request's time (timers fire 1 ms late at best; it waits no longer).
          if (sent < total) setTimeout(tick, start + (sent * 1000) / rate - performance.now());
        };
        tick();
      }),
  );
}

interface Figures {
  count: number;
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

function figures(samples: Sample[], seconds: number): Figures {
  const ms = samples.map((s) => s.ms);
  return {
    count: samples.length,
    rate: samples.length / seconds,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    errors: samples.filter((s) => s.error !== null).length,
  };
}

const line = (f: Figures) =>
  `${fmt(f.rate).padStart(6)} req/s   p50 ${fmt(f.p50, 1).padStart(6)}   p95 ${fmt(f.p95, 1).padStart(6)}   p99 ${fmt(f.p99, 1).padStart(7)} ms   errors ${f.errors}`;

/** Prints errors so that nobody can miss them: how many, and the first few reasons. */
function shoutErrors(run: Run, phase: string): void {
  const errors = run.samples.filter((s) => s.error !== null);
  if (errors.length === 0 && run.unsent === 0) return;
  console.log(
    `\n  !!!!! ${phase}: ${errors.length} ERRORS, ${run.unsent} requests never sent !!!!!`,
  );
  const reasons = new Map<string, number>();
  for (const e of errors) reasons.set(e.error!, (reasons.get(e.error!) ?? 0) + 1);
  for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
    console.log(`  !!!!! ${String(n).padStart(6)} × ${reason}`);
  }
  console.log('');
}

function printStats(label: string, before: StorageStats, after: StorageStats, run: Run): void {
  const n = run.samples.length;
  console.log(
    `  ${label}: vault CPU ${fmt((run.vaultCpuMs * 1000) / n)} µs/request (all threads), load generator ${fmt((run.clientCpuMs * 1000) / n)} µs/request, vault RSS ${fmt(vault.rss() / 2 ** 20)} MiB`,
  );
  if (before.writes && after.writes) {
    const writes = after.writes.writes - before.writes.writes;
    const batches = after.writes.batches - before.writes.batches;
    console.log(
      `  group commit: ${fmt(writes)} writes in ${fmt(batches)} commits (${fmt(writes / Math.max(1, batches), 1)} per commit, largest so far ${after.writes.largestBatch})`,
    );
  }
}

/**
 * Waits until the vault is nearly idle (under 10 % of a core for half a second), at most 60 s:
 * requests a phase gave up on (timeouts) may still be running there, and would weigh on the next.
 */
async function settle(): Promise<void> {
  const until = performance.now() + 60_000;
  let quiet = 0;
  while (quiet < 2 && performance.now() < until) {
    const cpu = vault.cpuMs();
    await new Promise((r) => setTimeout(r, 250));
    quiet = vault.cpuMs() - cpu < 25 ? quiet + 1 : 0;
  }
}

// --- the run -------------------------------------------------------------------------------------

try {
  // Each resident's newest page and the newest checkpoint, as the web app's log page would have.
  for (let i = 0; checkpointSize === 0; i += 1) {
    const outcome = await readCheckpoint();
    if (outcome.status !== 200 && i > 100) throw new Error('no checkpoint was signed');
    if (checkpointSize === 0) await new Promise((r) => setTimeout(r, 100));
  }
  for (const r of residents) {
    if ((await readLogPage(r)).status !== 200) throw new Error('log page failed');
  }
  const load = os.loadavg()[0]!;
  console.log(
    `Mixed load: ${RESIDENTS} residents (${IDENTITY_DOCS + 1} documents of ${fmt(DOC_BYTES / 1024)} KiB each, ${IDENTITY_DOCS} granted to one service), access log of ${fmt(LOG_ENTRIES)} entries, ${os.cpus().length} cores, Node ${process.version}`,
  );
  console.log(
    `  setup: seeding ${fmt(seedSeconds, 1)} s, vault start with the log fill ${fmt(startSeconds, 1)} s (the fill is the [vault] line above)`,
  );
  console.log(`  mix per 100 requests: ${KINDS.map((k) => `${k.name} ${k.weight}`).join(', ')}`);
  console.log(
    `  load average at the start: ${fmt(load, 1)}${load > 1.5 ? ' — the machine is busy: the figures below are low and noisy; take figures from a quiet run' : ''}`,
  );

  shoutErrors(await closedLoop(8, WARM_UP_SECONDS), 'warm-up');
  await settle();

  console.log(
    `\nHeld: ${fmt(RATE)} requests/s offered on a schedule for ${fmt(SECONDS)} s (latency from each request's scheduled start):`,
  );
  const before = await vault.storageStats();
  const held = await openLoop(RATE, SECONDS);
  const after = await vault.storageStats();
  const all = figures(held.samples, held.seconds);
  console.log(`  all kinds                         ${line(all)}`);
  KINDS.forEach((k, i) => {
    const f = figures(
      held.samples.filter((s) => s.kind === i),
      held.seconds,
    );
    console.log(`  ${k.name.padEnd(33)} ${line(f)}`);
  });
  printStats('held', before, after, held);
  shoutErrors(held, 'held');
  // Held means: every scheduled request answered, none with an error, p99 under the target.
  // The rate is the schedule's; the vault held it only if it answered all of it in time.
  const missed = [
    ...(held.unsent > 0
      ? [`${fmt(held.unsent)} never sent (fell ${GIVE_UP_BEHIND_MS / 1000} s behind)`]
      : []),
    ...(all.errors > 0 ? [`${fmt(all.errors)} errors`] : []),
    ...(all.p99 >= P99_TARGET_MS ? [`p99 ${fmt(all.p99, 1)} ms`] : []),
  ];
  const short = RATE < TARGET_RATE || SECONDS < TARGET_SECONDS;
  const verdict =
    missed.length > 0
      ? 'MISS'
      : short
        ? 'PASS (at a lighter or shorter load than the target: not a verdict)'
        : 'PASS';
  console.log(
    `  ${verdict} against ≥ ${TARGET_RATE} req/s held ${TARGET_SECONDS} s with p99 < ${P99_TARGET_MS} ms and 0 errors: offered ${fmt(RATE)} req/s for ${fmt(SECONDS)} s; ${fmt(held.samples.length - all.errors)} of ${fmt(held.samples.length + held.unsent)} answered as expected, the last request done ${fmt(held.seconds, 1)} s after the start; p99 ${fmt(all.p99, 1)} ms; ${fmt(all.errors)} errors${missed.length > 0 ? ` — missed: ${missed.join(', ')}` : ''}${short ? ` (a run of ${fmt(RATE)} req/s for ${fmt(SECONDS)} s: shorter or lighter than the target)` : ''}`,
  );

  if (STEPS.length > 0) {
    console.log(
      `\nKnee: closed loop, ${fmt(STEP_SECONDS)} s per step (each worker sends its next request when the last is answered):`,
    );
    const steps: { concurrency: number; f: Figures }[] = [];
    let knee: string | null = null;
    for (const concurrency of STEPS) {
      await settle();
      const run = await closedLoop(concurrency, STEP_SECONDS);
      const f = figures(run.samples, run.seconds);
      const cpu = fmt((run.vaultCpuMs * 1000) / run.samples.length);
      console.log(
        `  ${String(concurrency).padStart(4)} in flight   ${line(f)}   vault CPU ${cpu} µs/req`,
      );
      shoutErrors(run, `${concurrency} in flight`);
      const previous = steps.at(-1)?.f;
      if (knee === null && f.p99 >= P99_TARGET_MS) {
        knee = `at ${concurrency} in flight p99 climbs past ${P99_TARGET_MS} ms (${fmt(f.p99, 1)} ms at ${fmt(f.rate)} req/s)`;
      } else if (knee === null && previous && f.rate < previous.rate * 1.1) {
        knee = `at ${concurrency} in flight throughput stops growing (${fmt(previous.rate)} → ${fmt(f.rate)} req/s, p99 ${fmt(f.p99, 1)} ms)`;
      }
      steps.push({ concurrency, f });
    }
    const within = steps.filter((s) => s.f.p99 < P99_TARGET_MS && s.f.errors === 0);
    const best = within.sort((a, b) => b.f.rate - a.f.rate)[0];
    console.log(`  knee: ${knee ?? 'not reached in these steps'}`);
    console.log(
      `  most requests/s with p99 < ${P99_TARGET_MS} ms and no error: ${best ? `${fmt(best.f.rate)} at ${best.concurrency} in flight` : 'none'}`,
    );
  }
  console.log(`  load average at the end: ${fmt(os.loadavg()[0]!, 1)}`);
} finally {
  residentClient.close();
  serviceClient.close();
  await vault.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
