/**
 * Consent end to end in Chromium (issue 5, DESIGN §6): a city service files a request through the
 * service API and it appears in the resident's inbox live; the resident approves it with one
 * chosen document (the vault worker seals that document's key to the service and signs the
 * receipt), reads are announced live, the consent is listed and revoked; another request is
 * refused. The server's side is checked through the real SQLite file: the sealed key opens with
 * the service's secret key, the receipt verifies with the resident's key. The same done with the
 * keyboard alone is in keyboard-only.e2e.test.ts. Waits are for conditions only, never for time.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { messagesEn as en } from '../../web/src/lib/messages.en.js';
import {
  postToken,
  serviceUrl,
  signAssertion,
  tokenForm,
  withVaultStorage,
} from '../helpers/city-services.js';
import type { TestVault } from '../helpers/start-vault.js';
import { useBrowserAndVault } from './browser.js';
import {
  PURPOSE,
  consentItem,
  expectGrantOpensForService,
  fileRequest,
  grantFor,
  registerE2eService,
  requestItem,
  type E2eService,
} from './consent-flows.js';
import {
  downloadedBytes,
  enrolInWizard,
  makePdf,
  newProfile,
  signInWithEid,
  uploadInUi,
  type TestFile,
} from './vault-flows.js';

const ID_CARD: TestFile = {
  name: 'Carta identità.pdf',
  mimeType: 'application/pdf',
  buffer: makePdf('Carta di identita'),
};
const LICENCE: TestFile = {
  name: 'Patente.pdf',
  mimeType: 'application/pdf',
  buffer: makePdf('Patente'),
};
const PASSPORT: TestFile = {
  name: 'Passaporto.pdf',
  mimeType: 'application/pdf',
  buffer: makePdf('Passaporto'),
};

/** A resident with two identity documents, on the inbox page. */
async function residentWithDocuments(page: Page, vault: TestVault) {
  await signInWithEid(page, vault.origin);
  await enrolInWizard(page);
  const idCard = await uploadInUi(page, ID_CARD, 'identity');
  const passport = await uploadInUi(page, PASSPORT, 'identity');
  return { idCard, passport };
}

/** A service's read of a granted document, through the service API. */
async function readAsService(
  vault: TestVault,
  service: E2eService,
  grantId: string,
  documentId: string,
): Promise<number> {
  const assertion = await signAssertion(vault, service, { at: new Date() });
  const token = await postToken<{ access_token: string }>(vault, tokenForm(assertion));
  const res = await fetch(
    serviceUrl(
      vault,
      `/api/v1/service/grants/${grantId}/documents/${documentId}?purpose=${PURPOSE}`,
    ),
    { headers: { authorization: `Bearer ${token.body.access_token}` } },
  );
  await res.arrayBuffer();
  return res.status;
}

describe('consent in Chromium', () => {
  const env = useBrowserAndVault();

  it('a request appears live, is approved with one document, is read, listed and revoked', async () => {
    const context = await env.browser.newContext();
    const page = await newProfile(context);
    const { idCard } = await residentWithDocuments(page, env.vault);
    const service = await registerE2eService(env.vault);

    await page.getByTestId('requests-link').click();
    await expect(page.getByTestId('requests-waiting-count').textContent()).resolves.toBe(
      en['requests.waitingNone'],
    );

    // Filed by the service's tool: the open inbox shows it without a reload.
    const requestId = await fileRequest(env.vault, service);
    const item = requestItem(page, requestId);
    await item.waitFor();
    await expect(item.getAttribute('data-status')).resolves.toBe('pending');
    await expect(page.getByTestId('requests-waiting-count').textContent()).resolves.toBe(
      en['requests.waitingOne'],
    );
    await page.locator('[data-testid="requests-link"][data-unread="1"]').waitFor();
    await page.locator('[data-testid="live-notice"][data-kind="request"]').waitFor();

    await item.getByTestId('request-link').click();
    await expect(page.getByTestId('request-heading').textContent()).resolves.toBe(
      'Registry office asks for your documents',
    );
    await expect(page.getByTestId('request-legal-basis').textContent()).resolves.toBe(
      'They say they need them to carry out a task in the public interest or an official duty (GDPR Art. 6(1)(e)).',
    );
    await expect(page.getByTestId('request-retention').textContent()).resolves.toBe(
      'Up to 90 days after reading it.',
    );
    await expect(page.getByTestId('request-matching').textContent()).resolves.toContain(
      ID_CARD.name,
    );
    await page.locator('[data-testid="requests-link"][data-unread="0"]').waitFor();

    // Nothing chosen: the form says what to do.
    await page.getByTestId('answer-review').click();
    await expect(page.getByTestId('answer-error').textContent()).resolves.toBe(
      en['answer.chooseError'],
    );

    await page.locator(`[data-testid="answer-document"][data-document-id="${idCard}"]`).check();
    await page.getByTestId('answer-review').click();
    const dialog = page.getByTestId('approve-dialog');
    await expect(dialog.getByTestId('approve-documents').textContent()).resolves.toBe(ID_CARD.name);
    await expect(dialog.textContent()).resolves.toContain(
      'What Registry office reads cannot be unread',
    );
    await dialog.getByTestId('confirm-approve').click();
    await page.getByTestId('request-answered').waitFor();
    await expect(page.getByTestId('request-status').textContent()).resolves.toBe(
      en['requests.status.approved'],
    );

    // The server holds a key that only the service can open, and a receipt the resident signed.
    const grant = await grantFor(env.vault, requestId);
    await expectGrantOpensForService(env.vault, grant, service, {
      documents: [{ id: idCard, name: ID_CARD.name }],
    });

    await page.getByTestId('consents-link').click();
    const consent = consentItem(page, grant.id);
    await page.getByTestId('consents-active').locator(`[data-consent-id="${grant.id}"]`).waitFor();
    await expect(consent.getByTestId('consent-documents').textContent()).resolves.toBe(
      ID_CARD.name,
    );

    // The service reads the document: the resident is told at once, politely.
    expect(await readAsService(env.vault, service, grant.id, idCard)).toBe(200);
    const notice = page.locator('[data-testid="live-notice"][data-kind="read"]');
    await notice.waitFor();
    await expect(notice.getByTestId('live-notice-text').textContent()).resolves.toMatch(
      new RegExp(
        `^Registry office read your document “${ID_CARD.name}” at \\d\\d:\\d\\d, under your consent for “Issue a residence certificate”\\.$`,
      ),
    );
    await expect(page.getByTestId('live-notices').getAttribute('aria-live')).resolves.toBe(
      'polite',
    );

    // The receipt, as the resident keeps it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      consent.getByTestId('download-receipt').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`consent-receipt-${grant.id}.json`);
    const saved = JSON.parse((await downloadedBytes(download)).toString('utf8')) as {
      receipt: string;
    };
    expect(saved.receipt).toBe(grant.receipt);

    await consent.getByTestId('revoke-consent').click();
    const revoke = page.getByTestId('revoke-dialog');
    await expect(revoke.textContent()).resolves.toContain(
      'Registry office will not be able to read these documents again from now on.',
    );
    await revoke.getByTestId('confirm-revoke').click();
    await page.getByTestId('consents-revoked').locator(`[data-consent-id="${grant.id}"]`).waitFor();
    await expect(consent.getByTestId('consent-status').textContent()).resolves.toBe(
      en['consents.status.revoked'],
    );
    expect(await withVaultStorage(env.vault, (s) => s.listGrantKeys(grant.id))).toEqual([]);
    expect(await readAsService(env.vault, service, grant.id, idCard)).toBe(403);
    await context.close();
  });

  it('refuses a request: the service gets nothing', async () => {
    const context = await env.browser.newContext();
    const page = await newProfile(context);
    await residentWithDocuments(page, env.vault);
    const service = await registerE2eService(env.vault);
    const requestId = await fileRequest(env.vault, service);

    await page.getByTestId('requests-link').click();
    await requestItem(page, requestId).getByTestId('request-link').click();
    await page.getByTestId('answer-refuse').click();
    const dialog = page.getByTestId('refuse-dialog');
    await dialog.getByTestId('confirm-refuse').click();
    await page.getByTestId('request-answered').waitFor();
    await expect(page.getByTestId('request-status').textContent()).resolves.toBe(
      en['requests.status.refused'],
    );
    const stored = await withVaultStorage(env.vault, (s) => s.getServiceRequest(requestId));
    expect(stored?.status).toBe('refused');

    await page.getByTestId('requests-link').click();
    await page
      .getByTestId('requests-answered')
      .locator(`[data-request-id="${requestId}"]`)
      .waitFor();
    await context.close();
  });

  it('a standing consent takes a document added later, at the next unlock', async () => {
    const context = await env.browser.newContext();
    const page = await newProfile(context);
    const { idCard, passport } = await residentWithDocuments(page, env.vault);
    const service = await registerE2eService(env.vault);
    const requestId = await fileRequest(env.vault, service);

    await page.getByTestId('requests-link').click();
    await requestItem(page, requestId).getByTestId('request-link').click();
    await page.locator(`[data-testid="answer-document"][data-document-id="${idCard}"]`).check();
    await page.getByTestId('answer-standing').check();
    await page.getByTestId('answer-review').click();
    await page.getByTestId('approve-dialog').getByTestId('confirm-approve').click();
    await page.getByTestId('request-answered').waitFor();
    const grant = await grantFor(env.vault, requestId);
    expect(grant.standing).toBe(true);

    await page.locator('.nav-list a[href="/"]').click();
    const later = await uploadInUi(page, LICENCE, 'identity');
    await page.getByTestId('lock-now').click();
    await page.waitForURL((url) => url.pathname === '/unlock');
    await page.getByTestId('unlock-passkey').click();
    const notice = page.locator('[data-testid="live-notice"][data-kind="standing"]');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain(
      'Your standing consent for Registry office now also covers 1 new document',
    );
    // The new document is sealed to the service; the one left unchosen at approval is not.
    await expectGrantOpensForService(env.vault, grant, service, {
      documents: [
        { id: idCard, name: ID_CARD.name },
        { id: later, name: LICENCE.name },
      ],
      // The receipt lists what was approved then.
      signed: [idCard],
    });
    const keys = await withVaultStorage(env.vault, (s) => s.listGrantKeys(grant.id));
    expect(keys.map((k) => k.documentId).sort()).toEqual([idCard, later].sort());
    expect(keys.map((k) => k.documentId)).not.toContain(passport);
    await context.close();
  });
});
