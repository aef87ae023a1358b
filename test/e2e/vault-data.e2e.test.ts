import { describe, expect, it } from 'vitest';
import { messagesEn as en } from '../../web/src/lib/messages.en.js';
import { probes } from '../helpers/vault-fixtures.js';
import { addVirtualAuthenticator, useBrowserAndVault } from './browser.js';
import {
  PASSPHRASE,
  PNG_1X1,
  canary,
  documentItem,
  enrolInWizard,
  makePdf,
  newProfile,
  openKeysFromRecovery,
  openReader,
  rawHits,
  scanFor,
  signInWithEid,
  storedVersions,
  uploadInUi,
  type TestFile,
} from './vault-flows.js';

const PDF: TestFile = {
  name: 'Contratto affitto.pdf',
  mimeType: 'application/pdf',
  buffer: makePdf(),
};
const PNG: TestFile = { name: 'Patente.png', mimeType: 'image/png', buffer: PNG_1X1 };

describe('what the vault stores, end to end in Chromium', () => {
  const env = useBrowserAndVault();

  it('shows an error and no plaintext when a stored chunk was tampered with', async () => {
    const context = await env.browser.newContext();
    const page = await newProfile(context);
    await signInWithEid(page, env.vault.origin);
    await enrolInWizard(page, { passphrase: null });
    const id = await uploadInUi(page, PNG, 'vehicles');

    // Flip one byte in the middle of the stored ciphertext chunk.
    const db = openReader(env.vault);
    const { data } = db
      .prepare('SELECT data FROM document_chunks WHERE document_id = ? AND idx = 0')
      .get(id) as { data: Buffer };
    db.close();
    const tampered = Buffer.from(data);
    tampered[Math.floor(tampered.length / 2)]! ^= 0x01;
    const changed = env.vault.sql(
      'UPDATE document_chunks SET data = ? WHERE document_id = ? AND idx = 0',
      tampered,
      id,
    );
    expect(changed.changes).toBe(1);

    let downloads = 0;
    page.on('download', () => downloads++);
    const item = documentItem(page, PNG.name);

    // Download: the error, and no file offered.
    await item.getByTestId('download').click();
    await expect(item.getByTestId('error').textContent()).resolves.toBe(
      en['errors.ERR_DECRYPT_FAILED'],
    );
    // The page offers a file only after a successful decryption, which has now failed.
    await expect(item.getByTestId('download-progress').count()).resolves.toBe(0);
    expect(downloads).toBe(0);

    // Preview: the error in the dialog, and no image.
    await item.getByTestId('preview-open').click();
    const dialog = page.getByTestId('preview-dialog');
    await expect(dialog.getByTestId('error').textContent()).resolves.toBe(
      en['errors.ERR_DECRYPT_FAILED'],
    );
    await expect(dialog.getByTestId('preview-image').count()).resolves.toBe(0);
    await expect(dialog.locator('img, iframe').count()).resolves.toBe(0);
    expect(downloads).toBe(0);
    await context.close();
  });

  it('stores no canary of names or contents, and no master key or document key (zero knowledge)', async () => {
    const context = await env.browser.newContext();
    const page = await newProfile(context);
    await signInWithEid(page, env.vault.origin);
    const { recoveryCode } = await enrolInWizard(page);

    const canaries: string[] = [];
    const files: TestFile[] = [];
    for (let i = 0; i < 3; i++) {
      const inName = canary();
      const inBytes = canary();
      canaries.push(inName, inBytes);
      files.push(
        i === 0
          ? { name: `Referto ${inName}.pdf`, mimeType: 'application/pdf', buffer: makePdf(inBytes) }
          : {
              name: `Nota ${inName}.txt`,
              mimeType: 'text/plain',
              buffer: Buffer.from(`Private note ${i}: ${inBytes}\n`.repeat(20 * i), 'utf8'),
            },
      );
    }
    for (const file of files) await uploadInUi(page, file, 'health');
    expect(env.vault.countRows('documents')).toBe(3);

    const haystacks = () => [
      ...env.vault.rawDatabaseFiles(),
      { name: 'server log', bytes: Buffer.from(env.vault.logText(), 'utf8') },
    ];
    const canarySecrets = canaries.map((value) => ({ label: value, value }));
    // Control: the scan finds a canary in every form, at every base64 alignment.
    for (const prefix of ['', 'a', 'ab']) {
      const probe = Buffer.from(prefix + canaries[0]!, 'utf8');
      for (const form of ['utf8', 'hex', 'base64', 'base64url'] as const) {
        const hay = [{ name: form, bytes: Buffer.from(`x${probe.toString(form)}x`, 'latin1') }];
        expect(scanFor(hay, canarySecrets.slice(0, 1))).not.toEqual([]);
      }
    }
    // In the WAL as written, then after a checkpoint has moved every page into vault.sqlite.
    expect(scanFor(haystacks(), canarySecrets)).toEqual([]);
    env.vault.checkpoint();
    expect(scanFor(haystacks(), canarySecrets)).toEqual([]);

    // The keys the browser held, opened here in Node from the recovery slot with the kit code.
    const db = openReader(env.vault);
    const keys = await openKeysFromRecovery(db, recoveryCode);
    const versions = storedVersions(db);
    db.close();
    expect(keys.documentKeys.size).toBe(3);
    const keySecrets = [
      { label: 'master key', value: keys.masterKey },
      { label: 'X25519 secret key', value: keys.x25519SecretKey },
      ...[...keys.documentKeys].map(([id, value]) => ({ label: `document key ${id}`, value })),
      { label: 'recovery code', value: recoveryCode },
      { label: 'recovery code (compact)', value: recoveryCode.replace(/-/g, '') },
      { label: 'passphrase', value: PASSPHRASE },
    ];
    expect(scanFor(haystacks(), keySecrets)).toEqual([]);

    // The scan does see what is stored: each sealed document key is in vault.sqlite as is.
    const control = scanFor(
      env.vault.rawDatabaseFiles(),
      versions.map((v) => ({ label: v.document_id, value: v.wrapped_key })),
    ).filter((hit) => hit.includes(' as raw in vault.sqlite'));
    expect(control).toHaveLength(3);
    await context.close();
  });

  it('leaves none of a deleted document’s or removed key slot’s bytes in the database files', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const first = await addVirtualAuthenticator(context, page);
    await signInWithEid(page, env.vault.origin);
    await enrolInWizard(page);
    const keptId = await uploadInUi(page, PDF, 'housing');
    const deletedId = await uploadInUi(page, PNG, 'vehicles');

    // What the database holds for the document to delete, read before deleting it.
    const db = openReader(env.vault);
    const [deleted] = storedVersions(db, deletedId);
    const [kept] = storedVersions(db, keptId);
    const chunks = db
      .prepare('SELECT data FROM document_chunks WHERE document_id = ?')
      .all(deletedId) as { data: Buffer }[];
    const slot = db
      .prepare(`SELECT id, envelope FROM key_slots WHERE kind = 'passphrase'`)
      .get() as { id: string; envelope: Buffer };
    db.close();
    if (!deleted || !kept) throw new Error('the versions were not stored');
    expect(chunks.length).toBeGreaterThan(0);
    const documentNeedles = [
      { label: 'wrapped key', bytes: deleted.wrapped_key },
      { label: 'stream header', bytes: deleted.header },
      { label: 'metadata', bytes: deleted.metadata },
      ...chunks.flatMap((c, i) =>
        probes(c.data).map((bytes, j) => ({ label: `chunk ${i} probe ${j}`, bytes })),
      ),
    ];
    env.vault.checkpoint();
    // Control: before deleting, the scan finds every one of them.
    expect(rawHits(env.vault, documentNeedles).length).toBeGreaterThanOrEqual(3 + 4);
    expect(rawHits(env.vault, [{ label: 'slot', bytes: slot.envelope }])).toEqual(['slot']);

    const item = documentItem(page, PNG.name);
    await item.getByTestId('delete-document').click();
    await page.getByTestId('confirm-delete').click();
    await item.waitFor({ state: 'detached' });
    expect(env.vault.countRows('documents')).toBe(1);
    env.vault.checkpoint();
    expect(rawHits(env.vault, documentNeedles)).toEqual([]);
    // The other document is untouched.
    expect(rawHits(env.vault, [{ label: 'kept', bytes: kept.wrapped_key }])).toEqual(['kept']);

    // Remove the passphrase slot in the account settings.
    await page.getByTestId('account-link').click();
    const slotItem = page.locator('[data-testid="slot-item"][data-slot-kind="passphrase"]');
    await slotItem.getByTestId('remove-slot').click();
    await slotItem.getByTestId('confirm-remove-slot').click();
    await slotItem.waitFor({ state: 'detached' });
    expect(env.vault.countRows('key_slots')).toBe(2);
    env.vault.checkpoint();
    expect(rawHits(env.vault, [{ label: 'slot', bytes: slot.envelope }])).toEqual([]);

    // Adding a passkey unlock method: the only passkey already has a slot, and the page says so.
    await page.getByTestId('add-passkey-slot').click();
    await page
      .getByTestId('error')
      .getByText(en['errors.ERR_PASSKEY_SLOT_EXISTS'], { exact: true })
      .waitFor();
    // A second passkey on the account (another authenticator: one holds one passkey per
    // account): the ceremony offers just that one, and its slot is added.
    await first.cdp.send('WebAuthn.removeVirtualAuthenticator', {
      authenticatorId: first.authenticatorId,
    });
    await addVirtualAuthenticator(context, page);
    await page.getByTestId('add-passkey-name').fill('Phone');
    await page.getByTestId('add-passkey').click();
    await page.getByTestId('passkey-item').nth(1).waitFor();
    await page.getByTestId('add-passkey-slot').click();
    await page.locator('[data-testid="slot-item"][data-slot-kind="passkey"]').nth(1).waitFor();
    expect(env.vault.countRows('key_slots')).toBe(3);
    await context.close();
  });
});
