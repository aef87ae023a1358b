/**
 * Document benchmarks (issue 3): uploads and downloads through the HTTP API with crypto/ in the
 * client, against a bare node:http server as the machine's ceiling; one large document and the
 * server's memory; the crypto ceiling; start-up; aborted downloads. Run by `npm run bench`.
 */
import { spawn } from 'node:child_process';
import { randomFillSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  createDocumentDecryptor,
  createDocumentEncryptor,
  createPasskeySlot,
  decryptMetadata,
  encryptMetadata,
  fromBase64url,
  createRecoverySlot,
  generateDocumentKey,
  generateMasterKey,
  generateResidentKeys,
  openDocumentKey,
  sealDocumentKey,
  sealResidentSecretKeys,
  sodiumReady,
  toBase64url,
  type PrfOutput,
  type ResidentKeys,
} from '../crypto/src/index.js';
import type {
  CreateUploadResponse,
  DocumentListResponse,
  DocumentResponse,
  DocumentVersionView,
  EnrolRequest,
  PutVersionPrelude,
} from '../server/src/contracts/index.js';
import { HttpClient } from '../test/helpers/http-client.js';
import { signInWithLocalEid } from '../test/helpers/sign-in.js';
import { SoftAuthenticator } from '../test/helpers/soft-authenticator.js';
import { registerPasskey } from '../test/helpers/vault-fixtures.js';
import { startBareServer } from './lib/bare-server.js';
import { benchCryptoCeiling } from './crypto-ceiling.js';
import { LeanClient, percentile, runPool } from './lib/lean-client.js';
import { startVaultChild, type StorageStats, type VaultChild } from './lib/vault-child.js';

const MB = 1e6;
const MiB = 2 ** 20;
const DOCS = Number(process.env['BENCH_DOCS'] ?? 1000);
const CONCURRENCY = 16;
const LARGE_SIZES = (process.env['BENCH_LARGE_MIB'] ?? '64,256,1024').split(',').map(Number);

/** Fast deterministic-enough filler (randombytes in wasm is slow for bulk data). */
function filler(bytes: number): Buffer {
  return randomFillSync(Buffer.allocUnsafe(bytes));
}

interface Session {
  client: LeanClient;
  residentId: string;
  keys: ResidentKeys;
}

/** Signs in through the local eID, registers a passkey and enrols with real crypto/ keys. */
async function prepareResident(vault: VaultChild): Promise<Session> {
  const http1 = new HttpClient(vault.origin);
  const me = await signInWithLocalEid(http1);
  const residentId = me.body.resident.id;
  const credential = await registerPasskey(http1, new SoftAuthenticator({ origin: vault.origin }));
  const masterKey = generateMasterKey();
  const keys = generateResidentKeys();
  const prf = filler(32) as unknown as PrfOutput;
  const passkeySlotId = randomUUID();
  const recoverySlotId = randomUUID();
  const enrol: EnrolRequest = {
    keys: {
      x25519PublicKey: toBase64url(keys.x25519PublicKey),
      ed25519PublicKey: toBase64url(keys.ed25519PublicKey),
      secretKeysEnvelope: toBase64url(sealResidentSecretKeys(masterKey, residentId, keys)),
    },
    slots: [
      {
        id: passkeySlotId,
        kind: 'passkey',
        credentialId: credential.credentialIdB64,
        envelope: toBase64url(
          createPasskeySlot(masterKey, prf, { residentId, slotId: passkeySlotId }),
        ),
      },
      {
        id: recoverySlotId,
        kind: 'recovery',
        envelope: toBase64url(
          createRecoverySlot(masterKey, { residentId, slotId: recoverySlotId }).envelope,
        ),
      },
    ],
  };
  const enrolled = await http1.post('/api/vault/enrol', enrol);
  if (enrolled.status !== 201)
    throw new Error(`enrol answered ${enrolled.status}: ${enrolled.text}`);
  const cookie = http1.cookieHeader();
  return {
    client: new LeanClient(vault.origin, { cookie, origin: vault.origin }),
    residentId,
    keys,
  };
}

const json = (body: unknown) => JSON.stringify(body);
const JSON_HEADERS = { 'content-type': 'application/json' };

/** Encrypts and uploads one document (crypto/ in the client); returns its id. */
async function uploadWithLayout(
  s: Session,
  plaintext: Uint8Array,
  name: string,
  dk = generateDocumentKey(),
): Promise<string> {
  // Layout first (it depends only on the length), then the id the server gives.
  const probe = createDocumentEncryptor(
    dk,
    { documentId: 'x', version: 1, ownerId: 'x' },
    plaintext.length,
  );
  const created = await s.client.request(
    'POST',
    '/api/uploads',
    json({
      category: 'other',
      size: probe.layout.ciphertextLength,
      chunkCount: probe.layout.chunkCount,
    }),
    JSON_HEADERS,
  );
  if (created.status !== 201) throw new Error(`upload answered ${created.status}: ${created.body}`);
  const up = JSON.parse(created.body.toString()) as CreateUploadResponse;
  const ctx = { documentId: up.documentId, version: up.version, ownerId: s.residentId };
  const enc = createDocumentEncryptor(dk, ctx, plaintext.length);
  let index = 0;
  let batch: Uint8Array[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const body = Buffer.concat(batch);
    const res = await s.client.request(
      'PUT',
      `/api/uploads/${up.uploadId}/chunks?from=${index}`,
      body,
      { 'content-type': 'application/octet-stream' },
    );
    if (res.status !== 200) throw new Error(`chunks answered ${res.status}: ${res.body}`);
    index += batch.length;
    batch = [];
  };
  const PIECE = 4 * MiB;
  for (let offset = 0; offset < plaintext.length; offset += PIECE) {
    for (const c of enc.push(plaintext.subarray(offset, offset + PIECE))) {
      batch.push(c);
      if (batch.length === 16) await flush();
    }
  }
  for (const c of enc.finish()) {
    batch.push(c);
    if (batch.length === 16) await flush();
  }
  await flush();
  const done = await s.client.request(
    'POST',
    `/api/uploads/${up.uploadId}/complete`,
    json({
      header: toBase64url(enc.header),
      wrappedKey: toBase64url(sealDocumentKey(dk, s.keys.x25519PublicKey)),
      metadata: toBase64url(
        encryptMetadata(dk, ctx, {
          name,
          type: 'application/octet-stream',
          size: plaintext.length,
        }),
      ),
    }),
    JSON_HEADERS,
  );
  if (done.status !== 200) throw new Error(`complete answered ${done.status}: ${done.body}`);
  return up.documentId;
}

/**
 * Encrypts a small document for an id the client chooses and stores it with ONE request
 * (`PUT /api/documents/:id/versions/1`, body: u32 prelude length ‖ prelude JSON ‖ chunks).
 */
async function putSmallDocument(
  s: Session,
  plaintext: Uint8Array,
  name: string,
  dk = generateDocumentKey(),
): Promise<string> {
  const documentId = randomUUID();
  const ctx = { documentId, version: 1, ownerId: s.residentId };
  const enc = createDocumentEncryptor(dk, ctx, plaintext.length);
  const chunks = [...enc.push(plaintext), ...enc.finish()];
  const prelude: PutVersionPrelude = {
    category: 'other',
    chunkCount: chunks.length,
    header: toBase64url(enc.header),
    wrappedKey: toBase64url(sealDocumentKey(dk, s.keys.x25519PublicKey)),
    metadata: toBase64url(
      encryptMetadata(dk, ctx, { name, type: 'application/octet-stream', size: plaintext.length }),
    ),
  };
  const json = Buffer.from(JSON.stringify(prelude));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const res = await s.client.request(
    'PUT',
    `/api/documents/${documentId}/versions/1`,
    Buffer.concat([length, json, ...chunks]),
    { 'content-type': 'application/octet-stream' },
  );
  if (res.status !== 201) throw new Error(`put answered ${res.status}: ${res.body}`);
  return documentId;
}

/** The resident's document list, by id: the one request a browser makes before downloads. */
async function listVersions(s: Session): Promise<Map<string, DocumentVersionView>> {
  const res = await s.client.request('GET', '/api/documents');
  const { documents } = JSON.parse(res.body.toString()) as DocumentListResponse;
  return new Map(documents.map((d) => [d.id, d.current]));
}

/** Downloads and decrypts one document; returns the plaintext length (verified to FINAL). */
async function downloadDocument(s: Session, documentId: string): Promise<number> {
  const info = await s.client.request('GET', `/api/documents/${documentId}`);
  const { document } = JSON.parse(info.body.toString()) as DocumentResponse;
  return downloadVersion(s, documentId, document.current);
}

/**
 * Downloads and decrypts a version the client already knows (from the list): one request. Returns
 * the plaintext length (verified to FINAL).
 */
async function downloadVersion(
  s: Session,
  documentId: string,
  v: DocumentVersionView,
): Promise<number> {
  const dk = openDocumentKey(
    fromBase64url(v.wrappedKey),
    s.keys.x25519PublicKey,
    s.keys.x25519SecretKey,
  );
  const ctx = { documentId, version: v.version, ownerId: s.residentId };
  const meta = decryptMetadata(dk, ctx, fromBase64url(v.metadata));
  const dec = createDocumentDecryptor(dk, ctx, fromBase64url(v.header), meta.size);
  let plain = 0;
  await s.client.request(
    'GET',
    `/api/documents/${documentId}/versions/${v.version}/content`,
    undefined,
    {},
    {
      sink: (chunk) => {
        for (const p of dec.push(chunk)) plain += p.length;
      },
    },
  );
  for (const p of dec.finish()) plain += p.length;
  if (plain !== meta.size) throw new Error('short document');
  return plain;
}

const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });

function report(label: string, count: number, bytes: number, ms: number, latencies: number[]) {
  const rate = count / (ms / 1000);
  console.log(
    `  ${label.padEnd(34)} ${fmt(rate).padStart(6)} docs/s ${fmt(bytes / MB / (ms / 1000), 1).padStart(7)} MB/s   p50 ${fmt(percentile(latencies, 50), 1).padStart(6)} ms   p99 ${fmt(percentile(latencies, 99), 1).padStart(6)} ms`,
  );
  return rate;
}

/** How the one-request uploads were committed: writes per fsync, and checkpoints off the loop. */
function printGroupCommit(before: StorageStats, after: StorageStats): void {
  if (!before.writes || !after.writes) return;
  const batches = after.writes.batches - before.writes.batches;
  const writes = after.writes.writes - before.writes.writes;
  const busy = after.writes.busyMs - before.writes.busyMs;
  const checkpoints =
    (after.checkpoints?.checkpoints ?? 0) - (before.checkpoints?.checkpoints ?? 0);
  console.log(
    `    group commit: ${fmt(writes)} writes in ${fmt(batches)} commits (${fmt(writes / batches, 1)} per fsync, largest ${after.writes.largestBatch}, ${fmt(busy / batches, 2)} ms each on the event loop); ${fmt(checkpoints)} background checkpoints${after.checkpoints?.error ? ` (failed: ${after.checkpoints.error})` : ''}`,
  );
}

async function benchManySmall(): Promise<void> {
  const size = 100 * 1024;
  const plaintexts = Array.from({ length: 8 }, () => filler(size));
  console.log(`\n${DOCS} documents of 100 KiB, concurrency ${CONCURRENCY}, lean node:http client:`);

  const bare = await startBareServer();
  const bareClient = new LeanClient(bare.origin);
  const body = filler(size);
  let t0 = performance.now();
  let lat = await runPool(DOCS, CONCURRENCY, async (i) => {
    await bareClient.request('PUT', `/doc/${i}`, body);
  });
  const barePut = report('bare node:http PUT', DOCS, DOCS * size, performance.now() - t0, lat);
  t0 = performance.now();
  lat = await runPool(DOCS, CONCURRENCY, async (i) => {
    await bareClient.request('GET', `/doc/${i}`, undefined, {}, { sink: () => undefined });
  });
  const bareGet = report('bare node:http GET', DOCS, DOCS * size, performance.now() - t0, lat);
  bareClient.close();
  await bare.close();

  const vault = await startVaultChild({ VAULT_QUOTA_BYTES: String(50 * 2 ** 30) });
  try {
    const s = await prepareResident(vault);
    const reserved: string[] = [];
    t0 = performance.now();
    lat = await runPool(DOCS, CONCURRENCY, async (i) => {
      reserved[i] = await uploadWithLayout(s, plaintexts[i % plaintexts.length]!, `r-${i}.bin`);
    });
    report('upload, reserved (3 requests)', DOCS, DOCS * size, performance.now() - t0, lat);
    t0 = performance.now();
    lat = await runPool(DOCS, CONCURRENCY, async (i) => {
      await downloadDocument(s, reserved[i]!);
    });
    report('download, look-up + content', DOCS, DOCS * size, performance.now() - t0, lat);

    const ids: string[] = [];
    const before = await vault.storageStats();
    const cpuBefore = { client: process.cpuUsage(), vault: vault.cpuMs() };
    t0 = performance.now();
    lat = await runPool(DOCS, CONCURRENCY, async (i) => {
      ids[i] = await putSmallDocument(s, plaintexts[i % plaintexts.length]!, `doc-${i}.bin`);
    });
    const up = report('upload, one request', DOCS, DOCS * size, performance.now() - t0, lat);
    printGroupCommit(before, await vault.storageStats());
    const clientCpu = process.cpuUsage(cpuBefore.client);
    console.log(
      `    CPU per document: client ${fmt((clientCpu.user + clientCpu.system) / 1000 / DOCS, 2)} ms (encrypting, HTTP), vault ${fmt((vault.cpuMs() - cpuBefore.vault) / DOCS, 2)} ms (all threads); this machine has 2 cores`,
    );
    t0 = performance.now();
    const known = await listVersions(s);
    lat = await runPool(DOCS, CONCURRENCY, async (i) => {
      await downloadVersion(s, ids[i]!, known.get(ids[i]!)!);
    });
    const down = report(
      'download, list once + 1 request',
      DOCS,
      DOCS * size,
      performance.now() - t0,
      lat,
    );
    console.log(`  ratio upload : bare PUT   ${(up / barePut).toFixed(2)}   (target ≥ 0.5)`);
    console.log(`  ratio download : bare GET ${(down / bareGet).toFixed(2)}   (target ≥ 0.5)`);
    s.client.close();
  } finally {
    await vault.close();
  }
}

async function benchLarge(): Promise<void> {
  console.log('\nOne large document up and down (fresh vault per size; RSS sampled every 20 ms):');
  for (const mib of LARGE_SIZES) {
    const vault = await startVaultChild({
      VAULT_QUOTA_BYTES: String(8 * 2 ** 30),
      VAULT_MAX_DOCUMENT_BYTES: String(2 * 2 ** 30),
    });
    try {
      const s = await prepareResident(vault);
      const idle = vault.rss();
      let peak = idle;
      const sampler = setInterval(() => (peak = Math.max(peak, vault.rss())), 20);
      const plaintext = filler(mib * MiB);
      let t0 = performance.now();
      const id = await uploadWithLayout(s, plaintext, 'large.bin');
      const upMs = performance.now() - t0;
      t0 = performance.now();
      await downloadDocument(s, id);
      const downMs = performance.now() - t0;
      clearInterval(sampler);
      console.log(
        `  ${String(mib).padStart(5)} MiB   up ${fmt((mib * MiB) / MB / (upMs / 1000), 1).padStart(6)} MB/s   down ${fmt((mib * MiB) / MB / (downMs / 1000), 1).padStart(6)} MB/s   server RSS idle ${fmt(idle / MiB)} MiB, peak ${fmt(peak / MiB)} MiB (growth ${fmt((peak - idle) / MiB)} MiB)`,
      );
      s.client.close();
    } finally {
      await vault.close();
    }
  }
  // The ceiling for one large body on this machine.
  const bare = await startBareServer();
  const c = new LeanClient(bare.origin);
  const body = filler(256 * MiB);
  let t0 = performance.now();
  await c.request('PUT', '/large', body);
  const put = performance.now() - t0;
  t0 = performance.now();
  await c.request('GET', '/large', undefined, {}, { sink: () => undefined });
  const get = performance.now() - t0;
  console.log(
    `  bare node:http, 256 MiB: PUT ${fmt((256 * MiB) / MB / (put / 1000), 1)} MB/s, GET ${fmt((256 * MiB) / MB / (get / 1000), 1)} MB/s`,
  );
  c.close();
  await bare.close();
}

async function benchStartup(label: string, extraEnv: Record<string, string>): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-bench-start-'));
  const probe = http.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const t0 = performance.now();
  const child = spawn(process.execPath, ['dist/server/src/main.js'], {
    env: {
      ...process.env,
      ...extraEnv,
      VAULT_PORT: String(port),
      VAULT_DATA_DIR: dataDir,
      VAULT_LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  let ms: number;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) {
        ms = performance.now() - t0;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
    if (performance.now() - t0 > 10_000) throw new Error('vault did not start within 10 s');
  }
  await new Promise((r) => setTimeout(r, 1000));
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  child.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(
    `\nStart-up (${label}) to the first /healthz answer: ${fmt(ms)} ms (target ≤ 1000); idle RSS ${fmt(rss / MiB, 1)} MiB (target ≤ 100)`,
  );
}

async function benchAbortedDownloads(): Promise<void> {
  console.log('\nAborted downloads must not slow anyone else:');
  const vault = await startVaultChild({ VAULT_QUOTA_BYTES: String(8 * 2 ** 30) });
  try {
    const s = await prepareResident(vault);
    const big = await uploadWithLayout(s, filler(64 * MiB), 'big.bin');
    const small = filler(100 * 1024);
    const round = async (label: string) => {
      const ids: string[] = [];
      const t0 = performance.now();
      const lat = await runPool(200, CONCURRENCY, async (i) => {
        ids[i] = await uploadWithLayout(s, small, `s-${i}`);
        await downloadDocument(s, ids[i]!);
      });
      return report(label, 200, 200 * small.length * 2, performance.now() - t0, lat);
    };
    const before = await round('before: upload+download');
    // 16 clients that read half of a 64 MiB document and vanish.
    const info = JSON.parse(
      (await s.client.request('GET', `/api/documents/${big}`)).body.toString(),
    ) as DocumentResponse;
    const url = new URL(
      `/api/documents/${big}/versions/${info.document.current.version}/content`,
      vault.origin,
    );
    await Promise.all(
      Array.from(
        { length: 16 },
        () =>
          new Promise<void>((resolve) => {
            const req = http.get(url, { headers: s.client.headers }, (res) => {
              let got = 0;
              res.on('data', (c: Buffer) => {
                got += c.length;
                if (got >= 32 * MiB) {
                  req.destroy();
                  resolve();
                }
              });
              res.on('error', () => resolve());
              res.on('close', () => resolve());
            });
            req.on('error', () => resolve());
          }),
      ),
    );
    const after = await round('after 16 aborted downloads');
    console.log(`  ratio after : before ${(after / before).toFixed(2)}`);
    s.client.close();
  } finally {
    await vault.close();
  }
}

await sodiumReady();
console.log(
  `Citizen Vault document benchmarks — ${os.cpus().length} cores, Node ${process.version}`,
);
// BENCH_ONLY=small,large… runs a subset (startup, crypto, small, large, aborted).
const only = new Set(
  (process.env['BENCH_ONLY'] ?? 'startup,crypto,small,large,aborted').split(','),
);
if (only.has('startup')) {
  await benchStartup('npm start defaults, local eID stand-in', {});
  await benchStartup('external eID, as deployed', {
    VAULT_EID_MODE: 'external',
    VAULT_EID_ISSUER: 'http://127.0.0.1:9/realms/city',
    VAULT_EID_CLIENT_ID: 'citizen-vault',
    VAULT_EID_CLIENT_SECRET: 'unused-in-this-benchmark',
    VAULT_EID_ALLOW_INSECURE_HTTP: 'true',
  });
}
if (only.has('crypto')) await benchCryptoCeiling();
if (only.has('small')) await benchManySmall();
if (only.has('large')) await benchLarge();
if (only.has('aborted')) await benchAbortedDownloads();
