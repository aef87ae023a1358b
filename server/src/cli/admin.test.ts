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
