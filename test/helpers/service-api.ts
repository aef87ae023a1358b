import { randomUUID } from 'node:crypto';
import {
  createDocumentDecryptor,
  createDocumentEncryptor,
  decryptMetadata,
  encryptMetadata,
  fromBase64url,
  generateDocumentKey,
  generateResidentKeys,
  generateSealingKeyPair,
  openDocumentKey,
  sealDocumentKey,
  toBase64url,
  type DocumentMetadata,
  type ResidentKeys,
  type SealingKeyPair,
  type X25519PublicKey,
} from '../../crypto/src/index.js';
import type {
  DocumentCategory,
  DocumentResponse,
  EnrolRequest,
  ErrorBody,
  GrantedDocumentPrelude,
  PrepareDepositResponse,
  PutVersionPrelude,
  ServiceTokenResponse,
} from '../../server/src/contracts/index.js';
import type {
  CityServiceRecord,
  GrantKeyRecord,
  GrantRecord,
  ServiceRequestRecord,
} from '../../server/src/storage/index.js';
import { DEMO_RESIDENTS } from '../../server/src/modules/local-eid/index.js';
import {
  createServiceKeys,
  postToken,
  serviceUrl,
  signAssertion,
  tokenForm,
  withVaultStorage,
  type ServiceKeyPair,
} from './city-services.js';
import { HttpClient } from './http-client.js';
import { signInWithLocalEid } from './sign-in.js';
import { SoftAuthenticator } from './soft-authenticator.js';
import type { VaultAddress } from './start-vault.js';
import { fakeKeys, fakeSlot, registerPasskey } from './vault-fixtures.js';

/**
 * The service API's tests (issue 5) as both sides play them, with real crypto/: a city service
 * with its own client-authentication key and X25519 sealing key pair; residents signed in through
 * the local eID, enrolled with real X25519 keys, with documents encrypted for them; grants made as
 * the resident's browser makes them (keys unsealed with the resident's key, sealed to the
 * service's) but stored directly through the storage port, since the approval UI is elsewhere.
 */

/** A registered service that can really decrypt what is sealed to it. */
export interface SealingService {
  id: string;
  keys: ServiceKeyPair;
  sealing: SealingKeyPair;
  record: CityServiceRecord;
}

export const PURPOSE = 'residence-certificate';
export const OTHER_PURPOSE = 'school-enrolment';

/** Registers a service with a real X25519 key pair and two purposes. */
export async function registerSealingService(
  vault: VaultAddress,
  options: { id?: string; enabled?: boolean } = {},
): Promise<SealingService> {
  const keys = await createServiceKeys('EdDSA');
  const sealing = generateSealingKeyPair();
  const id = options.id ?? `svc-${randomUUID().slice(0, 8)}`;
  const at = new Date();
  const record: CityServiceRecord = {
    id,
    name: { en: `Registry office ${id}`, it: `Ufficio anagrafe ${id}` },
    purposes: [
      { code: PURPOSE, text: { en: 'Issue a residence certificate', it: 'Certificato' } },
      { code: OTHER_PURPOSE, text: { en: 'Enrol a child in school', it: 'Iscrizione' } },
    ],
    legalBases: ['public-task'],
    authJwk: keys.publicJwk as Record<string, string>,
    authAlgorithm: keys.alg,
    authKeyId: keys.kid,
    x25519PublicKey: sealing.publicKey,
    enabled: options.enabled ?? true,
    createdAt: at,
    updatedAt: at,
  };
  const outcome = await withVaultStorage(vault, (s) => s.registerCityService(record));
  if (outcome !== 'registered') throw new Error(`service ${id} ${outcome}`);
  return { id, keys, sealing, record };
}

/** A fresh bearer token for the service (a fresh assertion made at `at`: the vault's clock). */
export async function serviceToken(
  vault: VaultAddress,
  service: SealingService,
  at: Date = new Date(),
): Promise<string> {
  const assertion = await signAssertion(
    vault,
    { id: service.id, keys: service.keys, record: service.record },
    { at },
  );
  const res = await postToken<ServiceTokenResponse>(vault, tokenForm(assertion));
  if (res.status !== 200) throw new Error(`token answered ${res.status}`);
  return res.body.access_token;
}

/** An answer of the service API: status, headers, parsed JSON (or undefined) and raw bytes. */
export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
  bytes: Buffer;
}

/** A service API client with one token: no cookies, no Origin, as a service's tool sends. */
export function serviceApi(vault: VaultAddress, token: string) {
  const call = async <T>(
    method: string,
    pathname: string,
    init: { json?: unknown; bytes?: Uint8Array; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...init.headers };
    let body: BodyInit | undefined;
    if (init.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.bytes !== undefined) {
      headers['content-type'] ??= 'application/octet-stream';
      body = Buffer.from(init.bytes);
    }
    const res = await fetch(serviceUrl(vault, `/api/v1/service${pathname}`), {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const json = (res.headers.get('content-type') ?? '').includes('json') && bytes.length > 0;
    return {
      status: res.status,
      headers: res.headers,
      body: (json ? JSON.parse(bytes.toString('utf8')) : undefined) as T,
      bytes,
    };
  };
  return {
    call,
    get: <T = unknown>(pathname: string) => call<T>('GET', pathname),
    post: <T = unknown>(pathname: string, json: unknown) => call<T>('POST', pathname, { json }),
    put: <T = unknown>(pathname: string, bytes: Uint8Array) => call<T>('PUT', pathname, { bytes }),
  };
}
export type ServiceApi = ReturnType<typeof serviceApi>;

/** The error code of an error answer. */
export const codeOf = (res: { body: unknown }) => (res.body as ErrorBody | undefined)?.error?.code;

// --- residents ------------------------------------------------------------------------------------

/** A signed-in demo resident, enrolled with real X25519 keys. */
export interface KeyedResident {
  client: HttpClient;
  id: string;
  nationalId: string;
  keys: ResidentKeys;
}

/** Signs a demo resident in and (unless told not to) enrols them with real resident keys. */
export async function keyedResident(
  vault: VaultAddress,
  accountId = 'demo-maria-rossi',
  options: { enrol?: boolean } = {},
): Promise<KeyedResident> {
  const client = new HttpClient(vault.origin);
  const me = await signInWithLocalEid(client, accountId);
  const keys = generateResidentKeys();
  if (options.enrol !== false) {
    const credential = await registerPasskey(
      client,
      new SoftAuthenticator({ origin: vault.origin }),
    );
    const request: EnrolRequest = {
      keys: {
        ...fakeKeys(),
        x25519PublicKey: toBase64url(keys.x25519PublicKey),
        ed25519PublicKey: toBase64url(keys.ed25519PublicKey),
      },
      slots: [fakeSlot('passkey', credential.credentialIdB64), fakeSlot('recovery')],
    };
    const res = await client.post('/api/vault/enrol', request);
    if (res.status !== 201) throw new Error(`enrol answered ${res.status}: ${res.text}`);
  }
  const demo = DEMO_RESIDENTS.find((r) => r.accountId === accountId);
  if (!demo) throw new Error(`no demo resident ${accountId}`);
  return { client, id: me.body.resident.id, nationalId: demo.fiscalNumber, keys };
}

/** A document the resident stored, with what the test needs to check a read of it. */
export interface StoredDocument {
  id: string;
  category: DocumentCategory;
  plaintext: Buffer;
  metadata: DocumentMetadata;
}

/** `u32 big-endian n ‖ n bytes of JSON ‖ chunks`. */
export function frameBody(prelude: unknown, chunks: Uint8Array[]): Buffer {
  const json = Buffer.from(JSON.stringify(prelude));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([length, json, ...chunks]);
}

/**
 * What a city service's tool uploads to `PUT /deposits/:id` (category `residence`): `content`
 * encrypted under a fresh document key, the key sealed to the X25519 key that `POST /deposits`
 * answered with, and `metadata` encrypted for the same document.
 */
export function depositBody(
  nationalId: string,
  prepared: PrepareDepositResponse,
  documentId: string,
  content: Buffer,
  metadata: DocumentMetadata,
): { body: Buffer; chunks: Uint8Array[] } {
  const ctx = { documentId, version: 1, ownerId: prepared.ownerId };
  const dk = generateDocumentKey();
  const encryptor = createDocumentEncryptor(dk, ctx, content.length);
  const chunks = [...encryptor.push(content), ...encryptor.finish()];
  const body = frameBody(
    {
      nationalId,
      category: 'residence',
      chunkCount: chunks.length,
      header: toBase64url(encryptor.header),
      wrappedKey: toBase64url(
        sealDocumentKey(dk, fromBase64url(prepared.x25519PublicKey) as X25519PublicKey),
      ),
      metadata: toBase64url(encryptMetadata(dk, ctx, metadata)),
    },
    chunks,
  );
  return { body, chunks };
}

/**
 * Encrypts `plaintext` for the resident (crypto/) and stores it in one request: a new document, or
 * with `target` a further version of an existing one.
 */
export async function storeEncrypted(
  r: KeyedResident,
  plaintext: Buffer,
  category: DocumentCategory = 'identity',
  name = 'identity-card.pdf',
  target: { id: string; version: number } = { id: randomUUID(), version: 1 },
): Promise<StoredDocument> {
  const { id, version } = target;
  const ctx = { documentId: id, version, ownerId: r.id };
  const dk = generateDocumentKey();
  const encryptor = createDocumentEncryptor(dk, ctx, plaintext.length);
  const chunks = [...encryptor.push(plaintext), ...encryptor.finish()];
  const metadata: DocumentMetadata = { name, type: 'application/pdf', size: plaintext.length };
  const prelude: PutVersionPrelude = {
    category,
    chunkCount: chunks.length,
    header: toBase64url(encryptor.header),
    wrappedKey: toBase64url(sealDocumentKey(dk, r.keys.x25519PublicKey)),
    metadata: toBase64url(encryptMetadata(dk, ctx, metadata)),
  };
  const res = await r.client.requestBytes('PUT', `/api/documents/${id}/versions/${version}`, {
    body: frameBody(prelude, chunks),
  });
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${res.text}`);
  return { id, category, plaintext, metadata };
}

// --- grants, as the resident's browser would make them -----------------------------------------

/**
 * Approves a pending request the way the resident's browser does — each document key unsealed
 * with the resident's X25519 key pair and sealed to the service's public key — and stores the
 * grant through the storage port (placeholder receipt). Returns the stored grant.
 */
export async function grantRequest(
  vault: VaultAddress,
  r: KeyedResident,
  service: { id: string; sealing: Pick<SealingKeyPair, 'publicKey'> },
  requestId: string,
  documents: StoredDocument[],
  options: { expiresAt?: Date; now?: Date } = {},
): Promise<GrantRecord> {
  const keys: GrantKeyRecord[] = [];
  for (const document of documents) {
    const found = await r.client.get<DocumentResponse>(`/api/documents/${document.id}`);
    if (found.status !== 200) throw new Error(`document answered ${found.status}`);
    const dk = openDocumentKey(
      fromBase64url(found.body.document.current.wrappedKey),
      r.keys.x25519PublicKey,
      r.keys.x25519SecretKey,
    );
    keys.push({
      documentId: document.id,
      version: 1,
      wrappedKey: sealDocumentKey(dk, service.sealing.publicKey),
    });
  }
  const now = options.now ?? new Date();
  return withVaultStorage(vault, async (storage) => {
    const request = (await storage.getServiceRequest(requestId)) as ServiceRequestRecord;
    const grant: GrantRecord = {
      id: randomUUID(),
      requestId,
      serviceId: service.id,
      residentId: r.id,
      purposeCode: request.purposeCode,
      legalBasis: request.legalBasis,
      categories: request.categories,
      standing: false,
      expiresAt: options.expiresAt ?? new Date(now.getTime() + 30 * 86_400_000),
      createdAt: now,
      receipt: 'eyJhbGciOiJFZERTQSJ9.placeholder-receipt.c2ln',
      countersignature: 'eyJhbGciOiJFZERTQSJ9.placeholder-countersignature.c2ln',
      endedAt: null,
      endReason: null,
    };
    const result = await storage.createGrant(grant, keys, now);
    if (!result.ok) throw new Error(`createGrant refused: ${result.reason}`);
    return result.grant;
  });
}

// --- granted reads ---------------------------------------------------------------------------------

/** Splits a granted read's body into its prelude and its ciphertext. */
export function splitGranted(bytes: Buffer): {
  prelude: GrantedDocumentPrelude;
  ciphertext: Buffer;
} {
  const n = bytes.readUInt32BE(0);
  return {
    prelude: JSON.parse(bytes.toString('utf8', 4, 4 + n)) as GrantedDocumentPrelude,
    ciphertext: bytes.subarray(4 + n),
  };
}

/** Decrypts a granted read with an X25519 key pair (the service's, or anyone's, to show they fail). */
export function decryptGranted(
  bytes: Buffer,
  keys: { publicKey: Uint8Array; secretKey: Uint8Array },
): { plaintext: Buffer; metadata: DocumentMetadata } {
  const { prelude, ciphertext } = splitGranted(bytes);
  const ctx = {
    documentId: prelude.documentId,
    version: prelude.version,
    ownerId: prelude.ownerId,
  };
  const dk = openDocumentKey(
    fromBase64url(prelude.wrappedKey),
    keys.publicKey as SealingKeyPair['publicKey'],
    keys.secretKey as SealingKeyPair['secretKey'],
  );
  const metadata = decryptMetadata(dk, ctx, fromBase64url(prelude.metadata));
  const decryptor = createDocumentDecryptor(dk, ctx, fromBase64url(prelude.header), metadata.size);
  const plaintext = Buffer.concat([...decryptor.push(ciphertext), ...decryptor.finish()]);
  return { plaintext, metadata };
}

/** Days from a time, as an ISO string (for answerBy). */
export const daysAfter = (at: Date, days: number) =>
  new Date(at.getTime() + days * 86_400_000).toISOString();

/** An access-log event as its leaf holds it (server/src/modules/access-log/access-event.ts). */
export interface LoggedEvent {
  index: number;
  action: string;
  actor: { kind: string; id: string | null; name: string | null };
  document: { id: string; category: string | null; version?: number } | null;
  purpose: { code: string; text: string | null } | null;
  legalBasis: string | null;
  grant: string | null;
  outcome: string;
  detail?: Record<string, unknown>;
}

/** The resident's log entries, oldest first, parsed (read through a second storage connection). */
export async function residentEvents(
  vault: VaultAddress,
  residentId: string,
): Promise<LoggedEvent[]> {
  const entries = await withVaultStorage(vault, (s) => s.listLogEntries(residentId, {}, 1000));
  return entries
    .map((e) => ({
      index: e.index,
      ...(JSON.parse(Buffer.from(e.leaf).toString('utf8')) as object),
    }))
    .reverse() as LoggedEvent[];
}
