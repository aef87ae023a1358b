/**
 * axe on the consent pages (issue 5), in English and Italian: the requests inbox (one request
 * waiting, one answered, a live notice shown), a request page (with the form's error, and with
 * the confirmation dialog open) and the consents page (one active consent, one withdrawn).
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserAndVault } from './browser.js';
import {
  consentItem,
  fileRequest,
  grantFor,
  registerE2eService,
  requestItem,
} from './consent-flows.js';
import {
  enrolInWizard,
  makePdf,
  newProfile,
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

describe.each(['en', 'it'] as const)('the consent pages in %s', (lang) => {
  const env = useBrowserAndVault();

  it('have no axe WCAG 2.1 AA violation', async () => {
    const context = await env.browser.newContext({ locale: lang === 'it' ? 'it-IT' : 'en-GB' });
    const page = await newProfile(context, { lang });
    const violations: Record<string, string[]> = {};
    const check = async (where: string) => {
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      const found = await axeViolations(page);
      if (found.length > 0) violations[where] = found;
    };

    const file: TestFile = {
      name: lang === 'it' ? 'Carta identità.pdf' : 'Identity card.pdf',
      mimeType: 'application/pdf',
      buffer: makePdf(),
    };
    await signInWithEid(page, env.vault.origin);
    await enrolInWizard(page);
    const documentId = await uploadInUi(page, file, 'identity');
    const service = await registerE2eService(env.vault);

    await page.getByTestId('requests-link').click();
    await page.getByTestId('requests-waiting-count').waitFor();
    await check('inbox, empty');

    const first = await fileRequest(env.vault, service);
    const second = await fileRequest(env.vault, service, { categories: ['identity', 'tax'] });
    await requestItem(page, second).waitFor();
    await requestItem(page, first).waitFor();
    await page.locator('[data-testid="live-notice"]').first().waitFor();
    await check('inbox, two waiting, live notice');

    await requestItem(page, first).getByTestId('request-link').click();
    await page.getByTestId('request-heading').waitFor();
    await page.getByTestId('request-matching').waitFor();
    await check('request page');
    await page.getByTestId('answer-review').click();
    await page.getByTestId('answer-error').waitFor();
    await check('request page, nothing chosen');
    await page.locator(`[data-testid="answer-document"][data-document-id="${documentId}"]`).check();
    await page.getByTestId('answer-standing').check();
    await page.getByTestId('answer-review').click();
    await page.getByTestId('approve-dialog').waitFor();
    await check('approve dialog');
    await page.getByTestId('confirm-approve').click();
    await page.getByTestId('request-answered').waitFor();
    await check('request page, approved');

    await page.getByTestId('requests-link').click();
    await page.getByTestId('requests-answered').waitFor();
    await check('inbox, one answered');
    await requestItem(page, second).getByTestId('request-link').click();
    await page.getByTestId('answer-refuse').click();
    await page.getByTestId('refuse-dialog').waitFor();
    await check('refuse dialog');
    await page.getByTestId('confirm-refuse').click();
    await page.getByTestId('request-answered').waitFor();

    const grant = await grantFor(env.vault, first);
    await page.getByTestId('consents-link').click();
    await consentItem(page, grant.id).waitFor();
    await check('consents, one active');
    await consentItem(page, grant.id).getByTestId('revoke-consent').click();
    await page.getByTestId('revoke-dialog').waitFor();
    await check('revoke dialog');
    await page.getByTestId('confirm-revoke').click();
    await page.getByTestId('consents-revoked').locator(`[data-consent-id="${grant.id}"]`).waitFor();
    await check('consents, one withdrawn');

    expect(violations).toEqual({});
    await context.close();
  }, 180_000); // ten axe runs and four pages: about 40 s on two cores
});
