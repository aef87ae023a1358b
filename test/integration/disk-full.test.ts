import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sodiumReady } from '../../crypto/src/index.js';
import { runAdmin } from '../../server/src/cli/admin.js';
import type { ErrorBody } from '../../server/src/contracts/index.js';
import { checkpointCovering, trustOf } from '../helpers/access-log.js';
import {
  integrityOf,
  noAnswer,
  readBack,
  tryDeposit,
  tryStoreEncrypted,
} from '../helpers/durability.js';
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
import { freePort, startVault, type TestVault } from '../helpers/start-vault.js';

/**
 * A full disk (issue 6), for real: the vault's data directory is on a small tmpfs, and a filler
 * file takes every free byte. Writes are then refused with 507 ERR_STORAGE_FULL (uploads,
 * deposits) or 503 ERR_LOG_UNAVAILABLE (a read that cannot be logged is not served), never a 500
 * and never a hang (the test's timeout); reads that write nothing still work; every write
 * acknowledged before stays whole; `PRAGMA integrity_check` is ok; and once the filler is removed
 * the same process takes writes again, and a restart finds everything acknowledged.
 *
 * Mounting needs root (CAP_SYS_ADMIN), which this project's machines and CI have. Where the mount
 * is refused, the suite is skipped and its name says why.
 */

const TMPFS_BYTES = 40 * 1024 * 1024;

/** Why a tmpfs cannot be mounted here (null when it can): tried once, unmounted at once. */
function mountRefused(): string | null {
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe], { stdio: 'pipe' });
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (error instanceof Error ? error.message : String(error));
  } finally {
    fs.rmdirSync(probe);
  }
}

const refused = mountRefused();
const title = refused
  ? `a full disk (SKIPPED: a tmpfs cannot be mounted here: ${refused})`
  : 'a full disk';

describe.skipIf(refused !== null)(title, () => {
  let mountPoint: string;
  let vault: TestVault | undefined;

  beforeAll(async () => {
    await sodiumReady();
    mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-small-disk-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_BYTES}`, 'tmpfs', mountPoint]);
  });

  afterAll(async () => {
    await vault?.close();
    // Lazily, should anything still hold a file open: the mount must not outlive the test.
    execFileSync('umount', ['--lazy', mountPoint]);
    fs.rmdirSync(mountPoint);
  });

  async function admin(argv: string[], dataDir: string) {
    const out: string[] = [];
    const err: string[] = [];
    const status = await runAdmin(
      argv,
      { VAULT_DATA_DIR: dataDir, VAULT_LOG_LEVEL: 'silent' },
      {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
      },
    );
    return { status, out: out.join('\n'), err: err.join('\n') };
  }

  /** Takes every free byte of the file system with one file; returns its path. */
  function fillDisk(): string {
    const filler = path.join(mountPoint, 'filler');
    const fd = fs.openSync(filler, 'w');
    const block = Buffer.alloc(256 * 1024, 0xa5);
    try {
      for (;;) fs.writeSync(fd, block);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    }
    // The last few bytes, in smaller pieces.
    try {
      for (;;) fs.writeSync(fd, block.subarray(0, 512));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    } finally {
      fs.closeSync(fd);
    }
    return filler;
  }

  /**
   * Sends `attempt` until the vault refuses it (at most 40 times: the pages the WAL already holds
   * take a few small writes after the disk is full). Every answer must be `ok` (and its document is
   * then acknowledged) or exactly `refusal`; returns how many were accepted before the refusal.
   */
  async function untilRefused(
    what: string,
    attempt: () => Promise<{ status: number; body: unknown } | null>,
    ok: number,
    refusal: [number, string],
    onAccepted: () => void = () => undefined,
  ): Promise<number> {
    for (let accepted = 0; accepted < 40; accepted++) {
      const res = await attempt();
      expect(res, `${what}: no answer`).not.toBeNull();
      if (res!.status === ok) {
        onAccepted();
        continue;
      }
      expect([what, res!.status, (res!.body as ErrorBody | undefined)?.error?.code]).toEqual([
        what,
        ...refusal,
      ]);
      return accepted;
    }
    throw new Error(`${what} was still accepted after 40 attempts on a full disk`);
  }

  it('refuses writes with 507/503 (never 500), loses nothing acknowledged, stays intact, and recovers when space returns', async () => {
    let clock = new Date();
    const dataDir = path.join(mountPoint, 'data');
    fs.mkdirSync(dataDir);
    const port = await freePort();
    const env = { VAULT_LOG_CHECKPOINT_MS: '100' };
    vault = await startVault({ dataDir, port, env, now: () => clock });
    const service = await registerSealingService(vault);
    const api = serviceApi(vault, await serviceToken(vault, service, clock));
    const maria = await keyedResident(vault);
    const acknowledged: StoredDocument[] = [
      await storeEncrypted(maria, randomBytes(120_000)),
      await storeEncrypted(maria, randomBytes(30_000)),
    ];
    const request = await api.post<{ request: { id: string } }>('/requests', {
      nationalId: maria.nationalId,
      categories: ['identity'],
      purpose: PURPOSE,
      legalBasis: 'public-task',
      retentionDays: 30,
      answerBy: daysAfter(clock, 14),
    });
    expect(request.status).toBe(201);
    const grant = await grantRequest(
      vault,
      maria,
      service,
      request.body.request.id,
      [acknowledged[0]!],
      { now: clock },
    );
    const serviceRead = () =>
      api
        .get(`/grants/${grant.id}/documents/${acknowledged[0]!.id}?purpose=${PURPOSE}`)
        .catch(noAnswer);
    const download = (id: string) =>
      maria.client.requestBytes('GET', `/api/documents/${id}/versions/1/content`).catch(noAnswer);
    const trust = await trustOf(maria.client);
    await checkpointCovering(vault, trust, vault.countRows('log_entries'));

    const filler = fillDisk();
    expect(fs.statfsSync(mountPoint).bavail).toBe(0);

    // Uploads first (big writes), then each other kind of write, each until it is refused.
    let pending: StoredDocument | undefined;
    const accepted = () => acknowledged.push(pending!);
    await untilRefused(
      'upload',
      async () => {
        const { res, document } = await tryStoreEncrypted(maria, randomBytes(200_000));
        pending = document;
        return res;
      },
      201,
      [507, 'ERR_STORAGE_FULL'],
      accepted,
    );
    await untilRefused(
      'deposit',
      async () => {
        const { res, document } = await tryDeposit(api, maria, randomBytes(100_000));
        pending = document;
        return res;
      },
      201,
      [507, 'ERR_STORAGE_FULL'],
      accepted,
    );
    // A service's read releases a key only with its log entry: no entry, no key (503).
    await untilRefused('service read', serviceRead, 200, [503, 'ERR_LOG_UNAVAILABLE']);
    await untilRefused('resident download', () => download(acknowledged[1]!.id), 200, [
      503,
      'ERR_LOG_UNAVAILABLE',
    ]);
    // Reads that write nothing still answer, even when the session is due its "last seen" write.
    clock = new Date(clock.getTime() + 2 * 60_000);
    const listed = await maria.client.get<{ documents: { id: string }[] }>('/api/documents');
    expect(listed.status).toBe(200);
    expect(listed.body.documents.map((d) => d.id).sort()).toEqual(
      acknowledged.map((d) => d.id).sort(),
    );
    expect((await maria.client.get('/log/checkpoint')).status).toBe(200);

    // Never a 500; each refusal is in the operator's log with the full disk as its cause.
    const failures = vault.logs.filter((l) => l.msg === 'request failed');
    expect(failures.length).toBeGreaterThanOrEqual(4);
    for (const failure of failures) {
      expect(['ERR_STORAGE_FULL', 'ERR_LOG_UNAVAILABLE']).toContain(failure.code);
      expect((failure.err as { type?: string }).type).toBe('StorageFullError');
    }
    expect(vault.logs.some((l) => l.code === 'ERR_INTERNAL')).toBe(false);
    expect(integrityOf(vault.config.databaseFile)).toBe('ok');
    // A backup onto the full volume fails cleanly (74), leaving no partial file behind.
    const backup = await admin(['backup', path.join(mountPoint, 'backup.sqlite')], dataDir);
    expect([backup.status, backup.err]).toEqual([74, expect.stringMatching(/full|ENOSPC/i)]);
    expect(fs.readdirSync(mountPoint).sort()).toEqual(['data', 'filler']);

    // Space returns: the same process takes every kind of write again.
    fs.rmSync(filler);
    const { res: upload, document } = await tryStoreEncrypted(maria, randomBytes(200_000));
    expect(upload?.status, upload?.text).toBe(201);
    acknowledged.push(document);
    const deposited = await tryDeposit(api, maria, randomBytes(50_000));
    expect(deposited.res?.status).toBe(201);
    acknowledged.push(deposited.document);
    const read = await serviceRead();
    expect(read?.status).toBe(200);
    expect(decryptGranted(read!.bytes, service.sealing).plaintext).toEqual(
      acknowledged[0]!.plaintext,
    );
    for (const d of acknowledged)
      expect((await readBack(maria, d.id)).equals(d.plaintext)).toBe(true);
    // The log signs again, covering every entry written since.
    await checkpointCovering(vault, trust, vault.countRows('log_entries'));
    // The WAL checkpoint thread failed for want of space, and carried on (it is not stopped).
    expect(vault.logs.some((l) => String(l.msg).startsWith('WAL checkpoint thread stopped'))).toBe(
      false,
    );

    // And from the disk: a restart finds every acknowledged document whole.
    await vault.close();
    vault = undefined;
    vault = await startVault({ dataDir, port, env, now: () => clock });
    expect(integrityOf(vault.config.databaseFile)).toBe('ok');
    const after = await maria.client.get<{ documents: { id: string }[] }>('/api/documents');
    expect(after.body.documents.map((d) => d.id).sort()).toEqual(
      acknowledged.map((d) => d.id).sort(),
    );
    for (const d of acknowledged)
      expect((await readBack(maria, d.id)).equals(d.plaintext)).toBe(true);
  }, 120_000);
});
