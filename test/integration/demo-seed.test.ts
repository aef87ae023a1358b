import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestListResponse } from '../../server/src/contracts/index.js';
import { DEMO_SERVICE_ID, demoServiceDir } from '../../server/src/demo-seed.js';
import { HttpClient } from '../helpers/http-client.js';
import { signInWithLocalEid } from '../helpers/sign-in.js';
import { freePort, startVault, type TestVault } from '../helpers/start-vault.js';

/**
 * `npm start`'s walkthrough (VAULT_DEMO=true): a demo city service registered from keys the
 * city-service tool made in the data directory, and one request waiting for Maria Rossi — once,
 * however often the vault restarts.
 */
describe('the demo (VAULT_DEMO=true)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-demo-'));
  let vault: TestVault | undefined;
  afterEach(async () => {
    await vault?.close();
    vault = undefined;
  });

  let port: number;
  const start = async () =>
    (vault = await startVault({ port, env: { VAULT_DEMO: 'true', VAULT_DATA_DIR: dataDir } }));

  const inbox = async (v: TestVault) => {
    const client = new HttpClient(v.origin);
    await signInWithLocalEid(client, 'demo-maria-rossi');
    return (await client.get<RequestListResponse>('/api/requests')).body.requests;
  };

  it('Maria Rossi finds one request from the demo registry office, after any number of restarts', async () => {
    port = await freePort();
    let v = await start();
    expect(v.config.demo).toBe(true);
    const keysDir = demoServiceDir(v.config);
    const secret = fs.readFileSync(path.join(keysDir, 'service-secret.json'), 'utf8');
    expect(fs.statSync(path.join(keysDir, 'service-secret.json')).mode & 0o777).toBe(0o600);
    const first = await inbox(v);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      status: 'pending',
      // Both languages: the resident's page shows the one they chose.
      service: {
        id: DEMO_SERVICE_ID,
        name: { en: 'Registry office (demo)', it: 'Ufficio anagrafe (demo)' },
      },
      purpose: {
        code: 'residence-certificate',
        text: {
          en: 'Issue a certificate of residence',
          it: 'Rilasciare un certificato di residenza',
        },
      },
      legalBasis: 'public-task',
      categories: ['identity', 'residence'],
    });
    await v.close();

    v = await start();
    const again = await inbox(v);
    expect(again.map((r) => r.id)).toEqual([first[0]!.id]);
    // The keys are made once: the service tool keeps working with the same folder.
    expect(fs.readFileSync(path.join(keysDir, 'service-secret.json'), 'utf8')).toBe(secret);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds nothing unless asked', async () => {
    vault = await startVault();
    expect(vault.config.demo).toBe(false);
    expect(vault.countRows('city_services')).toBe(0);
    expect(await inbox(vault)).toEqual([]);
  });
});
