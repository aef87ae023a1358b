/**
 * axe on the access-log page, in English and Italian (issue 4): the verified log with the vault
 * unlocked and locked, the chart's table opened, filters in use, and the alarm after a row of the
 * SQLite file was changed.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserAndVault } from './browser.js';
import {
  accessLogStatus,
  downloadInUi,
  enrolInWizard,
  makePdf,
  newProfile,
  openAccessLog,
  signInWithEid,
  uploadInUi,
  type TestFile,
} from './vault-flows.js';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe's WCAG 2.1 AA violations on the page, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

describe.each(['en', 'it'] as const)('the access-log page in %s', (lang) => {
  const env = useBrowserAndVault();

  it('has no axe WCAG 2.1 AA violation, verified or in alarm', async () => {
    const context = await env.browser.newContext({ locale: lang === 'it' ? 'it-IT' : 'en-GB' });
    const page = await newProfile(context, { lang });
    const violations: Record<string, string[]> = {};
    const check = async (where: string) => {
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      const found = await axeViolations(page);
      if (found.length > 0) violations[where] = found;
    };

    const file: TestFile = {
      name: lang === 'it' ? 'Certificato di residenza.pdf' : 'Residence certificate.pdf',
      mimeType: 'application/pdf',
      buffer: makePdf(),
    };
    await signInWithEid(page, env.vault.origin);
    await enrolInWizard(page);
    await uploadInUi(page, file, 'residence');
    await downloadInUi(page, file.name);

    await openAccessLog(page);
    await check('verified, vault unlocked');

    await page.locator('.chart-table summary').click();
    await page.getByTestId('log-filter-actor').selectOption('resident');
    await page.getByTestId('log-filter-action').selectOption('document.read');
    await page.getByTestId('log-filter-clear').waitFor();
    await check('chart table open, filters set');

    await page.reload();
    await accessLogStatus(page).waitFor();
    await check('verified, vault locked');

    env.vault.sql(
      `UPDATE log_entries SET leaf = CAST(replace(CAST(leaf AS TEXT), '"residence"', '"tax"') AS BLOB)
       WHERE action = 'document.uploaded'`,
    );
    await page.reload();
    await page.getByTestId('log-alarm').waitFor();
    await check('alarm');

    expect(violations).toEqual({});
    await context.close();
  });
});
