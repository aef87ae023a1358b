import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  openDocumentKey,
  openKeySlot,
  openResidentSecretKeys,
  sodiumReady,
  type DocumentKey,
  type Ed25519PublicKey,
  type MasterKey,
  type X25519PublicKey,
  type X25519SecretKey,
} from '../../crypto/src/index.js';
import type { DocumentCategory } from '../../server/src/contracts/index.js';
import type { TestVault } from '../helpers/start-vault.js';
import { addVirtualAuthenticator } from './browser.js';

/**
 * Shared steps of the vault's end-to-end tests (issue 3): sign in with the local eID, go through
 * the set-up wizard, upload, read rows of the real SQLite file, and turn secrets into the needles
 * a byte scan looks for. Waits are for conditions only, never for time.
 */

/** A passphrase long enough for the wizard (12+ characters). */
export const PASSPHRASE = 'correct horse battery staple';

/** A file as the browser uploads it and as the test expects it back. */
export interface TestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * A minimal valid PDF (one empty A4-ish page with a line of text), with a correct xref table.
 * `text` ends up in the content stream, so a canary in it is part of the file's bytes.
 */
export function makePdf(text = 'Citizen Vault test document'): Buffer {
  const content = `BT /F1 18 Tf 40 100 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A valid 1×1 PNG (one red pixel). */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A random canary: 'CANARY-' and 16 hex characters. */
export const canary = (): string => `CANARY-${randomBytes(8).toString('hex')}`;

/** Goes through the local eID from its start and waits until the app greets the resident. */
export async function signInWithEid(page: Page, origin: string, account = 'demo-maria-rossi') {
  await page.goto(`${origin}/auth/eid/start`);
  await page.locator(`button[data-account="${account}"]`).click();
  await page.getByTestId('welcome').waitFor();
}

/** A fresh browser context (a new profile) and page, optionally with a PRF authenticator. */
export async function newProfile(
  context: BrowserContext,
  { authenticator = true, lang }: { authenticator?: boolean; lang?: 'en' | 'it' } = {},
): Promise<Page> {
  const page = await context.newPage();
  if (authenticator) await addVirtualAuthenticator(context, page);
  if (lang) await page.addInitScript(`localStorage.setItem('cv.lang', '${lang}')`);
  return page;
}

/** Hooks called at each step of the set-up wizard (the accessibility test runs axe there). */
export interface WizardHooks {
  onStep?: (step: 'intro' | 'passkey' | 'recovery' | 'passphrase') => Promise<void>;
}

/**
 * Enrols a signed-in resident on /setup: a new passkey with PRF, the recovery kit (its code is
 * read from the page and returned) and, if given, a passphrase. Ends on the documents page.
 */
export async function enrolInWizard(
  page: Page,
  {
    passphrase = PASSPHRASE as string | null,
    passkey = 'new' as 'new' | 'existing',
    hooks = {} as WizardHooks,
  } = {},
): Promise<{ recoveryCode: string }> {
  await page.waitForURL((url) => url.pathname === '/setup');
  await page.getByTestId('vault-setup-start').waitFor();
  await hooks.onStep?.('intro');
  await page.getByTestId('vault-setup-start').click();

  await page.getByTestId('setup-passkey-create').waitFor();
  await hooks.onStep?.('passkey');
  if (passkey === 'existing') {
    await page.getByTestId('setup-passkey-existing').click();
  } else {
    await page.getByTestId('setup-passkey-name').fill('Laptop');
    await page.getByTestId('setup-passkey-create').click();
  }

  const codeLocator = page.getByTestId('recovery-code');
  await codeLocator.waitFor();
  const recoveryCode = ((await codeLocator.textContent()) ?? '').trim();
  expect(recoveryCode).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
  await page.getByTestId('recovery-qr').waitFor();
  await hooks.onStep?.('recovery');
  await page.getByTestId('recovery-saved').check();
  await page.getByTestId('setup-recovery-next').click();

  await page.getByTestId('passphrase-input').waitFor();
  await hooks.onStep?.('passphrase');
  if (passphrase !== null) {
    await page.getByTestId('passphrase-input').fill(passphrase);
    await page.getByTestId('passphrase-confirm').fill(passphrase);
  }
  await page.getByTestId('enrol-finish').click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByTestId('upload-file').waitFor();
  return { recoveryCode };
}

/** Uploads a file through the form and waits until it is listed; returns its document id. */
export async function uploadInUi(
  page: Page,
  file: TestFile,
  category: DocumentCategory = 'identity',
): Promise<string> {
  await page.getByTestId('upload-file').setInputFiles(file);
  await page.getByTestId('upload-category').selectOption(category);
  await page.getByTestId('upload-submit').click();
  const item = documentItem(page, file.name);
  await item.waitFor();
  const id = await item.getAttribute('data-document-id');
  if (!id) throw new Error(`no document id for ${file.name}`);
  return id;
}

/** The list item whose decrypted name is exactly `name`. */
export function documentItem(page: Page, name: string) {
  return page
    .getByTestId('document-item')
    .filter({ has: page.getByTestId('document-name').getByText(name, { exact: true }) });
}

/** The bytes of a finished download. */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  const file = await download.path();
  return fs.readFileSync(file);
}

/** Unlocks on /unlock with the recovery code and waits for the documents page. */
export async function unlockWithRecovery(page: Page, code: string): Promise<void> {
  await page.getByTestId('unlock-recovery-input').fill(code);
  await page.getByTestId('unlock-recovery-submit').click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByTestId('upload-file').waitFor();
}

/**
 * A read-only connection to the vault's SQLite file, for reading rows the server wrote (the
 * harness's `sql()` only runs statements). Closed by the caller.
 */
export function openReader(vault: TestVault): Database.Database {
  return new Database(vault.config.databaseFile, { readonly: true, fileMustExist: true });
}

/** One stored document version as the database holds it. */
export interface StoredVersion {
  document_id: string;
  version: number;
  header: Buffer;
  wrapped_key: Buffer;
  metadata: Buffer;
}

export function storedVersions(db: Database.Database, documentId?: string): StoredVersion[] {
  const rows = db
    .prepare(
      `SELECT document_id, version, header, wrapped_key, metadata FROM document_versions
       WHERE status = 'complete' ${documentId ? 'AND document_id = ?' : ''}`,
    )
    .all(...(documentId ? [documentId] : [])) as StoredVersion[];
  return rows;
}

/** The resident's keys, opened in Node from the recovery slot with the code the page showed. */
export interface OpenedKeys {
  residentId: string;
  masterKey: MasterKey;
  x25519SecretKey: X25519SecretKey;
  documentKeys: Map<string, DocumentKey>;
}

/**
 * Opens the recovery slot (crypto/ in Node) → the master key → the resident's secret keys →
 * every stored document key. What the browser holds while unlocked; the server must hold none.
 */
export async function openKeysFromRecovery(
  db: Database.Database,
  recoveryCode: string,
): Promise<OpenedKeys> {
  await sodiumReady();
  const slot = db
    .prepare(`SELECT id, resident_id, envelope FROM key_slots WHERE kind = 'recovery'`)
    .get() as { id: string; resident_id: string; envelope: Buffer };
  const masterKey = openKeySlot(
    new Uint8Array(slot.envelope),
    { kind: 'recovery', code: recoveryCode },
    { residentId: slot.resident_id, slotId: slot.id },
  );
  const keys = db
    .prepare(
      `SELECT x25519_public, ed25519_public, secret_keys_envelope FROM resident_keys
       WHERE resident_id = ?`,
    )
    .get(slot.resident_id) as {
    x25519_public: Buffer;
    ed25519_public: Buffer;
    secret_keys_envelope: Buffer;
  };
  const x25519PublicKey = new Uint8Array(keys.x25519_public) as X25519PublicKey;
  const opened = openResidentSecretKeys(
    masterKey,
    slot.resident_id,
    {
      x25519PublicKey,
      ed25519PublicKey: new Uint8Array(keys.ed25519_public) as Ed25519PublicKey,
    },
    new Uint8Array(keys.secret_keys_envelope),
  );
  const documentKeys = new Map<string, DocumentKey>();
  for (const v of storedVersions(db)) {
    documentKeys.set(
      `${v.document_id}/${v.version}`,
      openDocumentKey(new Uint8Array(v.wrapped_key), x25519PublicKey, opened.x25519SecretKey),
    );
  }
  return {
    residentId: slot.resident_id,
    masterKey,
    x25519SecretKey: opened.x25519SecretKey,
    documentKeys,
  };
}

/**
 * The base64 alphabets' renderings of `bytes` wherever it starts in a longer encoded string: for
 * each of the three alignments, the characters that depend on `bytes` alone.
 */
function base64Renderings(bytes: Buffer, encoding: 'base64' | 'base64url'): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes])
      .toString(encoding)
      .replace(/=+$/, '');
    const first = Math.ceil((8 * shift) / 6);
    const last = Math.floor((8 * (shift + bytes.length) - 6) / 6);
    out.push(encoded.slice(first, last + 1));
  }
  return out;
}

/** A secret as raw bytes, lower- and upper-case hex, and base64 and base64url at any alignment. */
export function needlesFor(secret: Uint8Array | string): { form: string; bytes: Buffer }[] {
  const raw = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  const hex = raw.toString('hex');
  const forms: { form: string; text: string | Buffer }[] = [
    { form: 'raw', text: raw },
    { form: 'hex', text: hex },
    { form: 'HEX', text: hex.toUpperCase() },
    ...base64Renderings(raw, 'base64').map((text) => ({ form: 'base64', text })),
    ...base64Renderings(raw, 'base64url').map((text) => ({ form: 'base64url', text })),
  ];
  return forms.map(({ form, text }) => ({
    form,
    bytes: typeof text === 'string' ? Buffer.from(text, 'latin1') : text,
  }));
}

/** Every place (file and form) where one of the secrets shows up; empty when none does. */
export function scanFor(
  haystacks: { name: string; bytes: Buffer }[],
  secrets: { label: string; value: Uint8Array | string }[],
): string[] {
  const hits: string[] = [];
  for (const { label, value } of secrets) {
    for (const needle of needlesFor(value)) {
      for (const hay of haystacks) {
        if (hay.bytes.includes(needle.bytes))
          hits.push(`${label} as ${needle.form} in ${hay.name}`);
      }
    }
  }
  return hits;
}

/** Whether any of `needles` occurs as raw bytes in the raw database files. */
export function rawHits(vault: TestVault, needles: { label: string; bytes: Buffer }[]): string[] {
  const files = vault.rawDatabaseFiles();
  return needles.filter((n) => files.some((f) => f.bytes.includes(n.bytes))).map((n) => n.label);
}

/** Downloads a listed document through its Download button; resolves with the saved bytes. */
export async function downloadInUi(page: Page, name: string): Promise<Buffer> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    documentItem(page, name).getByTestId('download').click(),
  ]);
  return downloadedBytes(download);
}

/** The access-log page's verdict, once the browser's check has settled on `state`. */
export function accessLogStatus(page: Page, state: 'verified' | 'pending' = 'verified') {
  return page.locator(`[data-testid="access-log-status"][data-state="${state}"]`);
}

/**
 * Opens the access log from the navigation (a client-side move: an unlocked vault stays
 * unlocked) and waits until every entry is verified: entries made in the last second wait for
 * the next checkpoint, and the page checks again by itself.
 */
export async function openAccessLog(page: Page): Promise<void> {
  await page.getByTestId('access-log-link').click();
  await page.waitForURL((url) => url.pathname === '/access-log');
  await accessLogStatus(page).waitFor();
}

/** The timeline entry (a list item) of the first entry with this action. */
export function logEntry(page: Page, action: string) {
  return page.locator(`[data-testid="log-entry"][data-action="${action}"]`).first();
}
