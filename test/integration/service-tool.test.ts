import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64url, sodiumReady, type X25519PublicKey } from '../../crypto/src/index.js';
import type { DocumentListResponse } from '../../server/src/contracts/index.js';
import { runAdmin } from '../../server/src/cli/admin.js';
import {
  REGISTRATION_FILE,
  runServiceTool,
  SECRET_FILE,
  type ServiceSecretFile,
} from '../../server/src/cli/service-tool.js';
import {
  daysAfter,
  decryptGranted,
  frameBody,
  grantRequest,
  keyedResident,
  PURPOSE,
  residentEvents,
  storeEncrypted,
} from '../helpers/service-api.js';
import { startVault, type TestVault } from '../helpers/start-vault.js';

/**
 * The city-service tool end to end (issue 5), in-process but over real HTTP against a real vault:
 * `init` makes the keys, the operator registers them with the admin CLI, then `request` →
 * (the resident's grant, stored through the storage port) → `wait` → `fetch` writes the exact
 * original bytes under the decrypted name; `deposit` puts a file the resident can decrypt.
 */

let vault: TestVault;
let dir: string;
let keysDir: string;

beforeAll(async () => {
  await sodiumReady();
});

afterEach(async () => {
  await vault.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function tool(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runServiceTool(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

/** A vault, and a service made by `init` and registered by the operator's CLI. */
async function setUp() {
  vault = await startVault();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-service-tool-'));
  keysDir = path.join(dir, 'keys');
  const init = await tool(
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
    `${PURPOSE}|Issue a residence certificate|Rilasciare un certificato di residenza`,
    '--legal-basis',
    'public-task',
  );
  expect(init.status, init.err).toBe(0);
  const registered = await runAdmin(
    ['service', 'register', path.join(keysDir, REGISTRATION_FILE)],
    { VAULT_DATA_DIR: vault.dataDir, VAULT_LOG_LEVEL: 'silent' },
    { out: () => undefined, err: () => undefined },
  );
  expect(registered).toBe(0);
  const secret = JSON.parse(
    fs.readFileSync(path.join(keysDir, SECRET_FILE), 'utf8'),
  ) as ServiceSecretFile;
  const service = {
    id: secret.id,
    sealing: { publicKey: fromBase64url(secret.x25519PublicKey) as X25519PublicKey },
  };
  const withVault = (...argv: string[]) => tool(...argv, '--dir', keysDir, '--vault', vault.origin);
  return { service, withVault };
}

describe('the city-service tool', () => {
  it('token, request, wait, fetch: the granted document is written under its name with the exact original bytes', async () => {
    const { service, withVault } = await setUp();
    const maria = await keyedResident(vault);
    const document = await storeEncrypted(
      maria,
      randomBytes(150_000),
      'identity',
      '../../.id card.pdf',
    );

    const token = await withVault('token');
    expect(token.status, token.err).toBe(0);
    expect(token.out).toBe('The vault issued a token to registry-office.');

    const filed = await withVault(
      'request',
      '--national-id',
      maria.nationalId,
      '--category',
      'identity',
      '--purpose',
      PURPOSE,
      '--legal-basis',
      'public-task',
      '--retention-days',
      '30',
      '--answer-by',
      daysAfter(new Date(), 7),
    );
    expect(filed.status, filed.err).toBe(0);
    const requestId = filed.out.trim();
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const pending = await withVault('wait', '--request', requestId, '--timeout-s', '0');
    expect(pending.status).toBe(75);

    const grant = await grantRequest(vault, maria, service, requestId, [document]);
    const waited = await withVault('wait', '--request', requestId, '--timeout-s', '30');
    expect([waited.status, waited.out]).toEqual([0, `approved ${grant.id}`]);

    const out = path.join(dir, 'out');
    const fetched = await withVault(
      'fetch',
      '--grant',
      grant.id,
      '--purpose',
      PURPOSE,
      '--out',
      out,
    );
    expect(fetched.status, fetched.err).toBe(0);
    // The decrypted name, sanitised: no path separators, no leading dots.
    expect(fs.readdirSync(out)).toEqual(['_.._.id card.pdf']);
    expect(fs.readFileSync(path.join(out, '_.._.id card.pdf')).equals(document.plaintext)).toBe(
      true,
    );
    const reads = (await residentEvents(vault, maria.id)).filter(
      (e) => e.action === 'document.read',
    );
    expect(reads).toEqual([
      expect.objectContaining({
        grant: grant.id,
        actor: expect.objectContaining({ id: 'registry-office' }),
      }),
    ]);

    // Tampered ciphertext: the stream does not verify, and nothing is written.
    vault.sql(
      'UPDATE document_chunks SET data = zeroblob(length(data)) WHERE document_id = ? AND idx = 1',
      document.id,
    );
    const tamperedOut = path.join(dir, 'tampered');
    const tampered = await withVault(
      'fetch',
      '--grant',
      grant.id,
      '--purpose',
      PURPOSE,
      '--out',
      tamperedOut,
    );
    expect(tampered.status).toBe(65);
    expect(tampered.err).toMatch(/does not decrypt: nothing was written/);
    expect(fs.readdirSync(tamperedOut)).toEqual([]);
  });

  it('deposit: the file is encrypted for the resident, who decrypts it; the vault shows the service as issuer', async () => {
    const { withVault } = await setUp();
    const maria = await keyedResident(vault);
    const file = path.join(dir, 'residence-certificate.pdf');
    const content = randomBytes(90_000);
    fs.writeFileSync(file, content);
    const deposited = await withVault(
      'deposit',
      '--national-id',
      maria.nationalId,
      '--category',
      'residence',
      '--file',
      file,
    );
    expect(deposited.status, deposited.err).toBe(0);
    const documentId = deposited.out.trim();
    const list = await maria.client.get<DocumentListResponse>('/api/documents');
    const stored = list.body.documents.find((d) => d.id === documentId)!;
    expect(stored).toMatchObject({ category: 'residence', issuer: 'registry-office' });
    const bytes = await maria.client.requestBytes(
      'GET',
      `/api/documents/${documentId}/versions/1/content`,
    );
    const opened = decryptGranted(
      frameBody(
        {
          documentId,
          version: 1,
          ownerId: maria.id,
          header: stored.current.header,
          wrappedKey: stored.current.wrappedKey,
          metadata: stored.current.metadata,
        },
        [bytes.bytes],
      ),
      { publicKey: maria.keys.x25519PublicKey, secretKey: maria.keys.x25519SecretKey },
    );
    expect(opened.plaintext.equals(content)).toBe(true);
    expect(opened.metadata).toMatchObject({
      name: 'residence-certificate.pdf',
      type: 'application/pdf',
      size: content.length,
      issuer: { service: 'registry-office' },
    });
  });

  it('refuses missing options (64) and an unknown resident (65), printing no secret', async () => {
    const { withVault } = await setUp();
    const missing = await withVault('request', '--purpose', PURPOSE);
    expect(missing.status).toBe(64);
    const unknown = await withVault(
      'deposit',
      '--national-id',
      'TINIT-NOBODY',
      '--category',
      'other',
      '--file',
      path.join(keysDir, REGISTRATION_FILE),
    );
    expect([unknown.status, unknown.err]).toEqual([
      65,
      expect.stringContaining('ERR_UNKNOWN_RESIDENT'),
    ]);
    const secret = JSON.parse(
      fs.readFileSync(path.join(keysDir, SECRET_FILE), 'utf8'),
    ) as ServiceSecretFile;
    for (const text of [missing.out, missing.err, unknown.out, unknown.err]) {
      expect(text).not.toContain(secret.x25519SecretKey);
      expect(text).not.toContain(secret.authPrivateJwk['d']);
    }
  });
});
