import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin } from './admin.js';

describe('npm run admin -- backup / restore: arguments and missing files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-backup-cli-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const status = await runAdmin(
      argv,
      { VAULT_DATA_DIR: dir, VAULT_LOG_LEVEL: 'silent' },
      {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
      },
    );
    return { status, out: out.join('\n'), err: err.join('\n') };
  }

  it('answers wrong arguments with the usage and EX_USAGE, and lists both commands in the help', async () => {
    for (const argv of [
      ['backup'],
      ['backup', 'a.sqlite', 'b.sqlite'],
      ['backup', '--force'],
      ['restore'],
      ['restore', 'a.sqlite', '--data-dir'],
      ['restore', 'a.sqlite', '--frobnicate'],
    ]) {
      const res = await run(...argv);
      expect([argv.join(' '), res.status]).toEqual([argv.join(' '), 64]);
      expect(res.err).toContain('restore <file> [--data-dir <dir>] [--force]');
    }
    expect((await run('help')).err).toContain('backup <file>');
  });

  it('says there is nothing to back up when the data directory has no database, and writes nothing', async () => {
    const target = path.join(dir, 'backups', 'b.sqlite');
    const res = await run('backup', target);
    expect(res.status).toBe(66);
    expect(res.err).toContain('ERR_BACKUP_NO_DATABASE');
    expect(fs.existsSync(path.dirname(target))).toBe(false);
  });
});
