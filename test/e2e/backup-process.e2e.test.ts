import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../../crypto/src/index.js';
import { checkpointCovering, trustOf } from '../helpers/access-log.js';
import { integrityOf, readBack, tryStoreEncrypted } from '../helpers/durability.js';
import { keyedResident, storeEncrypted, type StoredDocument } from '../helpers/service-api.js';
import { startVault, type TestVault } from '../helpers/start-vault.js';

/**
 * The operator's backup and restore as the operator runs them: the compiled admin command
 * (`node dist/server/src/cli/admin.js`, what `npm run admin` runs) in a process of its own, against
 * the SQLite file of a vault that keeps taking uploads meanwhile — SQLite's locks and shared WAL
 * index between two processes, not two connections of one. (The in-process tests in
 * test/integration/backup-restore.test.ts check the rest: service reads, the log's consistency,
 * damaged files.)
 */

const ADMIN = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  'dist',
  'server',
  'src',
  'cli',
  'admin.js',
);
const run = promisify(execFile);

const vaults: TestVault[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(ADMIN)) {
    throw new Error('The server is not built: run `npm run build` before the end-to-end tests.');
  }
  await sodiumReady();
});

afterEach(async () => {
  await Promise.all(vaults.splice(0).map((v) => v.close()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the compiled admin command; resolves with its exit status and output. */
async function admin(argv: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [ADMIN, ...argv], {
      env: { PATH: process.env['PATH'] ?? '', VAULT_LOG_LEVEL: 'silent', ...env },
    });
    return { status: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { status: failed.code ?? -1, out: failed.stdout ?? '', err: failed.stderr ?? '' };
  }
}

describe('npm run admin -- backup / restore, in processes of their own', () => {
  it('backs up a vault that keeps taking uploads, and the restored copy serves every document acknowledged before', async () => {
    const vault = await startVault();
    vaults.push(vault);
    const port = new URL(vault.origin).port;
    const maria = await keyedResident(vault);
    const acknowledged: StoredDocument[] = [await storeEncrypted(maria, randomBytes(100_000))];
    const unanswered: StoredDocument[] = [];
    // A signed checkpoint first, so that the command checks the log against it (libsodium's
    // hashes, in the command's own process).
    await checkpointCovering(vault, await trustOf(maria.client), vault.countRows('log_entries'));

    let stop = false;
    const answeredAt: number[] = [];
    const uploads = (async () => {
      while (!stop) {
        const { res, document } = await tryStoreEncrypted(maria, randomBytes(50_000));
        if (res === null) {
          unanswered.push(document);
          continue;
        }
        expect(res.status, res.text).toBe(201);
        acknowledged.push(document);
        answeredAt.push(performance.now());
      }
    })();

    const backupFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cv-backups-')), 'b.sqlite');
    dirs.push(path.dirname(backupFile));
    const ackedBefore = acknowledged.length;
    const started = performance.now();
    const backup = await admin(['backup', backupFile], { VAULT_DATA_DIR: vault.dataDir });
    const finished = performance.now();
    stop = true;
    await uploads;
    expect(backup.status, backup.err).toBe(0);
    expect(backup.out).toContain('integrity ok');
    expect(backup.out).toMatch(/last checkpoint at \d+ entries matches the stored log/);
    // The vault kept answering uploads while the backup command ran in its own process.
    expect(answeredAt.some((t) => t > started && t < finished)).toBe(true);
    expect(integrityOf(backupFile)).toBe('ok');
    const inBackup = new Database(backupFile, { readonly: true });
    const ids = inBackup.prepare('SELECT id FROM documents').pluck().all() as string[];
    inBackup.close();
    for (const d of acknowledged.slice(0, ackedBefore)) expect(ids).toContain(d.id);

    // Restore (in its own process) into a fresh directory with the keys, then serve from it.
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-restored-'));
    dirs.push(fresh);
    for (const key of ['log-signer.key', 'receipt-signer.key']) {
      fs.copyFileSync(path.join(vault.dataDir, key), path.join(fresh, key));
    }
    vaults.splice(vaults.indexOf(vault), 1);
    await vault.close();
    const restored = await admin(['restore', backupFile, '--data-dir', fresh], {
      VAULT_PORT: port,
    });
    expect(restored.status, restored.err).toBe(0);
    const back = await startVault({ port: Number(port), dataDir: fresh });
    vaults.push(back);
    const byId = new Map([...acknowledged, ...unanswered].map((d) => [d.id, d]));
    for (const id of ids) {
      expect((await readBack(maria, id)).equals(byId.get(id)!.plaintext)).toBe(true);
    }
  });
});
