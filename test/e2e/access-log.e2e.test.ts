/**
 * The access log end to end in Chromium (issue 4): a resident's own browser checks the city's log
 * (inclusion of every entry, consistency with the checkpoint it kept in IndexedDB) and raises a
 * specific alarm when a row of the SQLite file is changed, or when an older checkpoint is served.
 * Waits are for conditions only, never for time.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { messagesEn as en } from '../../web/src/lib/messages.en.js';
import { useBrowserAndVault } from './browser.js';
import {
  accessLogStatus,
  downloadInUi,
  enrolInWizard,
  logEntry,
  makePdf,
  newProfile,
  openAccessLog,
  signInWithEid,
  uploadInUi,
  type TestFile,
} from './vault-flows.js';

const TAX: TestFile = {
  name: 'Dichiarazione redditi 2025.pdf',
  mimeType: 'application/pdf',
  buffer: makePdf('Modello 730'),
};

/** Records every checkpoint note the browser was sent (the vault worker's requests included). */
function recordCheckpoints(page: Page): string[] {
  const notes: string[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname !== '/log/checkpoint' || !response.ok()) return;
    void response.text().then((text) => notes.push(text));
  });
  return notes;
}

const sizeOf = (note: string) => Number(note.split('\n')[1]);

/** The verdict's numbers, as the page exposes them (the timings are logged, never asserted). */
async function verdict(page: Page) {
  const status = accessLogStatus(page);
  const read = async (name: string) => Number(await status.getAttribute(`data-${name}`));
  return {
    verified: await read('verified'),
    pending: await read('pending'),
    checkpoint: await read('checkpoint'),
    verifyMs: await read('verify-ms'),
    fetchMs: await read('fetch-ms'),
  };
}

/** A resident who signed in, set up the vault, uploaded and downloaded one document. */
async function residentWithDocument(page: Page, origin: string): Promise<string> {
  await signInWithEid(page, origin);
  await enrolInWizard(page);
  const id = await uploadInUi(page, TAX, 'tax');
  expect((await downloadInUi(page, TAX.name)).equals(TAX.buffer)).toBe(true);
  return id;
}

describe('the access log in Chromium', () => {
  const env = useBrowserAndVault();

  it('shows the upload and the download verified; a changed row of the SQLite file raises the alarm', async () => {
    const context = await env.browser.newContext();
    const page = await newProfile(context);
    const documentId = await residentWithDocument(page, env.vault.origin);

    await openAccessLog(page);
    const first = await verdict(page);
    process.stdout.write(
      `access log: ${first.verified} entries verified in ${first.verifyMs} ms ` +
        `(fetch ${first.fetchMs} ms), checkpoint ${first.checkpoint}\n`,
    );
    // sign-in, vault set-up, upload, download: all in the signed log, none pending.
    expect(first.pending).toBe(0);
    expect(first.verified).toBeGreaterThanOrEqual(4);
    await expect(page.getByTestId('access-log-verdict').textContent()).resolves.toContain(
      `Verified: all ${first.verified} entries are in the city’s log, checkpoint #${first.checkpoint}`,
    );
    // The first check of this browser, or a re-check (entries that were still waiting for a
    // checkpoint) that is consistent with it.
    await expect(page.getByTestId('access-log-consistency').textContent()).resolves.toMatch(
      /^(This is the first check in this browser\.|Consistent with what you saw on )/,
    );

    const upload = logEntry(page, 'document.uploaded');
    const download = logEntry(page, 'document.read');
    for (const entry of [upload, download]) {
      await expect(entry.getAttribute('data-status')).resolves.toBe('verified');
      await expect(entry.getAttribute('data-document-id')).resolves.toBe(documentId);
      await expect(entry.getByTestId('entry-status').textContent()).resolves.toBe('Verified');
    }
    // The vault is unlocked: the document is named by its decrypted name.
    await expect(download.getByTestId('log-entry-text').textContent()).resolves.toMatch(
      new RegExp(
        `^You downloaded your document “${TAX.name}” on \\d+ \\w+ \\d{4} at \\d\\d:\\d\\d\\.$`,
      ),
    );
    // The log key, in full, is the one the vault printed at start (and publishes).
    const printed = env.vault.logs.find((l) => l.msg === 'access log: new log key created');
    await expect(page.getByTestId('verifier-key').textContent()).resolves.toBe(
      printed?.['verifierKey'],
    );
    // The chart has a text alternative that counts the entries by who made them.
    await expect(page.getByTestId('access-chart').textContent()).resolves.toContain(
      `${first.verified} by you`,
    );

    // Change the download's row in the SQLite file: it now claims a preview. The tree's stored
    // hashes are untouched, so the vault keeps signing; only the resident's browser can tell.
    const row = env.vault.sql(
      `UPDATE log_entries SET leaf = CAST(replace(CAST(leaf AS TEXT), '"document.read"', '"document.previewed"') AS BLOB)
       WHERE action = 'document.read'`,
    );
    expect(row.changes).toBe(1);
    const index = Number(await download.getAttribute('data-index'));

    await page.reload();
    const alarm = page.getByTestId('log-alarm');
    await alarm.waitFor();
    await expect(alarm.getAttribute('role')).resolves.toBe('alert');
    await expect(alarm.getAttribute('data-kind')).resolves.toBe('entry-changed');
    await expect(alarm.getByTestId('log-alarm-text').textContent()).resolves.toMatch(
      new RegExp(
        `^Entry #${index} now says something different from what your browser checked on `,
      ),
    );
    const failed = page.locator(`[data-testid="log-entry"][data-index="${index}"]`);
    await expect(failed.getAttribute('data-status')).resolves.toBe('unverified');
    await expect(failed.textContent()).resolves.toContain(en['accessLog.entryFailed']);
    await expect(accessLogStatus(page).count()).resolves.toBe(0);
    await context.close();

    // A browser that never saw the entry cannot say it changed, but finds it is not in the log.
    const other = await env.browser.newContext();
    const fresh = await newProfile(other, { authenticator: false });
    await signInWithEid(fresh, env.vault.origin);
    await fresh.goto(`${env.vault.origin}/access-log`);
    await fresh.getByTestId('log-alarm').waitFor();
    await expect(fresh.getByTestId('log-alarm').getAttribute('data-kind')).resolves.toBe(
      'not-included',
    );
    await other.close();
  });

  it('raises the alarm when an older checkpoint is served to a browser that kept a newer one', async () => {
    const context = await env.browser.newContext();
    const page = await newProfile(context);
    const notes = recordCheckpoints(page);
    await residentWithDocument(page, env.vault.origin);
    await openAccessLog(page);
    await expect.poll(() => notes.length).toBeGreaterThan(0);
    const older = notes.at(-1)!;
    const olderSize = sizeOf(older);

    // The log grows (the export is itself logged) and the browser keeps the newer checkpoint.
    await page.getByTestId('export-log').click();
    await page.getByText(/^Your access log was saved as access-log-/).waitFor();
    await page.locator('[data-testid="log-entry"][data-action="log.exported"]').waitFor();
    await accessLogStatus(page).waitFor();
    const kept = (await verdict(page)).checkpoint;
    expect(kept).toBeGreaterThan(olderSize);

    // Someone between the browser and the city (or the vault itself) serves the older, genuine,
    // correctly signed checkpoint.
    await page.route('**/log/checkpoint', (route) =>
      route.fulfill({ status: 200, contentType: 'text/plain; charset=utf-8', body: older }),
    );
    await page.reload();
    const alarm = page.getByTestId('log-alarm');
    await alarm.waitFor();
    await expect(alarm.getAttribute('data-kind')).resolves.toBe('rollback');
    await expect(alarm.getByTestId('log-alarm-text').textContent()).resolves.toContain(
      `your browser checked the log when it had ${kept} entries. Now the vault shows a log of ${olderSize} entries`,
    );
    await expect(
      page.locator('h2', { hasText: en['accessLog.alarm.heading.rollback'] }).count(),
    ).resolves.toBe(1);

    // Served the real checkpoint again, the log checks out: it extends the one kept.
    await page.unroute('**/log/checkpoint');
    await page.reload();
    await accessLogStatus(page).waitFor();
    await expect(page.getByTestId('access-log-consistency').textContent()).resolves.toMatch(
      /^Consistent with what you saw on /,
    );
    await context.close();
  });
});
