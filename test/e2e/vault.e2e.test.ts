import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatRecoveryCode, sodiumReady, type RecoverySecret } from '../../crypto/src/index.js';
import { messagesEn as en } from '../../web/src/lib/messages.en.js';
import { useBrowserAndVault } from './browser.js';
import {
  PASSPHRASE,
  PNG_1X1,
  documentItem,
  downloadedBytes,
  enrolInWizard,
  makePdf,
  newProfile,
  signInWithEid,
  unlockWithRecovery,
  uploadInUi,
  type TestFile,
} from './vault-flows.js';

const PDF: TestFile = {
  name: 'Carta identità.pdf',
  mimeType: 'application/pdf',
  buffer: makePdf(),
};
const PNG: TestFile = { name: 'Tessera sanitaria.png', mimeType: 'image/png', buffer: PNG_1X1 };

/** Records the allowCredentials of every WebAuthn get() the page makes (test-only). */
const RECORD_ALLOW_CREDENTIALS = `
  window.__allowCredentials = [];
  const originalGet = navigator.credentials.get.bind(navigator.credentials);
  navigator.credentials.get = (options) => {
    const allow = options?.publicKey?.allowCredentials ?? [];
    window.__allowCredentials.push(
      allow.map((c) => btoa(String.fromCharCode(...new Uint8Array(c.id)))
        .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '')),
    );
    return originalGet(options);
  };
`;

/** The vault is locked: still on /unlock, with the unlock forms there. */
async function expectLocked(page: Page) {
  expect(new URL(page.url()).pathname).toBe('/unlock');
  await expect(page.getByTestId('unlock-recovery-input').isVisible()).resolves.toBe(true);
  await expect(page.getByTestId('upload-file').count()).resolves.toBe(0);
}

describe('the document vault end to end, in Chromium', () => {
  const env = useBrowserAndVault();

  it('enrols, uploads a PDF and an image, reloads, unlocks with the passkey, previews and downloads the same bytes', async () => {
    const context = await env.browser.newContext();
    const page = await newProfile(context);
    await signInWithEid(page, env.vault.origin);
    await enrolInWizard(page);
    expect(env.vault.countRows('key_slots')).toBe(3);

    const pdfId = await uploadInUi(page, PDF, 'identity');
    const pngId = await uploadInUi(page, PNG, 'health');
    expect(env.vault.countRows('documents')).toBe(2);

    // A reload ends the worker: the keys are gone and the vault asks to be unlocked.
    await page.reload();
    await page.waitForURL((url) => url.pathname === '/unlock');
    await page.getByTestId('unlock-passkey').click();
    await page.waitForURL((url) => url.pathname === '/');
    const pdfItem = page.locator(`[data-testid="document-item"][data-document-id="${pdfId}"]`);
    const pngItem = page.locator(`[data-testid="document-item"][data-document-id="${pngId}"]`);
    await expect(pdfItem.getByTestId('document-name').textContent()).resolves.toBe(PDF.name);
    await expect(pngItem.getByTestId('document-name').textContent()).resolves.toBe(PNG.name);

    // Preview the image: it decodes (a real image, not a broken one).
    await pngItem.getByTestId('preview-open').click();
    const dialog = page.getByTestId('preview-dialog');
    const image = dialog.getByTestId('preview-image');
    await image.waitFor();
    await page.waitForFunction(
      (el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0,
      await image.elementHandle(),
    );
    expect(await image.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);
    expect(await image.getAttribute('src')).toMatch(/^blob:/);
    await dialog.getByTestId('preview-close').click();
    await dialog.waitFor({ state: 'detached' });

    // Preview the PDF: an iframe on a blob: URL of the decrypted file.
    await pdfItem.getByTestId('preview-open').click();
    const frame = page.getByTestId('preview-dialog').getByTestId('preview-pdf');
    await frame.waitFor();
    const frameSrc = (await frame.getAttribute('src')) ?? '';
    expect(frameSrc).toMatch(/^blob:/);
    await page.getByTestId('preview-close').click();
    await page.getByTestId('preview-dialog').waitFor({ state: 'detached' });

    // Download both: byte for byte what was uploaded, under the original names.
    for (const [item, file] of [
      [pdfItem, PDF],
      [pngItem, PNG],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        item.getByTestId('download').click(),
      ]);
      expect(download.suggestedFilename()).toBe(file.name);
      expect((await downloadedBytes(download)).equals(file.buffer)).toBe(true);
    }
    await context.close();
  });

  it('unlocks with the recovery kit on a fresh profile; a wrong passphrase and wrong kits keep it locked', async () => {
    const first = await env.browser.newContext();
    const page1 = await newProfile(first);
    await signInWithEid(page1, env.vault.origin);
    const { recoveryCode } = await enrolInWizard(page1);
    await uploadInUi(page1, PDF, 'identity');
    await uploadInUi(page1, PNG, 'health');
    await first.close();

    // A new profile: no authenticator, no credentials, no storage.
    const context = await env.browser.newContext();
    const page = await newProfile(context, { authenticator: false });
    await signInWithEid(page, env.vault.origin);
    await page.waitForURL((url) => url.pathname === '/unlock');
    await page.getByTestId('unlock-recovery-input').waitFor();

    const passphraseSection = page.locator('section', {
      has: page.getByTestId('unlock-passphrase-input'),
    });
    const recoverySection = page.locator('section', {
      has: page.getByTestId('unlock-recovery-input'),
    });
    /** Waits for this error in the section of the method just tried (the attempt has ended). */
    const errorIn = (section: Locator, message: string) =>
      section.getByTestId('error').getByText(message, { exact: true }).waitFor();

    // A wrong passphrase.
    await page.getByTestId('unlock-passphrase-input').fill('not my passphrase at all');
    await page.getByTestId('unlock-passphrase-submit').click();
    await errorIn(passphraseSection, en['errors.ERR_SLOT_OPEN_FAILED']);
    await expectLocked(page);

    // A kit for another secret: a valid code (its check characters match) that opens nothing.
    await sodiumReady();
    const otherCode = formatRecoveryCode(new Uint8Array(randomBytes(32)) as RecoverySecret);
    await page.getByTestId('unlock-recovery-input').fill(otherCode);
    await page.getByTestId('unlock-recovery-submit').click();
    await errorIn(recoverySection, en['errors.ERR_SLOT_OPEN_FAILED']);
    await expectLocked(page);

    // The right kit with one character changed: the check characters catch the typo.
    const typo = recoveryCode.replace(/^(.)/, (c) => (c === '7' ? '8' : '7'));
    await page.getByTestId('unlock-recovery-input').fill(typo);
    await page.getByTestId('unlock-recovery-submit').click();
    await errorIn(recoverySection, en['errors.ERR_RECOVERY_CODE_INVALID']);
    await expectLocked(page);

    // The kit the page showed at set-up (typed in lower case, with spaces): the vault opens.
    await unlockWithRecovery(page, recoveryCode.toLowerCase().replace(/-/g, ' '));
    await documentItem(page, PDF.name).waitFor();
    await documentItem(page, PNG.name).waitFor();
    const names = await page.getByTestId('document-name').allTextContents();
    expect(names.sort()).toEqual([PDF.name, PNG.name].sort());
    await context.close();
  });

  it('refuses a passphrase slot whose Argon2id parameters the server weakened', async () => {
    const context = await env.browser.newContext();
    const page = await newProfile(context);
    await page.addInitScript(RECORD_ALLOW_CREDENTIALS);
    await signInWithEid(page, env.vault.origin);
    // A passkey added on the account page first, then chosen in the wizard as an existing one:
    // the PRF ceremony names the account's credential ids.
    await page.getByTestId('account-link').click();
    await page.getByTestId('add-passkey-name').fill('Phone');
    await page.getByTestId('add-passkey').click();
    await page.getByTestId('passkey-item').waitFor();
    await page.goto(`${env.vault.origin}/setup`);
    await enrolInWizard(page, { passkey: 'existing' });
    const credentialIds = (await page.evaluate('window.__allowCredentials')) as string[][];
    const slot = (await page.evaluate("fetch('/api/vault').then((r) => r.json())")) as {
      slots: { kind: string; credentialId: string | null }[];
    };
    const passkeySlot = slot.slots.find((s) => s.kind === 'passkey');
    expect(credentialIds).toEqual([[passkeySlot?.credentialId]]);

    // The "server" now offers the passphrase slot with opsLimit 1 (offset 20, u64 LE).
    let served = 0;
    await context.route('**/api/vault', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as {
        slots: { kind: string; envelope: string }[];
      };
      for (const slot of body.slots) {
        if (slot.kind !== 'passphrase') continue;
        const envelope = Buffer.from(slot.envelope, 'base64url');
        envelope.writeBigUInt64LE(1n, 20);
        slot.envelope = envelope.toString('base64url');
        served++;
      }
      await route.fulfill({ response, json: body });
    });
    await page.reload();
    await page.waitForURL((url) => url.pathname === '/unlock');
    await page.getByTestId('unlock-passphrase-input').fill(PASSPHRASE);
    await page.getByTestId('unlock-passphrase-submit').click();
    const alarm = page.getByTestId('error').filter({ hasText: en['errors.ERR_WEAK_KDF_PARAMS'] });
    await alarm.waitFor();
    expect(await alarm.getAttribute('role')).toBe('alert');
    expect(await alarm.textContent()).toContain(en['unlock.weakKdfHeading']);
    expect(served).toBeGreaterThan(0);
    await expectLocked(page);

    // The same passphrase against the honest server opens the vault: the refusal was the params.
    await context.unroute('**/api/vault');
    await page.reload();
    await page.getByTestId('unlock-passphrase-input').fill(PASSPHRASE);
    await page.getByTestId('unlock-passphrase-submit').click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('upload-file').waitFor();
    await context.close();
  });
});
