/**
 * "Export everything" end to end in Chromium (issue 6, GDPR Art. 20): a resident with two
 * documents (one with a non-ASCII name) and an approved service request exports from Settings;
 * the test captures the download, opens the ZIP, and checks the decrypted bytes against the
 * originals, the metadata, the receipt the resident signed, and that `verify-log` (the built
 * CLI, run as a process) accepts the archive — and refuses it once a log entry is changed. A
 * document whose stored copy is damaged stops the export with a message naming it, and the
 * resident can export everything else. Waits are for conditions only, never for time.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bytesSource, createZipWriter, openZip, type ZipArchive } from '../../crypto/src/index.js';
import type { LogExport } from '../../server/src/contracts/index.js';
import { messagesEn as en } from '../../web/src/lib/messages.en.js';
import type { TestVault } from '../helpers/start-vault.js';
import { useBrowserAndVault } from './browser.js';
import { fileRequest, grantFor, registerE2eService, requestItem } from './consent-flows.js';
import {
  PNG_1X1,
  documentItem,
  downloadedBytes,
  enrolInWizard,
  makePdf,
  newProfile,
  openReader,
  signInWithEid,
  uploadInUi,
  type TestFile,
} from './vault-flows.js';

const ID_CARD: TestFile = {
  name: 'Carta d’identità – è.pdf',
  mimeType: 'application/pdf',
  buffer: makePdf('Carta di identita export'),
};
const ID_CARD_RENEWED: TestFile = {
  name: 'Carta d’identità 2027.pdf',
  mimeType: 'application/pdf',
  buffer: makePdf('Carta di identita rinnovata'),
};
const PHOTO: TestFile = { name: 'Photo.png', mimeType: 'image/png', buffer: PNG_1X1 };
const TAX: TestFile = {
  name: 'Tax statement.pdf',
  mimeType: 'application/pdf',
  buffer: makePdf('Tax statement export'),
};

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const root = path.resolve(import.meta.dirname, '..', '..');

/** axe's WCAG 2.1 AA violations inside the export section, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(WCAG_21_AA)
    .include('[data-testid="export-section"]')
    .analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/** Opens Settings from the navigation (client-side: the vault stays unlocked). */
async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('account-link').click();
  await page.waitForURL((url) => url.pathname === '/account');
  await page.getByTestId('export-all').waitFor();
}

/** Clicks Export and returns the saved archive, its suggested name and its reader. */
async function exportArchive(page: Page, button = 'export-all') {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(button).click(),
  ]);
  const bytes = await downloadedBytes(download);
  return { name: download.suggestedFilename(), bytes, zip: openZip(bytesSource(bytes)) };
}

const textOf = (zip: ZipArchive, name: string): string => {
  const entry = zip.find(name);
  if (!entry) throw new Error(`${name} is not in the archive`);
  return new TextDecoder().decode(zip.read(entry));
};

/** The log key the vault printed when it made it (what the city publishes). */
function publishedKey(vault: TestVault): string {
  const printed = vault.logs.find((l) => l.msg === 'access log: new log key created');
  const key = printed?.['verifierKey'];
  if (typeof key !== 'string') throw new Error('the vault did not print its log key');
  return key;
}

/** Runs the built `verify-log` CLI as a process, as `npm run verify-log` does after its build. */
function verifyLog(file: string, key: string) {
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'dist', 'server', 'src', 'cli', 'verify-log.js'), file, '--key', key],
    { encoding: 'utf8' },
  );
  return { status: result.status, out: result.stdout, err: result.stderr };
}

describe('Export everything in Chromium', () => {
  const env = useBrowserAndVault();

  it('exports decrypted documents, metadata, receipts and a log that verify-log accepts; a changed entry fails', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    const page = await newProfile(context);
    await signInWithEid(page, env.vault.origin);
    await enrolInWizard(page);
    const idCard = await uploadInUi(page, ID_CARD, 'identity');
    const photo = await uploadInUi(page, PHOTO, 'other');

    // A service asks for identity documents; the resident approves with the ID card.
    const service = await registerE2eService(env.vault);
    const requestId = await fileRequest(env.vault, service);
    await page.getByTestId('requests-link').click();
    await requestItem(page, requestId).getByTestId('request-link').click();
    await page.locator(`[data-testid="answer-document"][data-document-id="${idCard}"]`).check();
    await page.getByTestId('answer-review').click();
    await page.getByTestId('approve-dialog').getByTestId('confirm-approve').click();
    await page.getByTestId('request-answered').waitFor();
    const grant = await grantFor(env.vault, requestId);

    await openSettings(page);
    expect(await axeViolations(page)).toEqual([]);

    // Hold the log export: the progress bar is seen at that step, and the export is stopped.
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/log/export', async (route) => {
      await released;
      await route.continue();
    });
    await page.getByTestId('export-all').click();
    const step = page.locator('[data-testid="export-step"][data-step="log"]');
    await step.waitFor();
    await expect(step.textContent()).resolves.toBe(en['exportAll.step.log']);
    const bar = page.getByTestId('export-progress-bar');
    const [value, max] = await Promise.all([bar.getAttribute('value'), bar.getAttribute('max')]);
    expect(Number(value)).toBeGreaterThan(0);
    expect(Number(value)).toBeLessThan(Number(max));
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('export-cancel').click();
    await expect(page.getByTestId('export-status').textContent()).resolves.toBe(
      en['exportAll.cancelled'],
    );
    // The stopped run's last request finishes; what it made is dropped, not saved.
    const held = page.waitForResponse((res) => res.url().endsWith('/api/log/export'));
    release();
    await held;
    await page.getByTestId('export-all').waitFor();

    const { name, bytes, zip } = await exportArchive(page);
    expect(downloads).toEqual([name]);

    expect(name).toMatch(/^citizen-vault-export-\d{4}-\d\d-\d\d\.zip$/);
    await expect(page.getByTestId('export-status').textContent()).resolves.toBe(
      en['exportAll.done'].replace('{file}', name),
    );
    expect(zip.entries.map((e) => e.name).sort()).toEqual([
      'README.txt',
      'access-log.json',
      `consents/consent-receipt-${grant.id}.json`,
      `documents/${ID_CARD.name}`,
      `documents/${PHOTO.name}`,
      'metadata.json',
    ]);
    // The decrypted documents are the originals, byte for byte.
    const card = zip.read(zip.find(`documents/${ID_CARD.name}`)!);
    expect(Buffer.from(card).equals(ID_CARD.buffer)).toBe(true);
    const png = zip.read(zip.find(`documents/${PHOTO.name}`)!);
    expect(Buffer.from(png).equals(PHOTO.buffer)).toBe(true);

    const metadata = JSON.parse(textOf(zip, 'metadata.json')) as {
      documents: Record<string, unknown>[];
      consents: Record<string, unknown>[];
      accessLog: Record<string, unknown>;
      unreadable: unknown[];
    };
    const byId = new Map(metadata.documents.map((d) => [d['id'], d]));
    expect(byId.get(idCard)).toMatchObject({
      category: 'identity',
      issuedBy: null,
      currentVersion: 1,
      versions: [
        {
          version: 1,
          current: true,
          file: `documents/${ID_CARD.name}`,
          name: ID_CARD.name,
          type: 'application/pdf',
          size: ID_CARD.buffer.length,
          readable: true,
        },
      ],
    });
    expect(byId.get(photo)).toMatchObject({
      category: 'other',
      versions: [{ name: PHOTO.name, type: 'image/png', size: PHOTO.buffer.length }],
    });
    expect(metadata.consents).toEqual([
      expect.objectContaining({
        id: grant.id,
        requestId,
        status: 'active',
        legalBasis: 'public-task',
        service: { id: service.id, name: service.name },
        receipt: `consents/consent-receipt-${grant.id}.json`,
      }),
    ]);
    expect(metadata.unreadable).toEqual([]);

    // The receipt as the consents page saves it: the JWS the resident signed, countersigned.
    const receipt = JSON.parse(textOf(zip, `consents/consent-receipt-${grant.id}.json`)) as {
      receipt: string;
      countersignature: string;
      vaultKey: Record<string, string>;
    };
    expect(receipt.receipt).toBe(grant.receipt);
    expect(receipt.countersignature).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(receipt.vaultKey).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });

    // The log holds this export's own reads and the approval.
    const log = JSON.parse(textOf(zip, 'access-log.json')) as LogExport;
    const actions = log.entries.map((e) => (JSON.parse(e.leaf) as { action: string }).action);
    expect(actions).toEqual(expect.arrayContaining(['document.read', 'grant.created']));
    expect(metadata.accessLog).toMatchObject({
      file: 'access-log.json',
      entries: log.entries.length,
    });
    const readme = textOf(zip, 'README.txt');
    expect(readme).toContain(en['exportAll.readme.title']);
    expect(readme).toContain('npm run verify-log -- <this archive>');

    // verify-log, the CLI, on the archive itself, against the key the city publishes.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-export-'));
    try {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      const key = publishedKey(env.vault);
      const good = verifyLog(file, key);
      expect(good.err).toBe('');
      expect(good.status).toBe(0);
      expect(good.out).toContain('access-log.json read from');
      expect(good.out).toContain('CRC-32 OK');
      expect(good.out).toContain(`${log.entries.length} of ${log.entries.length} are in the log`);
      expect(good.out.trimEnd()).toMatch(/Verified\.$/);

      // A log entry changed in place (same length): the archive's CRC-32 gives it away.
      const changed = Buffer.from(bytes);
      const at = changed.indexOf('document.read');
      expect(at).toBeGreaterThan(0);
      changed.write('document.seen', at, 'latin1');
      fs.writeFileSync(file, changed);
      const crc = verifyLog(file, key);
      expect(crc.status).toBe(1);
      expect(crc.err).toContain('access-log.json: CRC-32 mismatch');

      // The same change in an archive made anew (CRCs right): the inclusion proof gives it away.
      const forged = JSON.parse(textOf(zip, 'access-log.json')) as LogExport;
      const target = forged.entries.find((e) => e.leaf.includes('"document.read"'))!;
      target.leaf = target.leaf.replace('"document.read"', '"document.seen"');
      const writer = createZipWriter();
      for (const entry of zip.entries) {
        const data =
          entry.name === 'access-log.json'
            ? new TextEncoder().encode(JSON.stringify(forged, null, 2))
            : zip.read(entry);
        await writer.add({ name: entry.name, data });
      }
      fs.writeFileSync(file, new Uint8Array(await writer.finish().arrayBuffer()));
      const proof = verifyLog(file, key);
      expect(proof.status).toBe(1);
      expect(proof.out).toContain('CRC-32 OK');
      expect(proof.err).toContain('NOT VERIFIED');
      expect(proof.err).toContain(`entry #${target.index}: ERR_PROOF_INVALID`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await context.close();
  }, 120_000);

  it('in Italian: a damaged document stops the export, named; "export everything else" leaves it out and lists it', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    const page = await newProfile(context, { lang: 'it' });
    await signInWithEid(page, env.vault.origin);
    await enrolInWizard(page);
    await uploadInUi(page, ID_CARD, 'identity');
    const tax = await uploadInUi(page, TAX, 'tax');
    // A new version of the ID card, under a new name: the old one goes to older-versions/.
    await documentItem(page, ID_CARD.name).getByTestId('new-version').click();
    await page.getByTestId('new-version-file').setInputFiles(ID_CARD_RENEWED);
    await page.getByTestId('new-version-submit').click();
    await documentItem(page, ID_CARD_RENEWED.name).waitFor();

    // Damage one byte of the tax statement's stored ciphertext.
    const db = openReader(env.vault);
    const chunk = db
      .prepare('SELECT data FROM document_chunks WHERE document_id = ? AND version = 1 AND idx = 0')
      .get(tax) as { data: Buffer };
    db.close();
    const damaged = Buffer.from(chunk.data);
    damaged[damaged.length - 1]! ^= 0x01;
    const updated = env.vault.sql(
      'UPDATE document_chunks SET data = ? WHERE document_id = ? AND version = 1 AND idx = 0',
      damaged,
      tax,
    );
    expect(updated.changes).toBe(1);

    await openSettings(page);
    await page.getByTestId('export-all').click();
    const alert = page.getByTestId('export-unreadable');
    await alert.waitFor();
    await expect(alert.getAttribute('role')).resolves.toBe('alert');
    await expect(alert.textContent()).resolves.toContain(
      `Non è stato possibile decifrare “${TAX.name}” (versione 1), quindi non è stato salvato alcun archivio. Riprova:`,
    );
    expect(await axeViolations(page)).toEqual([]);

    const { zip } = await exportArchive(page, 'export-without');
    const older = `documents/older-versions/${ID_CARD.name.replace(/\.pdf$/, '')} (version 1).pdf`;
    expect(
      zip.entries
        .filter((e) => e.name.startsWith('documents/'))
        .map((e) => e.name)
        .sort(),
    ).toEqual([`documents/${ID_CARD_RENEWED.name}`, older]);
    const current = zip.read(zip.find(`documents/${ID_CARD_RENEWED.name}`)!);
    expect(Buffer.from(current).equals(ID_CARD_RENEWED.buffer)).toBe(true);
    expect(Buffer.from(zip.read(zip.find(older)!)).equals(ID_CARD.buffer)).toBe(true);
    const metadata = JSON.parse(textOf(zip, 'metadata.json')) as {
      unreadable: { documentId: string; version: number; name: string }[];
    };
    expect(metadata.unreadable).toEqual([
      expect.objectContaining({ documentId: tax, version: 1, name: TAX.name }),
    ]);
    const readme = textOf(zip, 'README.txt');
    expect(readme).toContain('Citizen Vault: tutto ciò che conservi nella tua cassaforte');
    expect(readme).toContain(`  - ${TAX.name} (versione 1, `);
    await expect(page.getByTestId('export-status').textContent()).resolves.toMatch(
      /^Il tuo archivio è stato salvato come citizen-vault-export-.*, senza 1 file/,
    );
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
