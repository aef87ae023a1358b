import fs from 'node:fs';
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
