/**
 * A resident who uses no mouse (issue 6): signs in through the local eID's own page, sets up the
 * vault, uploads a document, approves a city service's request, revokes the consent, reads the
 * access log and switches the language — with Tab, Shift+Tab, Enter, Space, Escape, arrow keys
 * and typing only. No click, no element.click(), no fill(): the only things done outside the page
 * are typing the first address (as a resident types it into the address bar), picking the file in
 * the operating system's file chooser (opened from the keyboard), and the city service filing its
 * request. At each step the test checks where the focus lands and that it is drawn (WCAG 2.1.1,
 * 2.4.3, 2.4.7).
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { focused, hasFocus, tabTo } from './accessibility.js';
import { useBrowserAndVault } from './browser.js';
import {
  consentItem,
  fileRequest,
  grantFor,
  registerE2eService,
  requestItem,
} from './consent-flows.js';
import {
  PASSPHRASE,
  accessLogStatus,
  documentItem,
  makePdf,
  newProfile,
  type TestFile,
} from './vault-flows.js';

/** Fails unless `target` has the focus and shows it. */
async function expectFocusOn(page: Page, target: Locator, what: string): Promise<void> {
  if (!(await hasFocus(target))) {
    throw new Error(`focus should be on ${what}, but is on ${JSON.stringify(await focused(page))}`);
  }
}

/** Fails unless the focus is on `<main>`: where a page reached by the keyboard must start. */
async function expectFocusOnMain(page: Page): Promise<void> {
  await page.waitForFunction(() => document.activeElement?.id === 'main');
}

const at = (page: Page, path: string | RegExp) =>
  page.waitForURL((url) =>
    typeof path === 'string' ? url.pathname === path : path.test(url.pathname),
  );

/** Presses ArrowDown on the focused `<select>` until it shows `value` (at most 40 times). */
async function arrowTo(page: Page, select: Locator, value: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if ((await select.inputValue()) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`the arrow keys never chose ${value}`);
}

describe('with the keyboard alone', () => {
  const env = useBrowserAndVault();

  it('a resident signs in, uploads, approves a request, revokes the consent, reads the log and switches the language', async () => {
    const context = await env.browser.newContext({ locale: 'en-GB' });
    const page = await newProfile(context, { lang: 'en' });
    const file: TestFile = {
      name: 'Identity card.pdf',
      mimeType: 'application/pdf',
      buffer: makePdf(),
    };

    // The sign-in page: the first Tab reaches the skip link, which moves focus to the content.
    await page.goto(`${env.vault.origin}/sign-in`);
    await page.getByTestId('eid-sign-in').waitFor();
    await page.keyboard.press('Tab');
    await expectFocusOn(page, page.locator('.skip-link'), 'the skip link');
    expect((await focused(page))?.focusVisible).toBe(true);
    // Shown on screen while it has the focus (it sits above the page otherwise).
    expect((await page.locator('.skip-link').boundingBox())?.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await expectFocusOnMain(page);
    await page.keyboard.press('Tab');
    await expectFocusOn(page, page.getByTestId('eid-sign-in'), 'the eID button, next after main');
    await page.keyboard.press('Enter');

    // The local eID's own page (server-rendered, no script).
    await at(page, /^\/eid\/interaction\//);
    const maria = page.locator('button[data-account="demo-maria-rossi"]');
    await tabTo(page, maria);
    await page.keyboard.press('Enter');

    // The set-up wizard: each step puts the focus on its heading.
    await at(page, '/setup');
    const stepHeading = page.locator('#setup-step-heading');
    await tabTo(page, page.getByTestId('vault-setup-start'));
    await page.keyboard.press('Enter');
    await page.getByTestId('setup-passkey-name').waitFor();
    await expectFocusOn(page, stepHeading, 'the passkey step heading');
    await tabTo(page, page.getByTestId('setup-passkey-name'));
    await page.keyboard.type('Laptop');
    await page.keyboard.press('Enter'); // submits the new-passkey form
    await page.getByTestId('recovery-saved').waitFor();
    await expectFocusOn(page, stepHeading, 'the recovery step heading');
    await tabTo(page, page.getByTestId('recovery-saved'));
    await page.keyboard.press('Space');
    expect(await page.getByTestId('recovery-saved').isChecked()).toBe(true);
    await tabTo(page, page.getByTestId('setup-recovery-next'));
    await page.keyboard.press('Enter');
    await page.getByTestId('passphrase-input').waitFor();
    await expectFocusOn(page, stepHeading, 'the passphrase step heading');
    await tabTo(page, page.getByTestId('passphrase-input'));
    await page.keyboard.type(PASSPHRASE);
    await tabTo(page, page.getByTestId('passphrase-confirm'));
    await page.keyboard.type(PASSPHRASE);
    await tabTo(page, page.getByTestId('enrol-finish'));
    await page.keyboard.press('Enter');
    await at(page, '/');
    await expectFocusOnMain(page);

    // Upload: Space on the file input opens the chooser; arrow keys pick the category.
    // Listening before the key is pressed makes Playwright intercept the chooser in time.
    const chooser = page.waitForEvent('filechooser');
    await tabTo(page, page.getByTestId('upload-file'));
    await page.keyboard.press('Space');
    await (await chooser).setFiles(file);
    await page.keyboard.press('Tab');
    const category = page.getByTestId('upload-category');
    await expectFocusOn(page, category, 'the category, next after the file');
    await arrowTo(page, category, 'identity');
    await page.keyboard.press('Tab');
    await expectFocusOn(page, page.getByTestId('upload-submit'), 'the upload button');
    await page.keyboard.press('Enter');
    const item = documentItem(page, file.name);
    await item.waitFor();
    const documentId = (await item.getAttribute('data-document-id')) ?? '';
    expect(await focused(page)).not.toBeNull(); // the focus was not lost to the page

    // A dialog opened from the keyboard takes the focus; Escape closes it and gives it back.
    const deleteButton = item.getByTestId('delete-document');
    await tabTo(page, deleteButton);
    await page.keyboard.press('Enter');
    const deleteDialog = page.getByTestId('delete-dialog');
    await deleteDialog.waitFor();
    expect(await deleteDialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await deleteDialog.waitFor({ state: 'detached' });
    await expectFocusOn(page, deleteButton, 'the delete button that opened the dialog');
    expect(await item.count()).toBe(1);

    // A city service asks; the resident answers from the inbox.
    const service = await registerE2eService(env.vault);
    const requestId = await fileRequest(env.vault, service);
    await tabTo(page, page.getByTestId('requests-link'), { backwards: true });
    await page.keyboard.press('Enter');
    await at(page, '/requests');
    await expectFocusOnMain(page);
    await tabTo(page, requestItem(page, requestId).getByTestId('request-link'));
    await page.keyboard.press('Enter');
    await at(page, `/requests/${requestId}`);
    await expectFocusOnMain(page);
    const checkbox = page.locator(
      `[data-testid="answer-document"][data-document-id="${documentId}"]`,
    );
    await tabTo(page, checkbox);
    await page.keyboard.press('Space');
    expect(await checkbox.isChecked()).toBe(true);
    await tabTo(page, page.getByTestId('answer-review'));
    await page.keyboard.press('Enter');
    const approve = page.getByTestId('approve-dialog');
    await approve.waitFor();
    // The dialog takes the focus (on Cancel, the safe choice); the confirmation is one Shift+Tab away.
    expect(await approve.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await tabTo(page, approve.getByTestId('confirm-approve'), { backwards: true, max: 3 });
    await page.keyboard.press('Enter');
    await page.getByTestId('request-answered').waitFor();
    // The form is gone: the focus went to the page's heading.
    await expectFocusOn(page, page.getByTestId('request-heading'), 'the request heading');

    // Revoke the consent just given.
    const grant = await grantFor(env.vault, requestId);
    await tabTo(page, page.getByTestId('to-consents'));
    await page.keyboard.press('Enter');
    await at(page, '/consents');
    await expectFocusOnMain(page);
    const consent = consentItem(page, grant.id);
    await consent.waitFor();
    await tabTo(page, consent.getByTestId('revoke-consent'));
    await page.keyboard.press('Enter');
    const revoke = page.getByTestId('revoke-dialog');
    await revoke.waitFor();
    expect(await revoke.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await tabTo(page, revoke.getByTestId('confirm-revoke'), { backwards: true, max: 3 });
    await page.keyboard.press('Enter');
    const revoked = page.getByTestId('consents-revoked');
    await revoked.locator(`[data-consent-id="${grant.id}"]`).waitFor();
    // Focus goes to the "Withdrawn" heading, where the consent now is.
    await expectFocusOn(page, revoked.locator('h2'), 'the withdrawn consents heading');

    // Read the access log: the arrow keys filter it to the revocation, and its entry is there.
    await tabTo(page, page.getByTestId('access-log-link'), { backwards: true });
    await page.keyboard.press('Enter');
    await at(page, '/access-log');
    await expectFocusOnMain(page);
    await accessLogStatus(page).waitFor();
    const action = page.getByTestId('log-filter-action');
    await tabTo(page, action);
    await arrowTo(page, action, 'grant.revoked');
    const entries = page.getByTestId('log-entry');
    // Every other entry leaves the timeline.
    await page
      .locator('[data-testid="log-entry"]:not([data-action="grant.revoked"])')
      .first()
      .waitFor({ state: 'detached' });
    expect(await entries.count()).toBe(1);
    expect(await entries.first().getAttribute('data-status')).toBe('verified');
    // The entry's link to the consent is reachable too.
    await tabTo(page, entries.first().getByRole('link'));

    // The language, switched from the keyboard: the page and <html lang> follow.
    const language = page.getByTestId('lang-select');
    await tabTo(page, language, { backwards: true, max: 80 });
    await arrowTo(page, language, 'it');
    await page.waitForFunction(() => document.documentElement.lang === 'it');
    expect(await page.getByTestId('access-log-link').textContent()).toBe('Registro accessi');
    await context.close();
  }, 240_000);
});
