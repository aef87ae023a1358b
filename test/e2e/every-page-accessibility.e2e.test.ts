/**
 * Every page of the web app, in English and in Italian, checked with axe (WCAG 2.1 AA) and for
 * reflow at 320 px (issue 6). The pages come from the route table (web/src/app/routes.tsx), so a
 * page added there without a recipe below fails the first test. A recipe is one state of a page
 * worth checking (empty, with data, with an error, with a dialog open); the recipes run in order,
 * as one resident's visit: signed out, the local eID, the set-up, documents, requests, consents,
 * the access log, the account, a locked vault, and the error pages.
 *
 * To cover a new state, add one line to RECIPES, e.g. for a section of the account page:
 *   { route: '/account', state: 'export', reach: ({ page }) => page.getByTestId('x').waitFor() },
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestVault } from '../helpers/start-vault.js';
import { axeViolations, overflowAt } from './accessibility.js';
import { ROUTES_FILE, listAppRoutes } from './app-routes.js';
import { launchChromium, useBrowserAndVault } from './browser.js';
import {
  consentItem,
  fileRequest,
  grantFor,
  registerE2eService,
  requestItem,
  type E2eService,
} from './consent-flows.js';
import {
  PNG_1X1,
  accessLogStatus,
  documentItem,
  makePdf,
  newProfile,
  openAccessLog,
  uploadInUi,
  type TestFile,
} from './vault-flows.js';

type Lang = 'en' | 'it';

/** What the recipes share during one visit. */
interface Visit {
  page: Page;
  context: BrowserContext;
  vault: TestVault;
  lang: Lang;
  /** Filled in along the way. */
  data: {
    pdf: TestFile;
    image: TestFile;
    documentId?: string;
    service?: E2eService;
    first?: string;
    second?: string;
    grantId?: string;
  };
}

/** One state of one page: the route it shows, a name, and how to get there from the last one. */
interface Recipe {
  /** A key of {@link listAppRoutes} (`/requests/:id`, `*`, `error:RouteErrorPage`) or a server page. */
  route: string;
  state: string;
  reach: (visit: Visit) => Promise<unknown>;
  /** Run after the checks, to leave the state (close a dialog). */
  leave?: (visit: Visit) => Promise<unknown>;
}

/** Pages that the server renders itself, outside the web app's route table. */
const SERVER_PAGES = ['eid:login'];

const at = (page: Page, path: string) => page.waitForURL((url) => url.pathname === path);

const RECIPES: Recipe[] = [
  // Signed out.
  {
    route: '/sign-in',
    state: 'signed out',
    reach: async ({ page, vault, lang }) => {
      await page.goto(`${vault.origin}/sign-in`);
      await page.getByTestId('eid-sign-in').waitFor();
      expect(await page.locator('h1').textContent()).toMatch(
        lang === 'it' ? /accedi/i : /sign in/i,
      );
    },
  },
  {
    route: '/sign-in',
    state: 'the eID sign-in did not start',
    reach: async ({ page, vault }) => {
      await page.goto(`${vault.origin}/sign-in?error=ERR_EID_UNAVAILABLE`);
      await page.getByTestId('error').waitFor();
    },
  },
  {
    route: '/auth/callback',
    state: 'opened without an answer from the eID',
    reach: async ({ page, vault }) => {
      await page.goto(`${vault.origin}/auth/callback`);
      await page.getByTestId('error').waitFor();
    },
  },
  {
    route: '*',
    state: 'an unknown address, signed out',
    reach: async ({ page, vault }) => {
      await page.goto(`${vault.origin}/no-such-page`);
      await page.locator('main a[href="/"]').waitFor();
    },
  },
  {
    route: 'eid:login',
    state: 'choose a demo resident',
    reach: async ({ page, vault }) => {
      await page.goto(`${vault.origin}/sign-in`);
      await page.getByTestId('eid-sign-in').click();
      await page.locator('button[data-account="demo-maria-rossi"]').waitFor();
    },
  },
  {
    route: '/auth/callback',
    state: 'the resident cancelled at the eID',
    reach: async ({ page }) => {
      await page.locator('form[action$="/abort"] button').click();
      await at(page, '/auth/callback');
      await page.getByTestId('error').waitFor();
    },
  },

  // The set-up wizard, step by step.
  {
    route: '/setup',
    state: 'introduction',
    reach: async ({ page, vault }) => {
      await page.goto(`${vault.origin}/auth/eid/start`);
      await page.locator('button[data-account="demo-maria-rossi"]').click();
      await at(page, '/setup');
      await page.getByTestId('vault-setup-start').waitFor();
    },
  },
  {
    route: '/setup',
    state: 'passkey step',
    reach: async ({ page }) => {
      await page.getByTestId('vault-setup-start').click();
      await page.getByTestId('setup-passkey-create').waitFor();
    },
  },
  {
    route: '/setup',
    state: 'recovery kit',
    reach: async ({ page }) => {
      await page.getByTestId('setup-passkey-name').fill('Laptop');
      await page.getByTestId('setup-passkey-create').click();
      await page.getByTestId('recovery-qr').waitFor();
    },
  },
  {
    route: '/setup',
    state: 'passphrase step',
    reach: async ({ page }) => {
      await page.getByTestId('recovery-saved').check();
      await page.getByTestId('setup-recovery-next').click();
      await page.getByTestId('passphrase-input').waitFor();
    },
  },

  // Documents.
  {
    route: '/',
    state: 'no documents yet',
    reach: async ({ page }) => {
      await page.getByTestId('passphrase-input').fill('correct horse battery staple');
      await page.getByTestId('passphrase-confirm').fill('correct horse battery staple');
      await page.getByTestId('enrol-finish').click();
      await at(page, '/');
      await page.getByTestId('upload-file').waitFor();
    },
  },
  {
    route: '/',
    state: 'upload sent with nothing chosen',
    reach: async ({ page }) => {
      await page.getByTestId('upload-submit').click();
      await page.getByTestId('error').first().waitFor();
    },
  },
  {
    route: '/',
    state: 'two documents',
    reach: async ({ page, data }) => {
      data.documentId = await uploadInUi(page, data.pdf, 'identity');
      await uploadInUi(page, data.image, 'identity');
    },
  },
  {
    route: '/',
    state: 'preview dialog',
    reach: async ({ page, data }) => {
      await documentItem(page, data.image.name).getByTestId('preview-open').click();
      await page.getByTestId('preview-image').waitFor();
    },
    leave: async ({ page }) => {
      await page.getByTestId('preview-close').click();
      await page.getByTestId('preview-dialog').waitFor({ state: 'detached' });
    },
  },
  {
    route: '/',
    state: 'delete dialog',
    reach: async ({ page, data }) => {
      await documentItem(page, data.image.name).getByTestId('delete-document').click();
      await page.getByTestId('confirm-delete').waitFor();
    },
    leave: async ({ page }) => {
      await page.keyboard.press('Escape');
      await page.getByTestId('confirm-delete').waitFor({ state: 'detached' });
    },
  },

  // Requests and consents.
  {
    route: '/requests',
    state: 'empty inbox',
    reach: async ({ page, vault, data }) => {
      data.service = await registerE2eService(vault);
      await page.getByTestId('requests-link').click();
      await page.getByTestId('requests-waiting-count').waitFor();
    },
  },
  {
    route: '/requests',
    state: 'two waiting, a live notice',
    reach: async ({ page, vault, data }) => {
      data.first = await fileRequest(vault, data.service!);
      data.second = await fileRequest(vault, data.service!, { categories: ['identity', 'tax'] });
      await requestItem(page, data.second).waitFor();
      await requestItem(page, data.first).waitFor();
      await page.getByTestId('live-notice').first().waitFor();
    },
  },
  {
    route: '/requests/:id',
    state: 'a waiting request',
    reach: async ({ page, data }) => {
      await requestItem(page, data.first!).getByTestId('request-link').click();
      await page.getByTestId('request-heading').waitFor();
      await page.getByTestId('request-matching').waitFor();
    },
  },
  {
    route: '/requests/:id',
    state: 'answer sent with nothing chosen',
    reach: async ({ page }) => {
      await page.getByTestId('answer-review').click();
      await page.getByTestId('answer-error').waitFor();
    },
  },
  {
    route: '/requests/:id',
    state: 'approve dialog',
    reach: async ({ page, data }) => {
      await page
        .locator(`[data-testid="answer-document"][data-document-id="${data.documentId}"]`)
        .check();
      await page.getByTestId('answer-standing').check();
      await page.getByTestId('answer-review').click();
      await page.getByTestId('approve-dialog').waitFor();
    },
  },
  {
    route: '/requests/:id',
    state: 'approved',
    reach: async ({ page }) => {
      await page.getByTestId('confirm-approve').click();
      await page.getByTestId('request-answered').waitFor();
    },
  },
  {
    route: '/requests',
    state: 'one answered',
    reach: async ({ page }) => {
      await page.getByTestId('requests-link').click();
      await page.getByTestId('requests-answered').waitFor();
    },
  },
  {
    route: '/requests/:id',
    state: 'refuse dialog',
    reach: async ({ page, data }) => {
      await requestItem(page, data.second!).getByTestId('request-link').click();
      await page.getByTestId('answer-refuse').click();
      await page.getByTestId('refuse-dialog').waitFor();
    },
    leave: async ({ page }) => {
      await page.getByTestId('confirm-refuse').click();
      await page.getByTestId('request-answered').waitFor();
    },
  },
  {
    route: '/consents',
    state: 'one active',
    reach: async ({ page, vault, data }) => {
      data.grantId = (await grantFor(vault, data.first!)).id;
      await page.getByTestId('consents-link').click();
      await consentItem(page, data.grantId).waitFor();
    },
  },
  {
    route: '/consents',
    state: 'revoke dialog',
    reach: async ({ page, data }) => {
      await consentItem(page, data.grantId!).getByTestId('revoke-consent').click();
      await page.getByTestId('revoke-dialog').waitFor();
    },
  },
  {
    route: '/consents',
    state: 'one withdrawn',
    reach: async ({ page, data }) => {
      await page.getByTestId('confirm-revoke').click();
      await page
        .getByTestId('consents-revoked')
        .locator(`[data-consent-id="${data.grantId}"]`)
        .waitFor();
    },
  },

  // The access log, with the entries made so far.
  {
    route: '/access-log',
    state: 'verified, vault unlocked',
    reach: ({ page }) => openAccessLog(page),
  },
  {
    route: '/access-log',
    state: "the chart's table open, filters set",
    reach: async ({ page }) => {
      await page.locator('.chart-table summary').click();
      await page.getByTestId('log-filter-actor').selectOption('resident');
      await page.getByTestId('log-filter-action').selectOption('document.uploaded');
      await page.getByTestId('log-filter-clear').waitFor();
    },
  },

  // The account.
  {
    route: '/account',
    state: 'passkeys, unlock methods and sessions',
    reach: async ({ page }) => {
      await page.getByTestId('account-link').click();
      await page.getByTestId('passkey-item').filter({ hasText: 'Laptop' }).waitFor();
      await page.getByTestId('session-item').first().waitFor();
      await page.getByTestId('slot-item').nth(2).waitFor();
      await page.getByTestId('add-passphrase').waitFor();
    },
  },
  {
    route: '/account',
    state: 'adding a passkey this device already holds',
    reach: async ({ page }) => {
      await page.getByTestId('add-passkey-name').fill('Phone');
      await page.getByTestId('add-passkey').click();
      await page.getByTestId('error').waitFor();
    },
  },

  {
    route: '/account',
    state: 'delete account: the confirmation',
    reach: async ({ page }) => {
      await page.getByTestId('open-delete-account').click();
      await page.getByTestId('delete-account-confirmation').waitFor();
    },
    leave: async ({ page }) => {
      await page.keyboard.press('Escape');
      await page.getByTestId('delete-account-dialog').waitFor({ state: 'detached' });
    },
  },

  // A locked vault (a reload locks it), then the error pages.
  {
    route: '/unlock',
    state: 'locked',
    reach: async ({ page }) => {
      await page.goto(new URL('/', page.url()).href);
      await at(page, '/unlock');
      await page.getByTestId('unlock-recovery-input').waitFor();
    },
  },
  {
    route: '/unlock',
    state: 'a mistyped recovery code',
    reach: async ({ page }) => {
      await page.getByTestId('unlock-recovery-input').fill('AAAA-BBBB');
      await page.getByTestId('unlock-recovery-submit').click();
      await page.getByTestId('error').waitFor();
    },
    leave: async ({ page }) => {
      await page.getByTestId('unlock-passkey').click();
      await at(page, '/');
      await page.getByTestId('upload-file').waitFor();
    },
  },
  {
    route: '/access-log',
    state: 'verified, vault locked',
    reach: async ({ page, vault }) => {
      await page.goto(`${vault.origin}/access-log`);
      await accessLogStatus(page).waitFor();
    },
  },
  {
    route: '/requests/:id',
    state: 'a request that does not exist',
    reach: async ({ page, vault }) => {
      await page.goto(`${vault.origin}/requests/00000000-0000-4000-8000-000000000000`);
      await at(page, '/unlock');
      await page.getByTestId('unlock-passkey').click();
      await at(page, '/requests/00000000-0000-4000-8000-000000000000');
      await page.getByTestId('error').waitFor();
    },
  },
  {
    route: '*',
    state: 'an unknown address, signed in',
    reach: async ({ page, vault }) => {
      await page.goto(`${vault.origin}/no-such-page`);
      await page.getByTestId('account-link').waitFor();
      await page.locator('h1').waitFor();
    },
  },
  {
    route: 'error:RouteErrorPage',
    state: "a page's code did not load",
    reach: async ({ page, vault }) => {
      await page.route(/\/assets\/account-page-[^/]*\.js$/, (route) => route.abort());
      await page.goto(`${vault.origin}/account`);
      await page.getByTestId('error').locator('h1').waitFor();
    },
    leave: ({ page }) => page.unrouteAll(),
  },
  {
    route: '/access-log',
    state: 'alarm: a row of the log was changed',
    reach: async ({ page, vault }) => {
      vault.sql(
        `UPDATE log_entries SET leaf = CAST(replace(CAST(leaf AS TEXT), '"identity"', '"tax"') AS BLOB)
         WHERE action = 'document.uploaded'`,
      );
      await page.goto(`${vault.origin}/access-log`);
      await page.getByTestId('log-alarm').waitFor();
    },
  },
];

describe('the recipes', () => {
  it('cover every page of the route table, and no page that is not there', () => {
    const pages = [...listAppRoutes().map((r) => r.key), ...SERVER_PAGES];
    const recipes = new Set(RECIPES.map((r) => r.route));
    expect(pages.filter((p) => !recipes.has(p)).map((p) => `no recipe for ${p}`)).toEqual([]);
    expect([...recipes].filter((r) => !pages.includes(r)).map((r) => `stale ${r}`)).toEqual([]);
    expect(pages.length).toBeGreaterThanOrEqual(12);
  });

  it('the route reader finds a page added to a table, nested, as an index or as an error page', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-routes-'));
    const file = path.join(dir, 'routes.tsx');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(ROUTES_FILE, 'utf8')
        .replace(
          "{ path: 'consents', element: page(<ConsentsPage />) },",
          "{ path: 'consents', element: page(<ConsentsPage />) }, { path: 'export', " +
            'errorElement: <ExportError />, children: [{ index: true, element: <Export /> }] },',
        ),
    );
    try {
      const keys = listAppRoutes(file).map((r) => r.key);
      expect(keys).toContain('/export');
      expect(keys).toContain('error:ExportError');
      expect(keys.filter((k) => !listAppRoutes().some((r) => r.key === k))).toEqual([
        'error:ExportError',
        '/export',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the checks', () => {
  it('find a planted violation and a page too wide for 320 px (they can fail)', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.setContent(
        '<!doctype html><html lang="en"><title>t</title><main><h1>x</h1>' +
          '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><div style="width:500px">w</div>' +
          '</main></html>',
      );
      expect((await axeViolations(page)).join('\n')).toMatch(/^image-alt: /m);
      expect(await overflowAt(page, 320)).toBeGreaterThan(100);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});

describe.each(['en', 'it'] as const)('every page in %s', (lang) => {
  const env = useBrowserAndVault();

  it('has no axe WCAG 2.1 AA violation and reflows at 320 px', async () => {
    const context = await env.browser.newContext({ locale: lang === 'it' ? 'it-IT' : 'en-GB' });
    const page = await newProfile(context, { lang });
    const visit: Visit = {
      page,
      context,
      vault: env.vault,
      lang,
      data: {
        pdf: {
          name: lang === 'it' ? 'Carta identità.pdf' : 'Identity card.pdf',
          mimeType: 'application/pdf',
          buffer: makePdf(),
        },
        image: { name: 'Foto.png', mimeType: 'image/png', buffer: PNG_1X1 },
      },
    };
    const problems: Record<string, string[]> = {};
    for (const recipe of RECIPES) {
      const where = `${recipe.route} — ${recipe.state}`;
      await recipe.reach(visit);
      const found: string[] = [];
      const htmlLang = await page.getAttribute('html', 'lang');
      if (htmlLang !== lang) found.push(`<html lang="${htmlLang}">`);
      found.push(...(await axeViolations(page)));
      const overflow = await overflowAt(page, 320);
      if (overflow > 0) found.push(`scrolls sideways by ${overflow} px at 320 px wide`);
      if (found.length > 0) problems[where] = found;
      await recipe.leave?.(visit);
    }
    expect(problems).toEqual({});
    await context.close();
  }, 600_000); // about 35 states with axe each: 1–3 minutes on two shared cores
});
