import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { LIBSODIUM_VECTOR_FILES } from '../../crypto/src/testing/libsodium-vectors.js';
import type { VectorReport } from '../../crypto/src/testing/run-libsodium-vectors.js';
import { launchChromium } from './browser.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const vectorDir = path.resolve(root, '..', 'shared', 'vectors', 'libsodium');
/** The vault's own script policy: WebAssembly allowed, nothing inline, nothing else. */
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'";

describe('crypto/ in Chromium, under the vault’s CSP', () => {
  let browser: Browser;
  let server: http.Server;
  let origin: string;
  let outDir: string;

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-crypto-page-'));
    // A real build of a test page that imports crypto/ (and so the libsodium the app ships).
    await build({
      root: path.join(root, 'test', 'browser'),
      logLevel: 'error',
      configFile: false,
      build: { outDir, emptyOutDir: true, modulePreload: { polyfill: false } },
    });
    server = http.createServer((req, res) => {
      const file = path.join(outDir, req.url === '/' ? 'index.html' : (req.url ?? ''));
      if (!file.startsWith(outDir) || !fs.existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      const type = file.endsWith('.js') ? 'text/javascript' : 'text/html';
      res.writeHead(200, { 'content-type': type, 'content-security-policy': CSP });
      fs.createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('passes the libsodium vectors and refuses a tampered document', async () => {
    const files = Object.fromEntries(
      Object.values(LIBSODIUM_VECTOR_FILES).map((name) => [
        name,
        fs.readFileSync(path.join(vectorDir, name), 'utf8'),
      ]),
    );
    const context = await browser.newContext();
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(origin);
    await page.waitForSelector('body[data-ready="true"]');
    const report = (await page.evaluate(
      `runLibsodiumVectors(${JSON.stringify(files)})`,
    )) as VectorReport;
    expect(report.failures).toEqual([]);
    expect(report.counts).toEqual({
      secretstream: 9,
      'sealed box': 3,
      'argon2id raw': 10,
      'argon2id str': 20,
      'xchacha20-poly1305': 2,
      'box seed': 1,
      document: 2,
    });
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
