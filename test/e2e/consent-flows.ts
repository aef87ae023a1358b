import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  CONSENT_RECEIPT_TYP,
  decryptMetadata,
  generateSealingKeyPair,
  openDocumentKey,
  sodiumReady,
  verifyCompactJws,
  type Ed25519PublicKey,
  type SealingKeyPair,
} from '../../crypto/src/index.js';
import type {
  CreateServiceRequestBody,
  DocumentCategory,
  ServiceRequestResponse,
  ServiceTokenResponse,
} from '../../server/src/contracts/index.js';
import { DEMO_RESIDENTS } from '../../server/src/modules/local-eid/index.js';
import type { CityServiceRecord, GrantRecord } from '../../server/src/storage/index.js';
import {
  createServiceKeys,
  postToken,
  serviceUrl,
  signAssertion,
  tokenForm,
  withVaultStorage,
  type ServiceKeyPair,
} from '../helpers/city-services.js';
import type { TestVault } from '../helpers/start-vault.js';
import { openReader, storedVersions } from './vault-flows.js';

/**
 * Shared steps of the consent end-to-end tests (issue 5): a city service registered in the real
 * SQLite file with its own X25519 key pair (made here with crypto/), requests filed through the
 * service API as its tool would file them, and the checks made on the server's side of a grant
 * (the sealed key opens with the service's secret key; the receipt verifies with the resident's
 * key). Waits are for conditions only, never for time.
 */

/** The purpose every test service registers. */
export const PURPOSE = 'residence-certificate';

/** A registered city service that can really open what is sealed to it. */
export interface E2eService {
  id: string;
  name: { en: string; it: string };
  keys: ServiceKeyPair;
  sealing: SealingKeyPair;
  record: CityServiceRecord;
}

/** Registers a service (through the storage port) with a fresh X25519 key pair. */
export async function registerE2eService(
  vault: TestVault,
  name = { en: 'Registry office', it: 'Ufficio anagrafe' },
): Promise<E2eService> {
  await sodiumReady();
  const keys = await createServiceKeys('EdDSA');
  const sealing = generateSealingKeyPair();
  const id = `svc-${randomUUID().slice(0, 8)}`;
  const at = new Date();
  const record: CityServiceRecord = {
    id,
    name,
    purposes: [
      {
        code: PURPOSE,
        text: {
          en: 'Issue a residence certificate',
          it: 'Rilasciare un certificato di residenza',
        },
      },
    ],
    legalBases: ['public-task', 'legal-obligation'],
    authJwk: keys.publicJwk as Record<string, string>,
    authAlgorithm: keys.alg,
    authKeyId: keys.kid,
    x25519PublicKey: sealing.publicKey,
    enabled: true,
    createdAt: at,
    updatedAt: at,
  };
  const outcome = await withVaultStorage(vault, (s) => s.registerCityService(record));
  if (outcome !== 'registered') throw new Error(`service ${id} ${outcome}`);
  return { id, name, keys, sealing, record };
}

/** A bearer token for the service (client credentials with private_key_jwt). */
async function serviceToken(vault: TestVault, service: E2eService): Promise<string> {
  const assertion = await signAssertion(
    vault,
    { id: service.id, keys: service.keys, record: service.record },
    { at: new Date() },
  );
  const res = await postToken<ServiceTokenResponse>(vault, tokenForm(assertion));
  if (res.status !== 200) throw new Error(`the token endpoint answered ${res.status}`);
  return res.body.access_token;
}

/**
 * Files a request for a demo resident's documents through `POST /api/v1/service/requests`, as
 * the service's own tool does (so the vault notifies the resident's open pages). Returns its id.
 */
export async function fileRequest(
  vault: TestVault,
  service: E2eService,
  {
    account = 'demo-maria-rossi',
    categories = ['identity'] as DocumentCategory[],
    retentionDays = 90,
  } = {},
): Promise<string> {
  const resident = DEMO_RESIDENTS.find((r) => r.accountId === account);
  if (!resident) throw new TypeError(`no demo resident ${account}`);
  const body: CreateServiceRequestBody = {
    nationalId: resident.fiscalNumber,
    categories,
    purpose: PURPOSE,
    legalBasis: 'public-task',
    retentionDays,
    answerBy: new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString(),
  };
  const res = await fetch(serviceUrl(vault, '/api/v1/service/requests'), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await serviceToken(vault, service)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`filing a request answered ${res.status}: ${text}`);
  return (JSON.parse(text) as ServiceRequestResponse).request.id;
}

/** The signed-in resident's id, as the page's session sees it. */
export async function residentIdOf(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const res = await fetch('/api/me', { headers: { accept: 'application/json' } });
    const body = (await res.json()) as { resident: { id: string } };
    return body.resident.id;
  });
}

/** The request's item in the inbox. */
export function requestItem(page: Page, requestId: string) {
  return page.locator(`[data-testid="request-item"][data-request-id="${requestId}"]`);
}

/** The consent's item on the consents page. */
export function consentItem(page: Page, consentId: string) {
  return page.locator(`[data-testid="consent-item"][data-consent-id="${consentId}"]`);
}

/** The grant that answered a request, from the real SQLite file. */
export async function grantFor(vault: TestVault, requestId: string): Promise<GrantRecord> {
  const request = await withVaultStorage(vault, (s) => s.getServiceRequest(requestId));
  if (!request) throw new Error(`no request ${requestId}`);
  const grants = await withVaultStorage(vault, (s) => s.listResidentGrants(request.residentId, 50));
  const grant = grants.find((g) => g.requestId === requestId);
  if (!grant) throw new Error(`no grant answers request ${requestId}`);
  return grant;
}

/**
 * Checks the grant as the server holds it: each sealed key opens with the service's X25519
 * secret key and decrypts the stored version's metadata (so it is that document's key); the
 * receipt verifies with the resident's Ed25519 public key and says what the resident approved.
 */
export async function expectGrantOpensForService(
  vault: TestVault,
  grant: GrantRecord,
  service: E2eService,
  expected: {
    documents: { id: string; name: string }[];
    /** The documents the receipt names (those approved); default: every sealed one. */
    signed?: string[];
  },
): Promise<Record<string, unknown>> {
  const keys = await withVaultStorage(vault, (s) => s.listGrantKeys(grant.id));
  expect(keys.map((k) => k.documentId).sort()).toEqual(expected.documents.map((d) => d.id).sort());
  const db = openReader(vault);
  try {
    for (const key of keys) {
      const dk = openDocumentKey(
        key.wrappedKey,
        service.sealing.publicKey,
        service.sealing.secretKey,
      );
      const version = storedVersions(db, key.documentId).find((v) => v.version === key.version);
      if (!version) throw new Error(`no stored version ${key.documentId}/${key.version}`);
      const metadata = decryptMetadata(
        dk,
        { documentId: key.documentId, version: key.version, ownerId: grant.residentId },
        new Uint8Array(version.metadata),
      );
      expect(metadata.name).toBe(expected.documents.find((d) => d.id === key.documentId)?.name);
    }
  } finally {
    db.close();
  }
  const state = await withVaultStorage(vault, (s) => s.getVaultState(grant.residentId, new Date()));
  if (!state.keys) throw new Error('the resident has no keys');
  const payload = verifyCompactJws(
    state.keys.ed25519PublicKey as Ed25519PublicKey,
    CONSENT_RECEIPT_TYP,
    grant.receipt,
  );
  expect(payload).toMatchObject({
    version: 'cv-consent-receipt/1',
    receiptId: grant.id,
    requestId: grant.requestId,
    vault: vault.origin,
    piiPrincipalId: grant.residentId,
    piiController: { id: service.id, name: service.name },
    legalBasis: 'public-task',
  });
  const signed = (payload['documents'] as { id: string; version: number }[]).map((d) => d.id);
  expect(signed.sort()).toEqual(
    (expected.signed ?? expected.documents.map((d) => d.id)).slice().sort(),
  );
  return payload;
}
