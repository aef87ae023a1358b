import { AxeBuilder } from '@axe-core/playwright';
import { compactVerify, createLocalJWKSet } from 'jose';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type {
  AccountDeletionReceiptPayload,
  DeleteAccountResponse,
  ReceiptKeysResponse,
} from '../../server/src/contracts/index.js';
import { useBrowserAndVault } from './browser.js';
import { residentIdOf } from './consent-flows.js';
import {
  downloadedBytes,
  enrolInWizard,
  makePdf,
  newProfile,
  openReader,
  signInWithEid,
  uploadInUi,
} from './vault-flows.js';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe's WCAG 2.1 AA violations on the page (or inside `include`), one line each. */
async function axeViolations(page: Page, include?: string) {
  let builder = new AxeBuilder({ page }).withTags(WCAG_21_AA);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/**
 * Deleting an account through the web app (GDPR Art. 17, issue 6) in real Chromium, in English
 * and Italian: Settings → the confirmation that says what happens → the typed word → the signed
 * receipt downloaded (and offered again) → signed out. axe finds nothing on the way.
 */
describe.each(['en', 'it'] as const)('deleting an account in %s', (lang) => {
  const env = useBrowserAndVault();
  const word = lang === 'it' ? 'ELIMINA' : 'DELETE';

  it('deletes the account from Settings, downloads a receipt the published key verifies, and signs out', async () => {
    const context = await env.browser.newContext({
      locale: lang === 'it' ? 'it-IT' : 'en-GB',
      acceptDownloads: true,
    });
    const page = await newProfile(context, { lang });
    const { vault } = env;
    const violations: Record<string, string[]> = {};
    const check = async (where: string, include?: string) => {
      const found = await axeViolations(page, include);
      if (found.length > 0) violations[where] = found;
    };

    await signInWithEid(page, vault.origin);
    await enrolInWizard(page);
    await uploadInUi(page, {
      name: 'Carta identità.pdf',
      mimeType: 'application/pdf',
      buffer: makePdf(),
    });
    const residentId = await residentIdOf(page);

    await page.goto(`${vault.origin}/account`);
    await page.getByTestId('delete-account-section').waitFor();
    await check('settings');
    await page.getByTestId('open-delete-account').click();
    const dialog = page.getByTestId('delete-account-dialog');
    await dialog.waitFor();
    // It says what happens: documents, sign-in, services, what was read, the log, backups, receipt.
    expect(await dialog.locator('li').count()).toBe(7);
    expect(await dialog.textContent()).toMatch(lang === 'it' ? /backup/ : /backups/);
    await check('confirmation', '[data-testid="delete-account-dialog"]');

    // The wrong word deletes nothing.
    await page.getByTestId('delete-account-confirmation').fill('nope');
    await page.getByTestId('confirm-delete-account').click();
    await dialog.getByTestId('error').waitFor();
    await check('confirmation with an error', '[data-testid="delete-account-dialog"]');
    const reader = openReader(vault);
    const deletedAt = () =>
      reader.prepare('SELECT deleted_at FROM residents WHERE id = ?').pluck().get(residentId);
    expect(deletedAt()).toBeNull();

    await page.getByTestId('delete-account-confirmation').fill(word.toLowerCase());
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('confirm-delete-account').click(),
    ]);
    await page.getByTestId('account-deleted').waitFor();
    await check('deleted', '[data-testid="account-deleted"]');

    // The receipt: named for the day, verified with the key the vault publishes.
    expect(download.suggestedFilename()).toMatch(
      /^account-deletion-receipt-\d{4}-\d{2}-\d{2}\.json$/,
    );
    const file = JSON.parse(
      (await downloadedBytes(download)).toString('utf8'),
    ) as DeleteAccountResponse;
    const jwks = (await (
      await fetch(`${vault.origin}/receipt-keys`)
    ).json()) as ReceiptKeysResponse;
    const verified = await compactVerify(file.receipt, createLocalJWKSet(jwks));
    const payload = JSON.parse(
      Buffer.from(verified.payload).toString('utf8'),
    ) as AccountDeletionReceiptPayload;
    expect(payload).toMatchObject({
      iss: vault.origin,
      sub: residentId,
      deleted: { documents: 1, passkeys: 1, sessions: 1, eidLinks: 1 },
    });
    expect(payload.deleted.keySlots).toBeGreaterThanOrEqual(3);
    expect(deletedAt()).toBe(Date.parse(payload.deletedAt));

    // Offered again, byte for byte.
    const [again] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-deletion-receipt').click(),
    ]);
    expect(JSON.parse((await downloadedBytes(again)).toString('utf8'))).toEqual(file);

    // Signed out: the session cookie is gone, the vault no longer knows the session, the page is
    // the sign-in page.
    const cookies = await context.cookies(vault.origin);
    expect(cookies.map((c) => c.name)).not.toContain(vault.config.cookieName);
    await page.getByTestId('finish-deletion').click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect((await page.request.get(`${vault.origin}/api/me`)).status()).toBe(401);
    await check('sign-in after deletion');

    reader.close();
    await context.close();
    expect(violations).toEqual({});
    // Sign-in, set-up wizard, an upload and three axe runs: more than the default minute when the
    // machine is shared.
  }, 150_000);
});
