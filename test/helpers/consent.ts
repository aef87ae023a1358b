import { randomBytes, randomUUID } from 'node:crypto';
import {
  CONSENT_RECEIPT_TYP,
  createDocumentEncryptor,
  encryptMetadata,
  fromBase64url,
  generateDocumentKey,
  generateResidentKeys,
  generateSealingKeyPair,
  openDocumentKey,
  sealDocumentKey,
  signCompactJws,
  toBase64url,
  type ResidentKeys,
  type SealingKeyPair,
} from '../../crypto/src/index.js';
import {
  CONSENT_RECEIPT_VERSION,
  type ApproveRequestBody,
  type ConsentReceiptPayload,
  type ResidentEvent,
} from '../../server/src/contracts/consent.js';
import type {
  CompleteUploadResponse,
  DocumentCategory,
  DocumentView,
  EnrolRequest,
  PutVersionPrelude,
} from '../../server/src/contracts/index.js';
import type { CityServiceRecord, ServiceRequestRecord } from '../../server/src/storage/index.js';
import { withVaultStorage } from './city-services.js';
import { HttpClient } from './http-client.js';
import { signInWithLocalEid } from './sign-in.js';
import { SoftAuthenticator } from './soft-authenticator.js';
import type { VaultAddress } from './start-vault.js';
import { fakeKeys, fakeSlot, registerPasskey } from './vault-fixtures.js';

/**
 * The resident's side of consent as the tests play it (issue 5): a signed-in resident enrolled
 * with real key pairs, documents encrypted and sealed with crypto/, a city service with a real
 * X25519 key (registered through storage, as an operator would), requests filed through storage
 * (the service API is tested on its own), and approvals made as the browser makes them: document
 * keys unsealed with the resident's key and sealed to the service, a receipt signed with the
 * resident's Ed25519 seed.
 */

/** A signed-in, enrolled resident and the key pairs only their browser would hold. */
export interface ConsentResident {
  client: HttpClient;
  id: string;
  keys: ResidentKeys;
}

/** Signs a demo resident in, registers a passkey and enrols with real public keys. */
export async function enrolledResident(
  vault: VaultAddress,
  accountId = 'demo-maria-rossi',
): Promise<ConsentResident> {
  const client = new HttpClient(vault.origin);
  const me = await signInWithLocalEid(client, accountId);
  const keys = generateResidentKeys();
  const credential = await registerPasskey(client, new SoftAuthenticator({ origin: vault.origin }));
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
  return { client, id: me.body.resident.id, keys };
}

/** Encrypts a small document for `resident` and stores it in one request; returns its view. */
export async function storeDocument(
  resident: ConsentResident,
  category: DocumentCategory,
  documentId: string = randomUUID(),
  version = 1,
): Promise<DocumentView> {
  const plaintext = randomBytes(2000);
  const dk = generateDocumentKey();
  const ctx = { documentId, version, ownerId: resident.id };
  const encryptor = createDocumentEncryptor(dk, ctx, plaintext.length);
  const chunks = [...encryptor.push(plaintext), ...encryptor.finish()];
  const prelude: PutVersionPrelude = {
    category,
    chunkCount: chunks.length,
    header: toBase64url(encryptor.header),
    wrappedKey: toBase64url(sealDocumentKey(dk, resident.keys.x25519PublicKey)),
    metadata: toBase64url(
      encryptMetadata(dk, ctx, { name: `${category}.pdf`, type: 'application/pdf', size: 2000 }),
    ),
  };
  const json = Buffer.from(JSON.stringify(prelude));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const res = await resident.client.requestBytes<CompleteUploadResponse>(
    'PUT',
    `/api/documents/${documentId}/versions/${version}`,
    { body: Buffer.concat([length, json, ...chunks]) },
  );
  if (res.status !== 201) throw new Error(`PUT version answered ${res.status}: ${res.text}`);
  return res.body.document;
}

/** A registered city service whose X25519 secret key the test holds (to check what was sealed). */
export interface ConsentService {
  record: CityServiceRecord;
  sealing: SealingKeyPair;
}

/** Registers a service with a real X25519 key pair through storage, as an operator would. */
export async function registerConsentService(
  vault: VaultAddress,
  id = `svc-${randomUUID().slice(0, 8)}`,
): Promise<ConsentService> {
  const sealing = generateSealingKeyPair();
  const at = new Date();
  const record: CityServiceRecord = {
    id,
    name: { en: `Registry office ${id}`, it: `Ufficio anagrafe ${id}` },
    purposes: [
      {
        code: 'residence-certificate',
        text: { en: 'Issue a residence certificate', it: 'Rilasciare un certificato di residenza' },
      },
    ],
    legalBases: ['public-task'],
    authJwk: { kty: 'OKP', crv: 'Ed25519', x: randomBytes(32).toString('base64url') },
    authAlgorithm: 'EdDSA',
    authKeyId: randomUUID(),
    x25519PublicKey: sealing.publicKey,
    enabled: true,
    createdAt: at,
    updatedAt: at,
  };
  const outcome = await withVaultStorage(vault, (s) => s.registerCityService(record));
  if (outcome !== 'registered') throw new Error(`service ${id} ${outcome}`);
  return { record, sealing };
}

/** Files a request from `service` to `residentId` through storage; returns it. */
export async function fileRequest(
  vault: VaultAddress,
  service: ConsentService,
  residentId: string,
  at: Date,
  overrides: Partial<ServiceRequestRecord> = {},
): Promise<ServiceRequestRecord> {
  return withVaultStorage(vault, (s) =>
    s.createServiceRequest({
      id: randomUUID(),
      serviceId: service.record.id,
      residentId,
      categories: ['identity', 'residence'],
      purposeCode: 'residence-certificate',
      legalBasis: 'public-task',
      retentionDays: 30,
      answerBy: new Date(at.getTime() + 7 * 86_400_000),
      status: 'pending',
      createdAt: at,
      answeredAt: null,
      ...overrides,
    }),
  );
}

/**
 * What the browser does for each chosen document: unseal its key with the resident's X25519 key
 * pair and seal it again to the service's key.
 */
export function sealForService(
  resident: ConsentResident,
  document: DocumentView,
  servicePublicKey: Uint8Array,
): ApproveRequestBody['documents'][number] {
  const dk = openDocumentKey(
    fromBase64url(document.current.wrappedKey),
    resident.keys.x25519PublicKey,
    resident.keys.x25519SecretKey,
  );
  return {
    id: document.id,
    version: document.current.version,
    wrappedKey: toBase64url(
      sealDocumentKey(dk, servicePublicKey as typeof resident.keys.x25519PublicKey),
    ),
  };
}

/** The receipt payload the browser would sign for approving `request` with `body`'s choices. */
export function receiptPayload(
  vault: VaultAddress,
  resident: ConsentResident,
  request: ServiceRequestRecord,
  service: ConsentService,
  body: Omit<ApproveRequestBody, 'receipt'>,
  at: Date,
): ConsentReceiptPayload {
  const purpose = service.record.purposes.find((p) => p.code === request.purposeCode);
  if (!purpose) throw new Error(`the service has no purpose ${request.purposeCode}`);
  // A fresh copy: tests tamper with what is returned, never with the service's record.
  return structuredClone({
    version: CONSENT_RECEIPT_VERSION,
    receiptId: body.consentId,
    requestId: request.id,
    vault: vault.origin,
    iat: Math.floor(at.getTime() / 1000),
    collectionMethod: 'citizen-vault-web',
    piiPrincipalId: resident.id,
    piiController: { id: service.record.id, name: service.record.name },
    purpose: { code: purpose.code, text: purpose.text },
    legalBasis: request.legalBasis,
    retentionDays: request.retentionDays,
    categories: body.categories,
    documents: body.documents.map(({ id, version }) => ({ id, version })),
    standing: body.standing,
    expiresAt: body.expiresAt,
  } satisfies ConsentReceiptPayload);
}

/** Signs a receipt payload as the resident's browser does (compact JWS, EdDSA). */
export function signReceipt(seed: ResidentKeys['ed25519Seed'], payload: unknown): string {
  return signCompactJws(seed, CONSENT_RECEIPT_TYP, payload);
}

/** Choices for {@link approval}; the receipt can be changed after the fact with `tamper`. */
export interface ApprovalOptions {
  documents: DocumentView[];
  categories?: DocumentCategory[];
  standing?: boolean;
  expiresAt?: Date;
  consentId?: string;
  /** Changes the signed payload (a mismatch the vault must catch). */
  tamper?: (payload: ConsentReceiptPayload) => void;
  /** Signs with another seed than the resident's. */
  signWith?: ResidentKeys['ed25519Seed'];
}

/** A complete approval body, made as the browser makes it. */
export function approval(
  vault: VaultAddress,
  resident: ConsentResident,
  request: ServiceRequestRecord,
  service: ConsentService,
  at: Date,
  options: ApprovalOptions,
): ApproveRequestBody {
  const body: Omit<ApproveRequestBody, 'receipt'> = {
    consentId: options.consentId ?? randomUUID(),
    documents: options.documents.map((d) => sealForService(resident, d, service.sealing.publicKey)),
    standing: options.standing ?? false,
    categories: options.categories ?? (request.categories as DocumentCategory[]),
    expiresAt: (options.expiresAt ?? new Date(at.getTime() + 30 * 86_400_000)).toISOString(),
  };
  const payload = receiptPayload(vault, resident, request, service, body, at);
  options.tamper?.(payload);
  return { ...body, receipt: signReceipt(options.signWith ?? resident.keys.ed25519Seed, payload) };
}

/** An open `GET /api/events` stream, read as the browser's EventSource would. */
export interface EventStream {
  status: number;
  headers: Headers;
  /** Every event received so far, in order. */
  readonly events: ResidentEvent[];
  /** Comment lines (heartbeats) received so far. */
  readonly comments: number;
  /** Resolves with the first event (already received or to come) that `match` accepts. */
  next(match: (event: ResidentEvent) => boolean): Promise<ResidentEvent>;
  /** Resolves when the vault ends the stream. */
  ended: Promise<void>;
  /** Closes it from this side. */
  close(): void;
  /** The body, for an answer that is not a stream (an error). */
  text: Promise<string>;
}

/**
 * Opens the resident's event stream with their session cookie (and `headers`, e.g. to pin it to one
 * node behind the test proxy).
 */
export async function openEvents(
  client: HttpClient,
  headers: Record<string, string> = {},
): Promise<EventStream> {
  const abort = new AbortController();
  const res = await fetch(new URL('/api/events', client.origin), {
    headers: { cookie: client.cookieHeader(), accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const events: ResidentEvent[] = [];
  let comments = 0;
  const waiters: { match: (e: ResidentEvent) => boolean; resolve: (e: ResidentEvent) => void }[] =
    [];
  if (!(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    const text = res.text();
    return {
      status: res.status,
      headers: res.headers,
      events,
      comments,
      next: () => Promise.reject(new Error(`no stream: ${res.status}`)),
      ended: text.then(() => undefined),
      close: () => abort.abort(),
      text,
    };
  }
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(':')) {
            comments += 1;
            continue;
          }
          const data = /^data: (.*)$/m.exec(block)?.[1];
          const type = /^event: (.*)$/m.exec(block)?.[1];
          if (data === undefined) continue;
          const event = JSON.parse(data) as ResidentEvent;
          if (event.type !== type) throw new Error(`event line ${type} for ${event.type}`);
          events.push(event);
          for (const waiter of waiters.splice(0)) {
            if (waiter.match(event)) waiter.resolve(event);
            else waiters.push(waiter);
          }
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    events,
    get comments() {
      return comments;
    },
    next(match) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    ended,
    close: () => abort.abort(),
    text: Promise.resolve(''),
  };
}
