import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createDocumentDecryptor,
  createDocumentEncryptor,
  decryptMetadata,
  encryptMetadata,
  fromBase64url,
  generateDocumentKey,
  generateResidentKeys,
  openDocumentKey,
  sealDocumentKey,
  sodiumReady,
  streamLayout,
  toBase64url,
  type DocumentMetadata,
  type ResidentKeys,
} from '../../crypto/src/index.js';
import {
  CHUNK_CIPHERTEXT_BYTES,
  MAX_PUT_PRELUDE_BYTES,
  MAX_PUT_VERSION_CHUNKS,
  type CompleteUploadResponse,
  type DocumentCategory,
  type DocumentListResponse,
  type DocumentResponse,
  type DocumentVersionView,
  type DocumentView,
  type EnrolRequest,
  type ErrorBody,
  type ErrorCode,
  type PutVersionPrelude,
  type VaultStateResponse,
} from '../../server/src/contracts/index.js';
import { HttpClient, type TestResponse } from '../helpers/http-client.js';
import { signInWithLocalEid } from '../helpers/sign-in.js';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';
import { startVault, type StartVaultOptions, type TestVault } from '../helpers/start-vault.js';
import {
  ciphertext,
  fakeKeys,
  fakeSlot,
  registerPasskey,
  sendAllChunks,
  startUpload,
  totalBytes,
  uploadDocument,
  partsJson,
  sealedParts,
} from '../helpers/vault-fixtures.js';

/**
 * The one-request upload of a small version (`PUT /api/documents/:id/versions/:version`) over
 * real HTTP against a real vault and SQLite file. The client encrypts with crypto/ for the id,
 * version and owner it names, as the web app does, so a stored version is downloaded and
 * decrypted back to its plaintext. Time moves through the vault's injected clock.
 */

const FULL = CHUNK_CIPHERTEXT_BYTES;
const TABLES = ['documents', 'document_versions', 'document_chunks'] as const;

const vaults: TestVault[] = [];
let clock: Date;

beforeAll(async () => {
  await sodiumReady();
});

async function vaultWith(options: StartVaultOptions = {}): Promise<TestVault> {
  clock = new Date();
  const vault = await startVault({ now: () => clock, ...options });
  vaults.push(vault);
  return vault;
}

afterEach(async () => {
  await Promise.all(vaults.splice(0).map((v) => v.close()));
});

/** A signed-in resident, with the X25519 key pair their document keys are sealed to. */
interface Resident {
  client: HttpClient;
  id: string;
  keys: ResidentKeys;
}

/**
 * Signs a demo resident in and (unless told not to) registers a passkey and enrols, with a real
 * X25519 public key so that what the test seals to it is what the vault shows back.
 */
async function resident(
  vault: TestVault,
  accountId = 'demo-maria-rossi',
  options: { enrol?: boolean } = {},
): Promise<Resident> {
  const client = new HttpClient(vault.origin);
  const me = await signInWithLocalEid(client, accountId);
  const keys = generateResidentKeys();
  if (options.enrol !== false) {
    const credential = await registerPasskey(
      client,
      new SoftAuthenticator({ origin: vault.origin }),
    );
    const request: EnrolRequest = {
      keys: { ...fakeKeys(), x25519PublicKey: toBase64url(keys.x25519PublicKey) },
      slots: [fakeSlot('passkey', credential.credentialIdB64), fakeSlot('recovery')],
    };
    const res = await client.post('/api/vault/enrol', request);
    if (res.status !== 201) throw new Error(`enrol answered ${res.status}: ${res.text}`);
  }
  return { client, id: me.body.resident.id, keys };
}

/** A version encrypted for one document id, version and owner, and its one-request body. */
interface SealedVersion {
  documentId: string;
  version: number;
  plaintext: Buffer;
  metadata: DocumentMetadata;
  prelude: PutVersionPrelude;
  chunks: Uint8Array[];
  body: Buffer;
}

const lengthField = (n: number): Buffer => {
  const field = Buffer.alloc(4);
  field.writeUInt32BE(n);
  return field;
};

/** `u32 big-endian n ‖ n bytes of prelude ‖ chunks`; a string prelude is sent as it is. */
function frame(prelude: unknown, chunks: Uint8Array[]): Buffer {
  const json = Buffer.from(typeof prelude === 'string' ? prelude : JSON.stringify(prelude));
  return Buffer.concat([lengthField(json.length), json, ...chunks]);
}

function encryptVersion(
  r: Resident,
  documentId: string,
  version: number,
  plaintext: Buffer,
  category: DocumentCategory = 'tax',
): SealedVersion {
  const dk = generateDocumentKey();
  const ctx = { documentId, version, ownerId: r.id };
  const encryptor = createDocumentEncryptor(dk, ctx, plaintext.length);
  const chunks = [...encryptor.push(plaintext), ...encryptor.finish()];
  const metadata: DocumentMetadata = {
    name: `scan-${version}.pdf`,
    type: 'application/pdf',
    size: plaintext.length,
  };
  const prelude: PutVersionPrelude = {
    category,
    chunkCount: chunks.length,
    header: toBase64url(encryptor.header),
    wrappedKey: toBase64url(sealDocumentKey(dk, r.keys.x25519PublicKey)),
    metadata: toBase64url(encryptMetadata(dk, ctx, metadata)),
  };
  return {
    documentId,
    version,
    plaintext,
    metadata,
    prelude,
    chunks,
    body: frame(prelude, chunks),
  };
}

function putVersion(
  client: HttpClient,
  documentId: string,
  version: number | string,
  body: Uint8Array,
  headers?: Record<string, string>,
) {
  return client.requestBytes<CompleteUploadResponse>(
    'PUT',
    `/api/documents/${documentId}/versions/${version}`,
    { body, ...(headers ? { headers } : {}) },
  );
}

const send = (r: Resident, v: SealedVersion) =>
  putVersion(r.client, v.documentId, v.version, v.body);

/** Sends a version that must be stored (201); returns the document the vault answered with. */
async function stored(r: Resident, v: SealedVersion): Promise<DocumentView> {
  const res = await send(r, v);
  expect(res.status, res.text).toBe(201);
  return res.body.document;
}

/** What the vault shows for a stored version: its sizes and the sealed parts, as sent. */
const versionView = (v: SealedVersion, createdAt: Date): DocumentVersionView => ({
  version: v.version,
  size: totalBytes(v.chunks),
  chunkCount: v.chunks.length,
  header: v.prelude.header,
  wrappedKey: v.prelude.wrappedKey,
  metadata: v.prelude.metadata,
  createdAt: createdAt.toISOString(),
});

/** Downloads a version and decrypts it with the resident's keys, as the web app does. */
async function downloadAndDecrypt(
  r: Resident,
  documentId: string,
  view: DocumentVersionView,
): Promise<{ plaintext: Buffer; metadata: DocumentMetadata }> {
  const content = await r.client.requestBytes(
    'GET',
    `/api/documents/${documentId}/versions/${view.version}/content`,
  );
  expect(content.status).toBe(200);
  const dk = openDocumentKey(
    fromBase64url(view.wrappedKey),
    r.keys.x25519PublicKey,
    r.keys.x25519SecretKey,
  );
  const ctx = { documentId, version: view.version, ownerId: r.id };
  const metadata = decryptMetadata(dk, ctx, fromBase64url(view.metadata));
  const decryptor = createDocumentDecryptor(dk, ctx, fromBase64url(view.header), metadata.size);
  const parts = [...decryptor.push(content.bytes), ...decryptor.finish()];
  return { plaintext: Buffer.concat(parts), metadata };
}

/** Asserts that every version of the document decrypts to the plaintext it was sent with. */
async function expectDecrypts(r: Resident, versions: SealedVersion[]): Promise<void> {
  for (const v of versions) {
    const one = await r.client.get<DocumentResponse>(`/api/documents/${v.documentId}`);
    expect(one.status).toBe(200);
    const view = one.body.versions.find((x) => x.version === v.version);
    expect(view, `version ${v.version}`).toBeDefined();
    const { plaintext, metadata } = await downloadAndDecrypt(r, v.documentId, view!);
    expect(plaintext.equals(v.plaintext), `version ${v.version}`).toBe(true);
    expect(metadata).toEqual(v.metadata);
  }
}

/** The resident's documents and quota usage, as the web app sees them. */
async function seen(r: Resident) {
  const list = await r.client.get<DocumentListResponse>('/api/documents');
  const state = await r.client.get<VaultStateResponse>('/api/vault');
  expect([list.status, state.status]).toEqual([200, 200]);
  return { documents: list.body.documents, usedBytes: state.body.quota.usedBytes };
}

const rowCounts = (vault: TestVault) => TABLES.map((t) => vault.countRows(t));

/**
 * Runs a request that must be refused and asserts the status and stable code, that not a row more
 * or less is in the document tables, and that every resident named still sees the same document
 * list and quota usage (`GET /api/documents`, `GET /api/vault`).
 */
async function expectRefused(
  vault: TestVault,
  residents: Resident[],
  act: () => Promise<TestResponse<unknown>>,
  status: number,
  code: ErrorCode,
  label = `${status} ${code}`,
): Promise<TestResponse<ErrorBody>> {
  const rowsBefore = rowCounts(vault);
  const before = await Promise.all(residents.map(seen));
  const res = (await act()) as TestResponse<ErrorBody>;
  expect({ status: res.status, code: res.body?.error?.code }, label).toEqual({ status, code });
  expect(rowCounts(vault), label).toEqual(rowsBefore);
  expect(await Promise.all(residents.map(seen)), label).toEqual(before);
  return res;
}

const minutesLater = (n: number) => {
  clock = new Date(clock.getTime() + n * 60_000);
};

describe('a version in one request, end to end', () => {
  it('stores an encrypted version: 201, listed, downloaded and decrypted to the same plaintext', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const plaintext = randomBytes(150_000);
    const v = encryptVersion(maria, randomUUID(), 1, plaintext, 'health');
    expect(v.chunks).toHaveLength(3);

    const res = await send(maria, v);
    expect(res.status).toBe(201);
    const current = versionView(v, clock);
    const view: DocumentView = {
      id: v.documentId,
      category: 'health',
      createdAt: clock.toISOString(),
      updatedAt: clock.toISOString(),
      issuer: null,
      issuedBy: null,
      current,
      versionCount: 1,
    };
    expect(res.body).toEqual({ document: view });
    expect(await seen(maria)).toEqual({ documents: [view], usedBytes: totalBytes(v.chunks) });
    const one = await maria.client.get<DocumentResponse>(`/api/documents/${v.documentId}`);
    expect(one.body).toEqual({ document: view, versions: [current] });
    const { plaintext: decrypted, metadata } = await downloadAndDecrypt(
      maria,
      v.documentId,
      current,
    );
    expect(decrypted.equals(plaintext)).toBe(true);
    expect(metadata).toEqual(v.metadata);
    expect(rowCounts(vault)).toEqual([1, 1, 3]);

    // Ids and sizes are logged; keys, headers and metadata in no spelling.
    expect(vault.logs.some((l) => l.msg === 'document version stored' && l['created'])).toBe(true);
    const log = vault.logText();
    expect(log).toContain(v.documentId);
    for (const secret of [v.prelude.header, v.prelude.wrappedKey, v.prelude.metadata]) {
      const raw = fromBase64url(secret);
      for (const spelling of [secret, Buffer.from(raw).toString('base64')]) {
        expect(log).not.toContain(spelling.slice(0, 24));
      }
    }
  });

  it('a version 2 sent in one request becomes current; both versions decrypt', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const id = randomUUID();
    const v1 = encryptVersion(maria, id, 1, randomBytes(1_000));
    const first = await stored(maria, v1);
    const createdAt = clock;
    minutesLater(1);
    const v2 = encryptVersion(maria, id, 2, randomBytes(70_000));
    const second = await stored(maria, v2);
    expect(second).toEqual({
      ...first,
      updatedAt: clock.toISOString(),
      current: versionView(v2, clock),
      versionCount: 2,
    });
    const one = await maria.client.get<DocumentResponse>(`/api/documents/${id}`);
    expect(one.body).toEqual({
      document: second,
      versions: [versionView(v2, clock), versionView(v1, createdAt)],
    });
    await expectDecrypts(maria, [v1, v2]);
    expect(await seen(maria)).toEqual({
      documents: [second],
      usedBytes: totalBytes(v1.chunks) + totalBytes(v2.chunks),
    });
  });

  it('a document uploaded in parts takes its next version in one request', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const { document } = await uploadDocument(maria.client, ciphertext(2, 500), {
      category: 'work',
    });
    const v2 = encryptVersion(maria, document.id, 2, randomBytes(10_000), 'work');
    const second = await stored(maria, v2);
    expect(second).toMatchObject({ id: document.id, versionCount: 2, current: { version: 2 } });
    await expectDecrypts(maria, [v2]);
  });

  it('a replay answers 200 with the same document and stores nothing more', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const id = randomUUID();
    const v1 = encryptVersion(maria, id, 1, randomBytes(20_000));
    const first = await send(maria, v1);
    expect(first.status).toBe(201);
    const rows = rowCounts(vault);
    const before = await seen(maria);

    minutesLater(5);
    const again = await send(maria, v1);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(rowCounts(vault)).toEqual(rows);
    expect(await seen(maria)).toEqual(before);
    expect(vault.logs.some((l) => l.msg === 'document version was already stored')).toBe(true);

    // After version 2, a late replay of version 1 still stores nothing and shows the document now.
    const v2 = encryptVersion(maria, id, 2, randomBytes(30_000));
    const second = await send(maria, v2);
    expect(second.status).toBe(201);
    const afterSecond = await seen(maria);
    const rowsAfterSecond = rowCounts(vault);
    const late = await send(maria, v1);
    expect(late.status).toBe(200);
    expect(late.body).toEqual(second.body);
    expect(rowCounts(vault)).toEqual(rowsAfterSecond);
    expect(await seen(maria)).toEqual(afterSecond);
    await expectDecrypts(maria, [v1, v2]);
  });

  it('another stream for a version already stored → 409 ERR_VERSION_CONFLICT; the stored one stays', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const id = randomUUID();
    const plaintext = randomBytes(5_000);
    const v1 = encryptVersion(maria, id, 1, plaintext);
    await stored(maria, v1);
    // The same plaintext encrypted again: a new key and stream header, so not a replay.
    const other1 = encryptVersion(maria, id, 1, plaintext);
    await expectRefused(vault, [maria], () => send(maria, other1), 409, 'ERR_VERSION_CONFLICT');
    const v2 = encryptVersion(maria, id, 2, randomBytes(6_000));
    await stored(maria, v2);
    const other2 = encryptVersion(maria, id, 2, v2.plaintext);
    const res = await expectRefused(
      vault,
      [maria],
      () => send(maria, other2),
      409,
      'ERR_VERSION_CONFLICT',
    );
    expect(res.body.error.message).toMatch(/Reload your documents/);
    await expectDecrypts(maria, [v1, v2]);
  });
});

describe('bad requests are refused with a stable code and change nothing', () => {
  it('a body that is not framed as length ‖ prelude ‖ chunks → 400 ERR_UPLOAD_FRAMING', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const kept = await stored(maria, encryptVersion(maria, randomUUID(), 1, randomBytes(100)));
    const id = randomUUID();
    const v = encryptVersion(maria, id, 1, randomBytes(70_000)); // 2 chunks
    const json = Buffer.from(JSON.stringify(v.prelude));
    const sixteenFull = Array.from({ length: MAX_PUT_VERSION_CHUNKS }, () => randomBytes(FULL));
    const bodies: [string, Buffer][] = [
      ['an empty body', Buffer.alloc(0)],
      ['a body shorter than the length field', Buffer.from([0, 0, 1])],
      ['a zero-length prelude', Buffer.concat([lengthField(0), json, ...v.chunks])],
      [
        'a prelude longer than MAX_PUT_PRELUDE_BYTES',
        Buffer.concat([lengthField(MAX_PUT_PRELUDE_BYTES + 1), json, ...v.chunks]),
      ],
      ['a length past the end of the body', Buffer.concat([lengthField(json.length + 10), json])],
      ['no chunk', frame(v.prelude, [])],
      [
        'more than MAX_PUT_VERSION_CHUNKS chunks',
        frame({ ...v.prelude, chunkCount: MAX_PUT_VERSION_CHUNKS + 1 }, [
          ...sixteenFull,
          randomBytes(100),
        ]),
      ],
      ['fewer chunks than announced', frame({ ...v.prelude, chunkCount: 3 }, v.chunks)],
      ['more chunks than announced', frame({ ...v.prelude, chunkCount: 1 }, v.chunks)],
      [
        'a last chunk too short to hold a byte',
        frame({ ...v.prelude, chunkCount: 2 }, [v.chunks[0]!, randomBytes(17)]),
      ],
      [
        'a lone chunk too short to hold a byte',
        frame({ ...v.prelude, chunkCount: 1 }, [randomBytes(10)]),
      ],
    ];
    for (const [label, body] of bodies) {
      await expectRefused(
        vault,
        [maria],
        () => putVersion(maria.client, id, 1, body),
        400,
        'ERR_UPLOAD_FRAMING',
        label,
      );
    }
    // None of it took the id; the real version is stored after all.
    await stored(maria, v);
    await expectDecrypts(maria, [v]);
    expect((await seen(maria)).documents.map((d) => d.id).sort()).toEqual([id, kept.id].sort());
  });

  it('a prelude that is not JSON → 400 ERR_MALFORMED_JSON; not a valid prelude → 400 ERR_VALIDATION', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    await stored(maria, encryptVersion(maria, randomUUID(), 1, randomBytes(100)));
    const id = randomUUID();
    const v = encryptVersion(maria, id, 1, randomBytes(1_000));
    for (const prelude of ['{"category":', 'not json', '{"category":"tax",}']) {
      await expectRefused(
        vault,
        [maria],
        () => putVersion(maria.client, id, 1, frame(prelude, v.chunks)),
        400,
        'ERR_MALFORMED_JSON',
        prelude,
      );
    }
    const { header: _header, ...noHeader } = v.prelude;
    const invalid: [string, unknown][] = [
      ['an unknown category', { ...v.prelude, category: 'secrets' }],
      ['an upper-case category', { ...v.prelude, category: 'TAX' }],
      ['no header', noHeader],
      ['an unknown field', { ...v.prelude, size: 1000 }],
      ['chunkCount 0', { ...v.prelude, chunkCount: 0 }],
      ['a fractional chunkCount', { ...v.prelude, chunkCount: 1.5 }],
      ['a chunkCount as text', { ...v.prelude, chunkCount: '1' }],
      ['a short header', { ...v.prelude, header: toBase64url(randomBytes(23)) }],
      [
        'padded base64',
        { ...v.prelude, wrappedKey: Buffer.from(randomBytes(80)).toString('base64') },
      ],
      ['empty metadata', { ...v.prelude, metadata: '' }],
      ['an array', [v.prelude]],
      ['null', null],
    ];
    for (const [label, prelude] of invalid) {
      await expectRefused(
        vault,
        [maria],
        () => putVersion(maria.client, id, 1, frame(prelude, v.chunks)),
        400,
        'ERR_VALIDATION',
        label,
      );
    }
    // A document id in capitals names the same UUID, but ids are lowercase.
    await expectRefused(
      vault,
      [maria],
      () => putVersion(maria.client, id.toUpperCase(), 1, v.body),
      400,
      'ERR_VALIDATION',
      'upper-case id',
    );
    await stored(maria, v);
  });

  it('a new version in another category → 400 ERR_VALIDATION', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const id = randomUUID();
    await stored(maria, encryptVersion(maria, id, 1, randomBytes(100), 'tax'));
    const res = await expectRefused(
      vault,
      [maria],
      () => send(maria, encryptVersion(maria, id, 2, randomBytes(100), 'health')),
      400,
      'ERR_VALIDATION',
    );
    expect(res.body.error.message).toMatch(/category/);
    await stored(maria, encryptVersion(maria, id, 2, randomBytes(100), 'tax'));
  });

  it('a malformed id or version, an unknown document, a first upload still open → 404 ERR_DOCUMENT_NOT_FOUND', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const kept = encryptVersion(maria, randomUUID(), 1, randomBytes(100));
    await stored(maria, kept);
    const body = encryptVersion(maria, randomUUID(), 1, randomBytes(100)).body;
    for (const id of ['not-a-uuid', '0', `${randomUUID()}0`, randomUUID().replaceAll('-', '')]) {
      await expectRefused(
        vault,
        [maria],
        () => putVersion(maria.client, id, 1, body),
        404,
        'ERR_DOCUMENT_NOT_FOUND',
        `id ${id}`,
      );
    }
    for (const version of ['0', '01', '-1', '1.5', 'x', '1e3', '1234567890']) {
      await expectRefused(
        vault,
        [maria],
        () => putVersion(maria.client, kept.documentId, version, body),
        404,
        'ERR_DOCUMENT_NOT_FOUND',
        `version ${version}`,
      );
    }
    const unknown = randomUUID();
    await expectRefused(
      vault,
      [maria],
      () => send(maria, encryptVersion(maria, unknown, 2, randomBytes(100))),
      404,
      'ERR_DOCUMENT_NOT_FOUND',
      'version 2 of an unknown document',
    );
    // A document whose first upload is still open is not there yet.
    const pending = await startUpload(maria.client, ciphertext(1, 100));
    await expectRefused(
      vault,
      [maria],
      () => send(maria, encryptVersion(maria, pending.documentId, 2, randomBytes(100))),
      404,
      'ERR_DOCUMENT_NOT_FOUND',
      'version 2 of a first upload in progress',
    );
  });

  it('a version not one above the highest, or reserved by an upload in progress → 409 ERR_VERSION_CONFLICT', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const id = randomUUID();
    const v1 = encryptVersion(maria, id, 1, randomBytes(100));
    await stored(maria, v1);
    for (const version of [3, 10]) {
      await expectRefused(
        vault,
        [maria],
        () => send(maria, encryptVersion(maria, id, version, randomBytes(100))),
        409,
        'ERR_VERSION_CONFLICT',
        `version ${version}`,
      );
    }

    // An upload in parts reserves version 2: the one-request upload must take version 3.
    const reservedChunks = ciphertext(1, 300);
    const reserved = await startUpload(maria.client, reservedChunks, { documentId: id });
    expect(reserved.version).toBe(2);
    await expectRefused(
      vault,
      [maria],
      () => send(maria, encryptVersion(maria, id, 2, randomBytes(100))),
      409,
      'ERR_VERSION_CONFLICT',
      'a reserved version',
    );
    minutesLater(1);
    const v3 = encryptVersion(maria, id, 3, randomBytes(2_000));
    expect((await stored(maria, v3)).current.version).toBe(3);
    // The reserved upload completes later; the highest version stays current.
    minutesLater(1);
    await sendAllChunks(maria.client, reserved.uploadId, reservedChunks);
    const done = await maria.client.post<CompleteUploadResponse>(
      `/api/uploads/${reserved.uploadId}/complete`,
      partsJson(sealedParts()),
    );
    expect(done.status).toBe(200);
    expect(done.body.document).toMatchObject({ current: { version: 3 }, versionCount: 3 });
    await expectDecrypts(maria, [v1, v3]);

    // Version 1 of the id of a first upload still in progress.
    const pending = await startUpload(maria.client, ciphertext(1, 100));
    await expectRefused(
      vault,
      [maria],
      () => send(maria, encryptVersion(maria, pending.documentId, 1, randomBytes(100))),
      409,
      'ERR_VERSION_CONFLICT',
      'the id of a first upload in progress',
    );
  });

  it('before enrolment → 409 ERR_NOT_ENROLLED; without a session → 401', async () => {
    const vault = await vaultWith();
    const anonymous = new HttpClient(vault.origin);
    const res = await putVersion(anonymous, randomUUID(), 1, frame({}, [randomBytes(100)]));
    expect(res.status).toBe(401);
    expect((res.body as unknown as ErrorBody).error.code).toBe('ERR_UNAUTHENTICATED');
    expect(rowCounts(vault)).toEqual([0, 0, 0]);

    const maria = await resident(vault, 'demo-maria-rossi', { enrol: false });
    await expectRefused(
      vault,
      [maria],
      () => send(maria, encryptVersion(maria, randomUUID(), 1, randomBytes(100))),
      409,
      'ERR_NOT_ENROLLED',
    );
  });

  it('no room left → 409 ERR_QUOTA_EXCEEDED, counting uploads still in progress', async () => {
    const size = streamLayout(40_000).ciphertextLength;
    const quota = 2 * size - 1;
    const vault = await vaultWith({ env: { VAULT_QUOTA_BYTES: String(quota) } });
    const maria = await resident(vault);
    const a = encryptVersion(maria, randomUUID(), 1, randomBytes(40_000));
    const b = encryptVersion(maria, randomUUID(), 1, randomBytes(40_000));
    await stored(maria, a);
    const refused = await expectRefused(
      vault,
      [maria],
      () => send(maria, b),
      409,
      'ERR_QUOTA_EXCEEDED',
    );
    expect(refused.body.error.message).toMatch(/no room/);
    // A new version counts too.
    await expectRefused(
      vault,
      [maria],
      () => send(maria, encryptVersion(maria, a.documentId, 2, randomBytes(40_000))),
      409,
      'ERR_QUOTA_EXCEEDED',
      'a new version',
    );
    expect((await maria.client.request('DELETE', `/api/documents/${a.documentId}`)).status).toBe(
      204,
    );
    await stored(maria, b); // the very request refused before

    // An upload in progress holds its room until it is cancelled.
    const pending = await startUpload(maria.client, ciphertext(1, quota - size));
    expect((await seen(maria)).usedBytes).toBe(quota);
    const c = encryptVersion(maria, randomUUID(), 1, randomBytes(10));
    await expectRefused(
      vault,
      [maria],
      () => send(maria, c),
      409,
      'ERR_QUOTA_EXCEEDED',
      'an upload in progress',
    );
    expect((await maria.client.request('DELETE', `/api/uploads/${pending.uploadId}`)).status).toBe(
      204,
    );
    await stored(maria, c);
    const state = await maria.client.get<VaultStateResponse>('/api/vault');
    expect(state.body.quota).toMatchObject({
      usedBytes: size + totalBytes(c.chunks),
      limitBytes: quota,
    });
    await expectDecrypts(maria, [b, c]);
  });

  it('above VAULT_MAX_DOCUMENT_BYTES → 413 ERR_DOCUMENT_TOO_LARGE', async () => {
    const vault = await vaultWith({ env: { VAULT_MAX_DOCUMENT_BYTES: String(FULL) } });
    const maria = await resident(vault);
    await stored(maria, encryptVersion(maria, randomUUID(), 1, randomBytes(100)));
    const large = encryptVersion(maria, randomUUID(), 1, randomBytes(70_000));
    expect(totalBytes(large.chunks)).toBeGreaterThan(FULL);
    await expectRefused(vault, [maria], () => send(maria, large), 413, 'ERR_DOCUMENT_TOO_LARGE');
    await stored(maria, encryptVersion(maria, randomUUID(), 1, randomBytes(60_000)));
  });

  it('a body above one request’s worth → 413 ERR_PAYLOAD_TOO_LARGE; exactly MAX_PUT_VERSION_CHUNKS full chunks is fine', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const v = encryptVersion(maria, randomUUID(), 1, randomBytes(100));
    const chunks = Array.from({ length: MAX_PUT_VERSION_CHUNKS + 1 }, () => randomBytes(FULL));
    await expectRefused(
      vault,
      [maria],
      () =>
        putVersion(
          maria.client,
          v.documentId,
          1,
          frame({ ...v.prelude, chunkCount: chunks.length }, chunks),
        ),
      413,
      'ERR_PAYLOAD_TOO_LARGE',
    );
    // The server cannot tell ciphertext from random bytes: the largest body it takes.
    const largest = chunks.slice(0, MAX_PUT_VERSION_CHUNKS);
    const res = await putVersion(
      maria.client,
      v.documentId,
      1,
      frame({ ...v.prelude, chunkCount: largest.length }, largest),
    );
    expect(res.status).toBe(201);
    expect(res.body.document.current).toMatchObject({
      size: MAX_PUT_VERSION_CHUNKS * FULL,
      chunkCount: MAX_PUT_VERSION_CHUNKS,
    });
  });

  it('a body that is not application/octet-stream → 415 ERR_UNSUPPORTED_MEDIA_TYPE', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const v = encryptVersion(maria, randomUUID(), 1, randomBytes(100));
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      await expectRefused(
        vault,
        [maria],
        () => putVersion(maria.client, v.documentId, 1, v.body, { 'content-type': type }),
        415,
        'ERR_UNSUPPORTED_MEDIA_TYPE',
        type,
      );
    }
    // JSON passes the CSRF guard and the JSON parser (a binary body sent as JSON is refused there,
    // as ERR_MALFORMED_JSON, before any route), but this route takes octet-stream only.
    await expectRefused(
      vault,
      [maria],
      () =>
        putVersion(maria.client, v.documentId, 1, Buffer.from(JSON.stringify(v.prelude)), {
          'content-type': 'application/json',
        }),
      415,
      'ERR_UNSUPPORTED_MEDIA_TYPE',
      'application/json',
    );
    await stored(maria, v);
  });

  it('without an Origin, or from another origin → 403 ERR_CSRF', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault);
    const v = encryptVersion(maria, randomUUID(), 1, randomBytes(100));
    const foreign: Record<string, string>[] = [
      { origin: '' },
      { origin: 'https://evil.example' },
      { origin: '', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of foreign) {
      await expectRefused(
        vault,
        [maria],
        () => putVersion(maria.client, v.documentId, 1, v.body, headers),
        403,
        'ERR_CSRF',
        JSON.stringify(headers),
      );
    }
    await stored(maria, v);
  });
});

describe('another resident’s document', () => {
  it('takes no version from anyone else (404 for version 2, 409 for version 1) and stays as it was', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault, 'demo-maria-rossi');
    const luca = await resident(vault, 'demo-luca-bianchi');
    const id = randomUUID();
    const v1 = encryptVersion(maria, id, 1, randomBytes(3_000));
    await stored(maria, v1);
    const both = [maria, luca];

    const theirs = await expectRefused(
      vault,
      both,
      () => send(luca, encryptVersion(luca, id, 2, randomBytes(100))),
      404,
      'ERR_DOCUMENT_NOT_FOUND',
      'version 2 of her document',
    );
    // Exactly the answer for a document that does not exist.
    const missing = await send(luca, encryptVersion(luca, randomUUID(), 2, randomBytes(100)));
    expect(theirs.status).toBe(missing.status);
    expect(theirs.text).toBe(missing.text);

    await expectRefused(
      vault,
      both,
      () => send(luca, encryptVersion(luca, id, 1, randomBytes(100))),
      409,
      'ERR_VERSION_CONFLICT',
      'version 1 with her id',
    );
    // Her very request, replayed by him, is no replay of his.
    await expectRefused(
      vault,
      both,
      () => putVersion(luca.client, id, 1, v1.body),
      409,
      'ERR_VERSION_CONFLICT',
      'her request replayed by him',
    );
    // Nor the id of her first upload still in progress.
    const pending = await startUpload(maria.client, ciphertext(1, 100));
    await expectRefused(
      vault,
      both,
      () => send(luca, encryptVersion(luca, pending.documentId, 1, randomBytes(100))),
      409,
      'ERR_VERSION_CONFLICT',
      'the id of her upload in progress',
    );

    expect((await seen(luca)).documents).toEqual([]);
    expect((await seen(luca)).usedBytes).toBe(0);
    const one = await maria.client.get<DocumentResponse>(`/api/documents/${id}`);
    expect(one.body.versions.map((v) => v.version)).toEqual([1]);
    await expectDecrypts(maria, [v1]);
    // She can still add her version 2.
    const v2 = encryptVersion(maria, id, 2, randomBytes(4_000));
    await stored(maria, v2);
    await expectDecrypts(maria, [v1, v2]);
  });
});
