import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addVirtualAuthenticator, useBrowserAndVault } from './browser.js';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function axeViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/** Width of the page's content: more than the viewport means horizontal scrolling. */
const scrollWidth = (page: Page) =>
  page.evaluate('document.documentElement.scrollWidth') as Promise<number>;

describe.each([
  { lang: 'en', signInHeading: /sign in/i },
  { lang: 'it', signInHeading: /accedi/i },
])('accessibility in $lang', ({ lang, signInHeading }) => {
  const env = useBrowserAndVault();

  it('the sign-in and account pages have no axe WCAG 2.1 AA violations and fit 320 px', async () => {
    const context = await env.browser.newContext({ locale: lang === 'it' ? 'it-IT' : 'en-GB' });
    const page = await context.newPage();
    await addVirtualAuthenticator(context, page);
    await page.addInitScript(`localStorage.setItem('cv.lang', '${lang}')`);

    await page.goto(`${env.vault.origin}/sign-in`);
    await page.getByTestId('eid-sign-in').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await expect(page.locator('h1').textContent()).resolves.toMatch(signInHeading);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByTestId('eid-sign-in').click();
    await page.locator('button[data-account="demo-luca-bianchi"]').click();
    await page.getByTestId('welcome').waitFor();
    await page.getByTestId('account-link').click();
    await page.getByTestId('add-passkey-name').fill('Phone');
    await page.getByTestId('add-passkey').click();
    await page.getByTestId('passkey-item').first().waitFor();
    await page.getByTestId('session-item').first().waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
    await context.close();
  });
});
