import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';

/**
 * What the accessibility end-to-end tests check on a page (issue 6): axe's WCAG 2.1 AA rules,
 * reflow at 320 CSS pixels (WCAG 1.4.10), and where the keyboard focus is and whether it shows
 * (WCAG 2.4.7). Shared by the every-page test and the keyboard-only test.
 */

/** The axe rule tags of WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe's WCAG 2.1 AA violations on the page, one line each (rule, help, where). */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/**
 * How much wider than `width` CSS pixels the page is when the viewport is that narrow (0: it
 * reflows without horizontal scrolling). The viewport is put back afterwards.
 */
export async function overflowAt(page: Page, width = 320): Promise<number> {
  const before = page.viewportSize();
  await page.setViewportSize({ width, height: 640 });
  const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  if (before) await page.setViewportSize(before);
  return Math.max(0, scrollWidth - width);
}

/** What has the keyboard focus, described for a failure message and for assertions. */
export interface FocusInfo {
  tag: string;
  testId: string | null;
  /** Its accessible text, roughly: aria-label, else its text content, trimmed. */
  text: string;
  /** Whether the browser matches `:focus-visible` (false on a date input's calendar button). */
  focusVisible: boolean;
  /** Whether a focus indicator is drawn on it: an outline of some width, or a box shadow. */
  indicator: boolean;
}

/** The element with keyboard focus (null when it is the page itself). */
export async function focused(page: Page): Promise<FocusInfo | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return {
      tag: el.tagName.toLowerCase(),
      testId: el.getAttribute('data-testid'),
      text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 80),
      focusVisible: el.matches(':focus-visible'),
      indicator: outline || style.boxShadow !== 'none',
    };
  });
}

/** Whether `target` is the element with keyboard focus. */
export async function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, checking at every stop that a focus
 * indicator is drawn — how a keyboard-only resident reaches a control. Fails with the path taken if the
 * target is not reached in `max` presses or if any stop on the way shows no focus indicator.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  { max = 60, backwards = false } = {},
): Promise<void> {
  const path: string[] = [];
  for (let i = 0; i <= max; i++) {
    if (await hasFocus(target)) return;
    if (i === max) break;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    path.push(now ? `${now.tag}[${now.testId ?? now.text}]` : '(page)');
    if (now && !now.indicator) {
      throw new Error(
        `focus is not visible on ${path.at(-1)}: ${JSON.stringify(now)} (path: ${path.join(' → ')})`,
      );
    }
  }
  throw new Error(`tabTo: not reached in ${max} presses (path: ${path.join(' → ')})`);
}
