import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceTokenResponse } from '../../server/src/contracts/index.js';
import {
  bearer,
  createServiceKeys,
  getProfile,
  postToken,
  registerService,
  signAssertion,
  tokenForm,
  withVaultStorage,
  type ServiceKeyPair,
  type TestService,
} from '../helpers/city-services.js';
import { startVault, type TestVault } from '../helpers/start-vault.js';

/**
 * Issue 7: a city service's keys rotated, or the service disabled, through another vault node or
 * the admin CLI, take effect on this node at once, though this node caches imported keys
 * (lib/service-key-cache.ts). The other node is a second storage connection to the same database:
 * the node that served the first request never hears of the change except through storage.
 */

let vault: TestVault;
let service: TestService;
const at = () => new Date();

beforeEach(async () => {
  vault = await startVault();
  service = await registerService(vault, { id: 'registry-office', alg: 'EdDSA' });
});
afterEach(async () => {
  await vault.close();
});

async function token(signWith: ServiceKeyPair, kid?: string) {
  const assertion = await signAssertion(vault, service, {
    at: at(),
    signWith,
    ...(kid ? { kid } : {}),
  });
  return postToken<ServiceTokenResponse & { error?: string }>(vault, tokenForm(assertion));
}

/** What another node (or `npm run admin -- service rotate-keys`) stores. */
async function rotateElsewhere(keys: ServiceKeyPair, kid = keys.kid): Promise<void> {
  const stored = await withVaultStorage(vault, (storage) =>
    storage.rotateCityServiceKeys(
      service.id,
      {
        authJwk: keys.publicJwk as Record<string, string>,
        authAlgorithm: keys.alg,
        authKeyId: kid,
        x25519PublicKey: new Uint8Array(randomBytes(32)),
      },
      at(),
    ),
  );
  expect(stored).toBe(true);
}

describe('service keys and state changed on another node', () => {
  it('a rotation refuses the old key and accepts the new one at once, though the old one was cached', async () => {
    expect((await token(service.keys)).status).toBe(200); // the old key is imported and cached
    const next = await createServiceKeys('EdDSA');
    await rotateElsewhere(next);
    const old = await token(service.keys);
    expect(old.status).toBe(401);
    expect(old.body.error).toBe('invalid_client');
    expect((await token(next)).status).toBe(200);
  });

  it('a corrected registration under the same kid is never served the cached older key', async () => {
    expect((await token(service.keys)).status).toBe(200);
    // The operator re-registers another key under the kid the cache last saw.
    const corrected = await createServiceKeys('EdDSA');
    await rotateElsewhere(corrected, service.keys.kid);
    const old = await token(service.keys);
    expect(old.status).toBe(401);
    expect(old.body.error).toBe('invalid_client');
    expect((await token(corrected, service.keys.kid)).status).toBe(200);
  });

  it('disabling the service elsewhere refuses its next token request and its current token', async () => {
    const issued = await token(service.keys);
    expect(issued.status).toBe(200);
    expect((await getProfile(vault, bearer(issued.body.access_token))).status).toBe(200);
    await withVaultStorage(vault, (storage) =>
      storage.setCityServiceEnabled(service.id, false, at()),
    );
    expect((await getProfile(vault, bearer(issued.body.access_token))).status).toBe(401);
    const refused = await token(service.keys);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_client');
  });
});
