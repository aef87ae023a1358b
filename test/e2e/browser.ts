import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startVault, type TestVault } from '../helpers/start-vault.js';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type CDPSession,
  type Page,
} from 'playwright-core';

/** Where Debian's Chromium lives, unless CHROMIUM_PATH says otherwise. */
export function chromiumPath(): string {
  const candidate = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!fs.existsSync(candidate)) {
    throw new Error(
      `Chromium was not found at ${candidate}. The end-to-end tests need Debian's Chromium: ` +
        'install it with `apt-get update && apt-get install -y chromium`, ' +
        'or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return candidate;
}

/** Launches headless Chromium with the flags this machine needs (no sandbox as root, no network). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The built web app that the vault serves in end-to-end tests. */
export function builtWebRoot(): string {
  const root = path.resolve(import.meta.dirname, '..', '..', 'dist', 'web');
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error('The web app is not built: run `npm run build` before the end-to-end tests.');
  }
  return root;
}

/**
 * Adds a CTAP2 platform authenticator with resident keys, user verification and PRF to a page
 * (Chrome DevTools Protocol, WebAuthn domain).
 */
export async function addVirtualAuthenticator(
  context: BrowserContext,
  page: Page,
): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
      hasPrf: true,
    },
  });
  return { cdp, authenticatorId };
}

/** What {@link useBrowserAndVault} provides to the tests of a `describe` block. */
export interface BrowserAndVault {
  readonly browser: Browser;
  readonly vault: TestVault;
}

/**
 * Registers hooks for one Chromium per `describe` block and a fresh vault (free port, fresh data
 * directory, the built web app) per test. Tests still make their own browser contexts.
 */
export function useBrowserAndVault(): BrowserAndVault {
  let browser: Browser | undefined;
  let vault: TestVault | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    vault = await startVault({ webRoot: builtWebRoot() });
  });
  afterEach(async () => {
    await vault?.close();
  });
  return {
    get browser() {
      if (!browser) throw new TypeError('browser used outside a test');
      return browser;
    },
    get vault() {
      if (!vault) throw new TypeError('vault used outside a test');
      return vault;
    },
  };
}

/** The vault's own script policy: WebAssembly allowed, nothing inline, nothing else. */
const TEST_PAGE_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'";

/** The test page of test/browser/, built and served on a free loopback port. */
export interface TestPage {
  /** Open this, then wait for `body[data-ready="true"]`. */
  origin: string;
  close(): Promise<void>;
}

/**
 * Builds test/browser/ (crypto/ with the libsodium the app ships; globals `runLibsodiumVectors`
 * and `benchResidentLog`) with Vite and serves it under the vault's CSP. Callers must `close()`.
 */
export async function serveTestPage(): Promise<TestPage> {
  const { build } = await import('vite');
  const root = path.resolve(import.meta.dirname, '..', '..');
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-test-page-'));
  await build({
    root: path.join(root, 'test', 'browser'),
    logLevel: 'error',
    configFile: false,
    build: { outDir, emptyOutDir: true, modulePreload: { polyfill: false } },
  });
  const server = http.createServer((req, res) => {
    const file = path.join(outDir, req.url === '/' ? 'index.html' : (req.url ?? ''));
    if (!file.startsWith(outDir) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.js') ? 'text/javascript' : 'text/html';
    res.writeHead(200, { 'content-type': type, 'content-security-policy': TEST_PAGE_CSP });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(outDir, { recursive: true, force: true });
    },
  };
}
