import { describe, expect, it } from 'vitest';
import { runAdmin } from './admin.js';

async function run(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runAdmin(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run admin -- check-config', () => {
  it('prints what the vault would run with, never the secrets', async () => {
    const secret = 's'.repeat(40);
    const { status, out } = await run(['check-config'], {
      VAULT_MODE: 'production',
      VAULT_PUBLIC_ORIGIN: 'https://vault.example.city',
      VAULT_EID_MODE: 'external',
      VAULT_EID_ISSUER: 'https://eid.example.city',
      VAULT_EID_CLIENT_ID: 'citizen-vault',
      VAULT_EID_CLIENT_SECRET: 'the-client-secret',
      VAULT_SESSION_SECRET: secret,
    });
    expect(status).toBe(0);
    expect(out).toContain('production mode');
    expect(out).toContain('__Host-cv_session (Secure)');
    expect(out).not.toContain(secret);
    expect(out).not.toContain('the-client-secret');
  });

  it('names the PostgreSQL database it would use, without its password (issue 7)', async () => {
    const { status, out } = await run(['check-config'], {
      VAULT_DATABASE_URL: 'postgres://vault:S3cret-pw@db.example.city:5432/vault',
      VAULT_DATABASE_POOL_SIZE: '20',
    });
    expect(status).toBe(0);
    expect(out).toContain(
      'database          PostgreSQL postgres://vault:***@db.example.city:5432/vault (pool of 20)',
    );
    expect(out).not.toContain('S3cret-pw');
    expect((await run(['check-config'], {})).out).toMatch(/database {10}SQLite .*vault\.sqlite/);
  });

  it('exits 78 and says why when the vault would refuse to start', async () => {
    const { status, err } = await run(['check-config'], { VAULT_MODE: 'production' });
    expect(status).toBe(78);
    expect(err).toMatch(/Refusing to start/);
    expect(err).toMatch(/VAULT_EID_MODE=local/);
  });

  it('answers an unknown command with the usage and EX_USAGE', async () => {
    const { status, err } = await run(['frobnicate'], {});
    expect(status).toBe(64);
    expect(err).toContain('check-config');
  });
});
