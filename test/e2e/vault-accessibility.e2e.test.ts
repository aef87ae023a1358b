import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserAndVault } from './browser.js';
import {
  PNG_1X1,
  documentItem,
  enrolInWizard,
  makePdf,
  newProfile,
  signInWithEid,
  uploadInUi,
  type TestFile,
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

/** The data-testid of the element that has keyboard focus. */
const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

/** Presses Tab until the element with `testId` has focus (at most `max` presses). */
async function tabTo(page: Page, testId: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focusedTestId(page)) === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

describe.each(['en', 'it'] as const)('the vault pages in %s', (lang) => {
  const env = useBrowserAndVault();

  it('have no axe WCAG 2.1 AA violation, and a document is uploaded with the keyboard alone', async () => {
    const context = await env.browser.newContext({ locale: lang === 'it' ? 'it-IT' : 'en-GB' });
    const page = await newProfile(context, { lang });
    const violations: Record<string, string[]> = {};
    const check = async (where: string, include?: string) => {
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      const found = await axeViolations(page, include);
      if (found.length > 0) violations[where] = found;
    };

    await signInWithEid(page, env.vault.origin);
    await enrolInWizard(page, { hooks: { onStep: (step) => check(`setup: ${step}`) } });

    // Keyboard alone: Tab to the file input (the OS file dialog is stood in for by
    // setInputFiles on the focused input), Tab to the category, arrow keys, Tab, Enter.
    const file: TestFile = {
      name: lang === 'it' ? 'Certificato di residenza.pdf' : 'Residence certificate.pdf',
      mimeType: 'application/pdf',
      buffer: makePdf(),
    };
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await tabTo(page, 'upload-file');
    await page.locator(':focus').setInputFiles(file);
    await page.keyboard.press('Tab');
    expect(await focusedTestId(page)).toBe('upload-category');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('upload-category').inputValue()).toBe('residence');
    await page.keyboard.press('Tab');
    expect(await focusedTestId(page)).toBe('upload-submit');
    await page.keyboard.press('Enter');
    await documentItem(page, file.name).waitFor();

    const image: TestFile = { name: 'Foto.png', mimeType: 'image/png', buffer: PNG_1X1 };
    await uploadInUi(page, image, 'identity');
    await check('documents (with documents)');

    await documentItem(page, image.name).getByTestId('preview-open').click();
    await page.getByTestId('preview-image').waitFor();
    await check('preview dialog');
    await page.getByTestId('preview-close').click();
    await page.getByTestId('preview-dialog').waitFor({ state: 'detached' });

    await page.reload();
    await page.waitForURL((url) => url.pathname === '/unlock');
    await page.getByTestId('unlock-recovery-input').waitFor();
    await check('unlock');
    await page.getByTestId('unlock-passkey').click();
    await page.waitForURL((url) => url.pathname === '/');

    await page.getByTestId('account-link').click();
    await page.getByTestId('add-passphrase').waitFor();
    await page.getByTestId('slot-item').nth(2).waitFor();
    await check('account: unlock methods');

    expect(violations).toEqual({});
    await context.close();
  });
});
