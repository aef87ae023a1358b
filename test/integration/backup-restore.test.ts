import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady, verifyConsistency } from '../../crypto/src/index.js';
import { generateNoteKey } from '../../crypto/src/log/generate-note-key.js';
import { createBackup } from '../../server/src/backup/index.js';
import { runAdmin } from '../../server/src/cli/admin.js';
import type { ConsistencyProofResponse } from '../../server/src/contracts/index.js';
import { checkpointCovering, fromB64, trustOf } from '../helpers/access-log.js';
import { integrityOf, noAnswer, readBack, tryStoreEncrypted } from '../helpers/durability.js';
import {
  daysAfter,
  decryptGranted,
  grantRequest,
  keyedResident,
  PURPOSE,
  registerSealingService,
  serviceApi,
  serviceToken,
  storeEncrypted,
  type StoredDocument,
} from '../helpers/service-api.js';
import { startVault, type TestVault } from '../helpers/start-vault.js';

/**
 * Backup and restore (issue 6), over real HTTP against real vaults and real SQLite files: the
 * operator's commands (`npm run admin -- backup|restore`, in-process) take a backup while the vault
 * serves uploads and city-service reads; the restored vault starts, every document in it is
 * whole and decrypts with the resident's keys, and its access log is consistent with a checkpoint
 * signed before the backup. Damaged files are refused and change nothing.
 */

const vaults: TestVault[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  await sodiumReady();
});

afterEach(async () => {
  await Promise.all(vaults.splice(0).map((v) => v.close()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

async function admin(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runAdmin(
    argv,
    { VAULT_LOG_LEVEL: 'silent', ...env },
    {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    },
  );
  return { status, out: out.join('\n'), err: err.join('\n') };
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const KEY_FILES = ['log-signer.key', 'receipt-signer.key'];

/** A vault with a service, Maria with two documents, and a grant of the first to the service. */
async function populatedVault(options: { port?: number; dataDir?: string } = {}) {
  const vault = await startVault({ env: { VAULT_LOG_CHECKPOINT_MS: '100' }, ...options });
  vaults.push(vault);
  const service = await registerSealingService(vault);
  const api = serviceApi(vault, await serviceToken(vault, service));
  const maria = await keyedResident(vault);
  const documents = [
    await storeEncrypted(maria, randomBytes(150_000)),
    await storeEncrypted(maria, randomBytes(40_000)),
  ];
  const request = await api.post<{ request: { id: string } }>('/requests', {
    nationalId: maria.nationalId,
    categories: ['identity'],
    purpose: PURPOSE,
    legalBasis: 'public-task',
    retentionDays: 30,
    answerBy: daysAfter(new Date(), 14),
  });
  expect(request.status).toBe(201);
  const grant = await grantRequest(vault, maria, service, request.body.request.id, [documents[0]!]);
  const read = () =>
    api.get(`/grants/${grant.id}/documents/${documents[0]!.id}?purpose=${PURPOSE}`);
  return { vault, service, api, maria, documents, grant, read };
}

describe('npm run admin -- backup / restore', () => {
  it('takes a backup while uploads and service reads run; it restores into a fresh data directory, where every document decrypts and the log extends a checkpoint signed before the backup', async () => {
    const { vault, service, maria, documents, grant, read } = await populatedVault();
    const port = new URL(vault.origin).port;
    const trust = await trustOf(maria.client);
    const before = await checkpointCovering(vault, trust, vault.countRows('log_entries'));

    // Traffic that keeps going while the backup is taken: uploads by Maria, reads by the service.
    const acknowledged: StoredDocument[] = [...documents];
    const timeline: { kind: 'upload' | 'read'; at: number }[] = [];
    let stop = false;
    let warmedUp: () => void = () => undefined;
    const threeUploaded = new Promise<void>((resolve) => (warmedUp = resolve));
    // A request whose connection dropped (a keep-alive socket the server closed just as the
    // client reused it; seen on a loaded machine) got no answer: its document is neither
    // acknowledged nor forbidden to exist afterwards.
    const unanswered: StoredDocument[] = [];
    const uploads = (async () => {
      while (!stop) {
        const { res, document } = await tryStoreEncrypted(maria, randomBytes(30_000));
        if (res === null) {
          unanswered.push(document);
          continue;
        }
        expect(res.status, res.text).toBe(201);
        acknowledged.push(document);
        timeline.push({ kind: 'upload', at: performance.now() });
        if (acknowledged.length === documents.length + 3) warmedUp();
      }
    })();
    const reads = (async () => {
      while (!stop) {
        const res = await read().catch(noAnswer);
        if (res === null) continue;
        expect(res.status).toBe(200);
        expect(decryptGranted(res.bytes, service.sealing).plaintext).toEqual(
          documents[0]!.plaintext,
        );
        timeline.push({ kind: 'read', at: performance.now() });
      }
    })();
    await threeUploaded;

    const backupDir = tempDir('cv-backups-');
    const backupFile = path.join(backupDir, 'vault-backup.sqlite');
    const ackedBeforeBackup = acknowledged.length;
    const started = performance.now();
    // The operator's command, with its steps made small so that this one backup spans many turns
    // of the event loop the vault serves on (a backup of a real vault runs in its own process).
    const backup = await createBackup({
      databaseFile: vault.config.databaseFile,
      target: backupFile,
      pagesPerStep: 32,
    });
    const finished = performance.now();
    stop = true;
    await Promise.all([uploads, reads]);

    // Online: the vault answered uploads and service reads while the backup was being copied.
    const during = timeline.filter((t) => t.at > started && t.at < finished);
    expect(during.filter((t) => t.kind === 'upload').length).toBeGreaterThan(0);
    expect(during.filter((t) => t.kind === 'read').length).toBeGreaterThan(0);
    expect(backup.documents).toBeGreaterThanOrEqual(ackedBeforeBackup);
    expect(integrityOf(backupFile)).toBe('ok');
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(backupDir)).toEqual(['vault-backup.sqlite']);
    // A second backup never replaces the first.
    const again = await admin(['backup', backupFile], { VAULT_DATA_DIR: vault.dataDir });
    expect([again.status, again.err]).toEqual([73, expect.stringContaining('ERR_BACKUP_EXISTS')]);

    // The machine is lost; the keys come from where the operator keeps them, the database from
    // the backup. Same settings (port, so the same origin and log origin) on a fresh directory.
    const savedKeys = KEY_FILES.map((name) => fs.readFileSync(path.join(vault.dataDir, name)));
    vaults.splice(vaults.indexOf(vault), 1);
    await vault.close();
    const fresh = tempDir('cv-restored-');
    KEY_FILES.forEach((name, i) =>
      fs.writeFileSync(path.join(fresh, name), savedKeys[i]!, { mode: 0o600 }),
    );
    const restored = await admin(['restore', backupFile, '--data-dir', fresh], {
      VAULT_PORT: port,
    });
    expect(restored.status, restored.err).toBe(0);
    expect(restored.out).toContain(`${backup.documents} documents`);
    expect(fs.readdirSync(fresh).sort()).toEqual([...KEY_FILES, 'vault.sqlite'].sort());

    const back = await startVault({
      port: Number(port),
      dataDir: fresh,
      env: { VAULT_LOG_CHECKPOINT_MS: '100' },
    });
    vaults.push(back);
    // Every document acknowledged before the backup began is there, whole, and decrypts; so does
    // every other document the restored vault lists (those that committed during the backup).
    const listed = await maria.client.get<{ documents: { id: string }[] }>('/api/documents');
    expect(listed.status).toBe(200);
    const ids = listed.body.documents.map((d) => d.id);
    expect(ids).toHaveLength(backup.documents);
    for (const document of acknowledged.slice(0, ackedBeforeBackup)) {
      expect(ids).toContain(document.id);
    }
    const byId = new Map([...acknowledged, ...unanswered].map((d) => [d.id, d]));
    for (const id of ids) {
      expect(byId.has(id)).toBe(true);
      expect((await readBack(maria, id)).equals(byId.get(id)!.plaintext)).toBe(true);
    }
    // The service still reads what was granted to it.
    const api = serviceApi(back, await serviceToken(back, service));
    const granted = await api.get(
      `/grants/${grant.id}/documents/${documents[0]!.id}?purpose=${PURPOSE}`,
    );
    expect(granted.status).toBe(200);

    // The log: same key, and the restored vault's next checkpoint extends the one signed before.
    const backTrust = await trustOf(maria.client);
    expect(backTrust.verifierKey).toBe(trust.verifierKey);
    const after = await checkpointCovering(back, trust, back.countRows('log_entries'));
    expect(after.checkpoint.size).toBeGreaterThan(before.checkpoint.size);
    const proof = await maria.client.get<ConsistencyProofResponse>(
      `/api/log/proofs/consistency?from=${before.checkpoint.size}&to=${after.checkpoint.size}`,
    );
    expect(proof.status).toBe(200);
    verifyConsistency(
      before.checkpoint.size,
      after.checkpoint.size,
      proof.body.hashes.map(fromB64),
      before.checkpoint.rootHash,
      after.checkpoint.rootHash,
    );
    expect(back.logs.some((l) => String(l.msg).startsWith('ACCESS LOG ALARM'))).toBe(false);
  }, 120_000);

  it('refuses a truncated, a damaged and a foreign file with a clear error, and leaves the target untouched', async () => {
    const { vault } = await populatedVault();
    const backupFile = path.join(tempDir('cv-backups-'), 'good.sqlite');
    const made = await admin(['backup', backupFile], { VAULT_DATA_DIR: vault.dataDir });
    expect(made.status, made.err).toBe(0);
    expect(made.out).toContain('integrity ok');

    const bad = tempDir('cv-bad-backups-');
    const bytes = fs.readFileSync(backupFile);
    const truncated = path.join(bad, 'truncated.sqlite');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    // Garbage over the middle of the file: b-tree pages no longer parse.
    const damaged = path.join(bad, 'damaged.sqlite');
    const garbled = Buffer.from(bytes);
    randomBytes(64 * 1024).copy(garbled, 32 * 1024);
    fs.writeFileSync(damaged, garbled);
    const foreign = path.join(bad, 'notes.txt');
    fs.writeFileSync(foreign, 'not a database\n'.repeat(100));
    const missing = path.join(bad, 'missing.sqlite');

    // Into a data directory that has a stopped vault (restore --force would replace it) …
    const target = tempDir('cv-target-');
    for (const name of KEY_FILES)
      fs.copyFileSync(path.join(vault.dataDir, name), path.join(target, name));
    const first = await admin(['restore', backupFile, '--data-dir', target], {
      VAULT_PORT: new URL(vault.origin).port,
    });
    expect(first.status, first.err).toBe(0);
    const database = path.join(target, 'vault.sqlite');
    const hash = sha256(database);
    const listing = fs.readdirSync(target).sort();
    // … and into an empty one.
    const empty = tempDir('cv-empty-');

    const cases: [string, number, string][] = [
      [truncated, 65, 'ERR_BACKUP_TRUNCATED'],
      [damaged, 65, 'ERR_BACKUP_DAMAGED'],
      [foreign, 65, 'ERR_BACKUP_NOT_A_DATABASE'],
      [missing, 66, 'ERR_BACKUP_UNREADABLE'],
    ];
    for (const [file, status, code] of cases) {
      for (const dir of [target, empty]) {
        const res = await admin(['restore', file, '--data-dir', dir, '--force'], {
          VAULT_PORT: new URL(vault.origin).port,
        });
        expect([path.basename(file), res.status], res.err).toEqual([path.basename(file), status]);
        expect(res.err).toContain(code);
        expect(res.err).toContain(file);
      }
      expect(sha256(database)).toBe(hash);
      expect(fs.readdirSync(target).sort()).toEqual(listing);
      expect(fs.readdirSync(empty)).toEqual([]);
    }
    expect(integrityOf(database)).toBe('ok');
  });

  it('refuses to replace a database without --force, or while a vault has it open, and checks the log key first', async () => {
    const { vault } = await populatedVault();
    const port = new URL(vault.origin).port;
    const backupFile = path.join(tempDir('cv-backups-'), 'good.sqlite');
    expect((await admin(['backup', backupFile], { VAULT_DATA_DIR: vault.dataDir })).status).toBe(0);
    const live = vault.config.databaseFile;
    const rowsBefore = vault.countRows('documents');

    const exists = await admin(['restore', backupFile], {
      VAULT_DATA_DIR: vault.dataDir,
      VAULT_PORT: port,
    });
    expect([exists.status, exists.err]).toEqual([
      73,
      expect.stringContaining('ERR_RESTORE_TARGET_EXISTS'),
    ]);
    const inUse = await admin(['restore', backupFile, '--force'], {
      VAULT_DATA_DIR: vault.dataDir,
      VAULT_PORT: port,
    });
    expect([inUse.status, inUse.err]).toEqual([
      73,
      expect.stringContaining('ERR_RESTORE_TARGET_IN_USE'),
    ]);
    // The running vault did not notice: its database is as it was, and it still writes.
    expect(vault.countRows('documents')).toBe(rowsBefore);
    expect(fs.readdirSync(vault.dataDir).filter((f) => f.includes('restore'))).toEqual([]);
    const maria = await keyedResident(vault, 'demo-luca-bianchi');
    await storeEncrypted(maria, randomBytes(1000));
    expect(integrityOf(live)).toBe('ok');

    // The log key: none, or another one, in the target directory.
    const noKey = tempDir('cv-nokey-');
    const missing = await admin(['restore', backupFile, '--data-dir', noKey], { VAULT_PORT: port });
    expect([missing.status, missing.err]).toEqual([
      78,
      expect.stringContaining('ERR_RESTORE_LOG_KEY_MISSING'),
    ]);
    expect(fs.readdirSync(noKey)).toEqual([]);
    const otherKey = tempDir('cv-otherkey-');
    const origin = `localhost:${port}/log`;
    fs.writeFileSync(
      path.join(otherKey, 'log-signer.key'),
      `${generateNoteKey(origin).signerKey}\n`,
    );
    const mismatch = await admin(['restore', backupFile, '--data-dir', otherKey], {
      VAULT_PORT: port,
    });
    expect([mismatch.status, mismatch.err]).toEqual([
      78,
      expect.stringContaining('ERR_RESTORE_LOG_KEY_MISMATCH'),
    ]);
    expect(fs.readdirSync(otherKey)).toEqual(['log-signer.key']);

    // Stopped, --force replaces it and keeps the old database beside it.
    vaults.splice(vaults.indexOf(vault), 1);
    const keep = tempDir('cv-keep-');
    for (const name of fs.readdirSync(vault.dataDir))
      fs.copyFileSync(path.join(vault.dataDir, name), path.join(keep, name));
    await vault.close();
    const forced = await admin(['restore', backupFile, '--data-dir', keep, '--force'], {
      VAULT_PORT: port,
    });
    expect(forced.status, forced.err).toBe(0);
    const kept = fs.readdirSync(keep).find((f) => f.startsWith('vault.sqlite.before-restore-'));
    expect(kept).toBeDefined();
    expect(forced.out).toContain(kept);
    expect(integrityOf(path.join(keep, kept!))).toBe('ok');
    expect(sha256(path.join(keep, 'vault.sqlite'))).toBe(sha256(backupFile));
    expect(fs.existsSync(path.join(keep, 'vault.sqlite-wal'))).toBe(false);
  });
});
