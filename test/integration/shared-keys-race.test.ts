import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * Issue 7: vault nodes starting at the same moment on one shared data directory end up with one
 * log key and one receipt key, and each loads that one. Real processes (the built server's
 * modules, `npm run build:server` first), released together by a shared start time.
 */

const built = (relative: string) =>
  fileURLToPath(new URL(`../../dist/server/src/${relative}`, import.meta.url));
const LOG_KEY = built('modules/access-log/log-key.js');
const RECEIPT_KEY = built('modules/consent/receipts/receipt-signer.js');
const SODIUM = fileURLToPath(new URL('../../dist/crypto/src/sodium.js', import.meta.url));
const NODES = 6;

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs one "node": waits for `startAt`, then loads or creates both keys; prints what it got. */
function node(startAt: number): Promise<{ log: string; receipt: string; created: boolean[] }> {
  const script = `
    const { sodiumReady } = await import(${JSON.stringify(SODIUM)});
    const { loadOrCreateLogKey } = await import(${JSON.stringify(LOG_KEY)});
    const { loadOrCreateReceiptSigner } = await import(${JSON.stringify(RECEIPT_KEY)});
    await sodiumReady();
    while (Date.now() < ${startAt}) {} // every process starts creating at the same moment
    const log = loadOrCreateLogKey(${JSON.stringify(path.join(dir, 'log-signer.key'))}, 'vault.test/log');
    const receipt = loadOrCreateReceiptSigner(${JSON.stringify(path.join(dir, 'receipt-signer.key'))}, 'https://vault.test');
    process.stdout.write(JSON.stringify({
      log: log.key.verifierKey,
      receipt: receipt.signer.publicJwk.kid,
      created: [log.created, receipt.created],
    }));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('exit', (code) => {
      if (code === 0)
        resolve(JSON.parse(out) as { log: string; receipt: string; created: boolean[] });
      else reject(new Error(`node exited ${code}: ${err}`));
    });
  });
}

describe('keys made by nodes starting at once on a shared volume', () => {
  it(`${NODES} processes: one log key and one receipt key, made by one each and loaded by all`, async () => {
    for (const file of [LOG_KEY, RECEIPT_KEY, SODIUM]) {
      expect(fs.existsSync(file), 'run `npm run build:server` first').toBe(true);
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-key-race-'));
    // Long enough for every process to have loaded its modules on a busy machine.
    const startAt = Date.now() + 4_000;
    const results = await Promise.all(Array.from({ length: NODES }, () => node(startAt)));
    expect(new Set(results.map((r) => r.log)).size).toBe(1);
    expect(new Set(results.map((r) => r.receipt)).size).toBe(1);
    expect(results.filter((r) => r.created[0]).length).toBe(1);
    expect(results.filter((r) => r.created[1]).length).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual(['log-signer.key', 'receipt-signer.key']);
  });
});
