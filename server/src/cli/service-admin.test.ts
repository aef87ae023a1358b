import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../storage/index.js';
import { runAdmin } from './admin.js';
import {
  KEYS_FILE,
  NEXT_SECRET_FILE,
  REGISTRATION_FILE,
  runServiceTool,
  SECRET_FILE,
  type ServiceSecretFile,
} from './service-tool.js';

/**
 * The operator's and the city service's side of registration, end to end through both CLIs and a
 * real SQLite file: `npm run service -- init` → `npm run admin -- service register` → list →
 * disable / enable → `rotate-keys` on both sides.
 */
describe('registering a city service (service tool + admin CLI)', () => {
  let dir: string;
  let env: Record<string, string>;
  let keysDir: string;
  const t0 = new Date('2026-11-28T09:00:00Z');

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-service-cli-'));
    keysDir = path.join(dir, 'service-keys');
    env = { VAULT_DATA_DIR: path.join(dir, 'data'), VAULT_LOG_LEVEL: 'silent' };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  };
  const admin = async (...argv: string[]) => {
    const c = capture();
    const status = await runAdmin(argv, env, c.io, () => t0);
    return { status, out: c.out.join('\n'), err: c.err.join('\n') };
  };
  const tool = async (...argv: string[]) => {
    const c = capture();
    const status = await runServiceTool(argv, c.io);
    return { status, out: c.out.join('\n'), err: c.err.join('\n') };
  };
  const init = (...extra: string[]) =>
    tool(
      'init',
      '--dir',
      keysDir,
      '--id',
      'registry-office',
      '--name-en',
      'Registry office',
      '--name-it',
      'Ufficio anagrafe',
      '--purpose',
      'residence-certificate|Issue a residence certificate|Rilasciare un certificato di residenza',
      '--legal-basis',
      'public-task',
      ...extra,
    );
  const stored = async () => {
    const storage = SqliteStorage.open(path.join(env['VAULT_DATA_DIR']!, 'vault.sqlite'));
    try {
      return await storage.listCityServices();
    } finally {
      await storage.close();
    }
  };
  const readJson = <T>(file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

  it('init writes a private secret file and a public registration the operator registers', async () => {
    const made = await init();
    expect(made.status).toBe(0);
    const secretPath = path.join(keysDir, SECRET_FILE);
    expect(fs.statSync(secretPath).mode & 0o777).toBe(0o600);
    const secret = readJson<ServiceSecretFile>(secretPath);
    const registration = readJson<Record<string, unknown>>(path.join(keysDir, REGISTRATION_FILE));
    // Nothing private in the public file.
    expect(JSON.stringify(registration)).not.toContain(secret.authPrivateJwk['d']!);
    expect(JSON.stringify(registration)).not.toContain(secret.x25519SecretKey);

    const registered = await admin('service', 'register', path.join(keysDir, REGISTRATION_FILE));
    expect(registered.status).toBe(0);
    const [service] = await stored();
    expect(service).toMatchObject({
      id: 'registry-office',
      name: { en: 'Registry office', it: 'Ufficio anagrafe' },
      legalBases: ['public-task'],
      authAlgorithm: 'EdDSA',
      enabled: true,
      createdAt: t0,
    });
    // The key id the vault registered is the one the service will put in its assertions.
    expect(service!.authKeyId).toBe(secret.authPrivateJwk['kid']);
    expect(service!.authKeyId).toBe(await calculateJwkThumbprint(service!.authJwk, 'sha256'));
    expect(Buffer.from(service!.x25519PublicKey).toString('base64url')).toBe(
      secret.x25519PublicKey,
    );

    const listed = await admin('service', 'list');
    expect(listed.out).toContain('registry-office  enabled');
    expect(listed.out).toContain('residence-certificate');
  });

  it('refuses a second registration of the id, and changes nothing', async () => {
    await init();
    const file = path.join(keysDir, REGISTRATION_FILE);
    expect((await admin('service', 'register', file)).status).toBe(0);
    const before = await stored();
    const again = await admin('service', 'register', file);
    expect(again.status).toBe(65);
    expect(again.err).toContain('already registered');
    expect(await stored()).toEqual(before);
  });

  it.each([
    [
      'a private key member',
      (r: Record<string, unknown>) => ({
        ...r,
        authJwk: { ...(r['authJwk'] as object), d: 'x'.repeat(43) },
      }),
    ],
    [
      'CRLF in a purpose text',
      (r: Record<string, unknown>) => ({
        ...r,
        purposes: [{ code: 'x-1', text: { en: 'a\r\nInjected: yes', it: 'b' } }],
      }),
    ],
    ['an unknown legal basis', (r: Record<string, unknown>) => ({ ...r, legalBases: ['because'] })],
    [
      'an HS256 key',
      (r: Record<string, unknown>) => ({ ...r, authJwk: { kty: 'oct', k: 'c2VjcmV0' } }),
    ],
    ['a short X25519 key', (r: Record<string, unknown>) => ({ ...r, x25519PublicKey: 'AAAA' })],
    ['an id with capitals', (r: Record<string, unknown>) => ({ ...r, id: 'Registry' })],
  ])('refuses a registration file with %s, and stores nothing', async (_label, spoil) => {
    await init();
    const file = path.join(keysDir, REGISTRATION_FILE);
    fs.writeFileSync(file, JSON.stringify(spoil(readJson(file))));
    const refused = await admin('service', 'register', file);
    expect(refused.status).toBe(65);
    expect(refused.err).toContain('is not a valid registration file');
    expect(await stored()).toEqual([]);
  });

  it('init refuses an incomplete description and writes no keys', async () => {
    const refused = await tool('init', '--dir', keysDir, '--id', 'registry-office');
    expect(refused.status).toBe(64);
    expect(refused.err).toContain('name.en');
    expect(fs.existsSync(keysDir)).toBe(false);
  });

  it('init never overwrites existing keys', async () => {
    await init();
    const before = fs.readFileSync(path.join(keysDir, SECRET_FILE), 'utf8');
    const again = await init();
    expect(again.status).toBe(73);
    expect(fs.readFileSync(path.join(keysDir, SECRET_FILE), 'utf8')).toBe(before);
  });

  it('disable and enable flip the state; an unknown id is an error', async () => {
    await init();
    await admin('service', 'register', path.join(keysDir, REGISTRATION_FILE));
    expect((await admin('service', 'disable', 'registry-office')).status).toBe(0);
    expect((await admin('service', 'list')).out).toContain('registry-office  DISABLED');
    expect((await admin('service', 'enable', 'registry-office')).status).toBe(0);
    expect((await stored())[0]!.enabled).toBe(true);
    const unknown = await admin('service', 'disable', 'tax-office');
    expect(unknown.status).toBe(65);
    expect(unknown.err).toContain('No city service has the id "tax-office"');
  });

  it('rotate-keys: the service makes new keys, the operator installs them', async () => {
    await init();
    await admin('service', 'register', path.join(keysDir, REGISTRATION_FILE));
    const [before] = await stored();
    const rotated = await tool('rotate-keys', '--dir', keysDir, '--alg', 'ES256');
    expect(rotated.status).toBe(0);
    expect(fs.statSync(path.join(keysDir, NEXT_SECRET_FILE)).mode & 0o777).toBe(0o600);
    const installed = await admin(
      'service',
      'rotate-keys',
      'registry-office',
      path.join(keysDir, KEYS_FILE),
    );
    expect(installed.status).toBe(0);
    const [after] = await stored();
    const next = readJson<ServiceSecretFile>(path.join(keysDir, NEXT_SECRET_FILE));
    expect(after!.authAlgorithm).toBe('ES256');
    expect(after!.authKeyId).toBe(next.authPrivateJwk['kid']);
    expect(after!.authKeyId).not.toBe(before!.authKeyId);
    expect(Buffer.from(after!.x25519PublicKey).toString('base64url')).toBe(next.x25519PublicKey);
  });

  it('answers wrong arity with the usage', async () => {
    const wrong = await admin('service', 'disable');
    expect(wrong.status).toBe(64);
    expect(wrong.err).toContain('service register');
  });
});

describe('the built admin command as a process', () => {
  const built = path.resolve('dist/server/src/cli/admin.js');

  it('exits 0 after closing the database (the checkpoint thread is waited for, not abandoned)', () => {
    // Exit code 13 ("unsettled top-level await") was what a closing database left behind when the
    // checkpoint thread did not hold the process open until it ended.
    expect(fs.existsSync(built), 'run `npm run build:server` first').toBe(true);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-admin-exit-'));
    try {
      const run = spawnSync(process.execPath, [built, 'service', 'list'], {
        env: { ...process.env, VAULT_DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect([run.status, run.stdout.trim()], run.stderr).toEqual([
        0,
        'No city service is registered yet (npm run admin -- service register <file>).',
      ]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
