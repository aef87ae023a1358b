/**
 * The whole loop of issue 5, end to end, with the real pieces a city would run: the city-service
 * tool makes the service's keys, the operator CLI registers it, the tool files a request, the
 * resident approves it in Chromium (the vault worker seals the document key to the service and
 * signs the receipt), the tool waits for the answer, fetches and decrypts the document — the bytes
 * equal the resident's original — and the resident's access log shows that read, with its purpose
 * and the consent it was made under, verified by the browser against signed checkpoints.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/src/cli/admin.js';
import { runServiceTool } from '../../server/src/cli/service-tool.js';
import { DEMO_RESIDENTS } from '../../server/src/modules/local-eid/index.js';
import { useBrowserAndVault } from './browser.js';
import { requestItem } from './consent-flows.js';
import {
  accessLogStatus,
  enrolInWizard,
  logEntry,
  makePdf,
  newProfile,
  openAccessLog,
  signInWithEid,
  uploadInUi,
  type TestFile,
} from './vault-flows.js';

const CERTIFICATE: TestFile = {
  name: 'Stato di famiglia.pdf',
  mimeType: 'application/pdf',
  buffer: makePdf('Stato di famiglia — Maria Rossi'),
};

/** Runs a CLI in-process and returns its status and what it printed. */
async function cli(
  run: (io: { out: (l: string) => void; err: (l: string) => void }) => Promise<number>,
) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await run({ out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out, err: err.join('\n') };
}

describe('the city-service loop in Chromium and the tools', () => {
  const env = useBrowserAndVault();

  it('tool requests → resident approves → tool fetches the same bytes → the log shows the read, verified', async () => {
    const { vault, browser } = env;
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-loop-'));
    const keys = path.join(work, 'service-keys');
    const out = path.join(work, 'fetched');
    const maria = DEMO_RESIDENTS.find((r) => r.accountId === 'demo-maria-rossi')!;
    try {
      // The resident has a family certificate in her vault.
      const context = await browser.newContext();
      const page = await newProfile(context);
      await signInWithEid(page, vault.origin);
      await enrolInWizard(page);
      const documentId = await uploadInUi(page, CERTIFICATE, 'family');

      // The registry office makes its keys; the operator registers it.
      const init = await cli((io) =>
        runServiceTool(
          [
            'init',
            '--dir',
            keys,
            '--id',
            'registry-office',
            '--name-en',
            'Registry office',
            '--name-it',
            'Ufficio anagrafe',
            '--purpose',
            'family-status|Check your family status for a benefit|Verificare lo stato di famiglia per un contributo',
            '--legal-basis',
            'public-task',
          ],
          io,
        ),
      );
      expect(init).toMatchObject({ status: 0 });
      const registered = await cli((io) =>
        runAdmin(
          ['service', 'register', path.join(keys, 'registration.json')],
          { VAULT_DATA_DIR: vault.config.dataDir },
          io,
        ),
      );
      expect(registered).toMatchObject({ status: 0 });

      // The tool files the request; it appears in the resident's open inbox.
      const answerBy = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const filed = await cli((io) =>
        runServiceTool(
          [
            'request',
            '--vault',
            vault.origin,
            '--dir',
            keys,
            '--national-id',
            maria.fiscalNumber,
            '--category',
            'family',
            '--purpose',
            'family-status',
            '--legal-basis',
            'public-task',
            '--retention-days',
            '30',
            '--answer-by',
            answerBy,
          ],
          io,
        ),
      );
      expect(filed.status, filed.err).toBe(0);
      const requestId = filed.out.at(-1)!;
      await page.getByTestId('requests-link').click();
      const item = requestItem(page, requestId);
      await item.waitFor();

      // The resident approves with her certificate.
      await item.getByTestId('request-link').click();
      await page
        .locator(`[data-testid="answer-document"][data-document-id="${documentId}"]`)
        .check();
      await page.getByTestId('answer-review').click();
      await page.getByTestId('approve-dialog').getByTestId('confirm-approve').click();
      await page.getByTestId('request-answered').waitFor();

      // The tool sees the answer and fetches the document: the same bytes as the original.
      const waited = await cli((io) =>
        runServiceTool(
          [
            'wait',
            '--vault',
            vault.origin,
            '--dir',
            keys,
            '--request',
            requestId,
            '--timeout-s',
            '30',
          ],
          io,
        ),
      );
      expect(waited.status, waited.err).toBe(0);
      const [status, grantId] = waited.out.at(-1)!.split(' ');
      expect(status).toBe('approved');
      const fetched = await cli((io) =>
        runServiceTool(
          [
            'fetch',
            '--vault',
            vault.origin,
            '--dir',
            keys,
            '--grant',
            grantId!,
            '--purpose',
            'family-status',
            '--out',
            out,
          ],
          io,
        ),
      );
      expect(fetched.status, fetched.err).toBe(0);
      expect(fs.readdirSync(out)).toEqual([CERTIFICATE.name]);
      expect(fs.readFileSync(path.join(out, CERTIFICATE.name)).equals(CERTIFICATE.buffer)).toBe(
        true,
      );

      // The resident's log shows the read, with purpose and consent, verified in her browser.
      await openAccessLog(page);
      const read = page
        .locator('[data-testid="log-entry"][data-action="document.read"]')
        .filter({ hasText: 'Registry office' })
        .first();
      await read.waitFor();
      await expect(read.getAttribute('data-status')).resolves.toBe('verified');
      await expect(read.getAttribute('data-document-id')).resolves.toBe(documentId);
      const text = await read.textContent();
      expect(text).toContain(`Registry office read your document “${CERTIFICATE.name}”`);
      expect(text).toContain('Purpose: Check your family status for a benefit');
      expect(text).toContain(`Under your consent ${grantId!.slice(0, 8)}`);
      await accessLogStatus(page).waitFor();
      await expect(logEntry(page, 'grant.created').getAttribute('data-status')).resolves.toBe(
        'verified',
      );
      await context.close();
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
