import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CHUNK_CIPHERTEXT_BYTES,
  MAX_CHUNKS_PER_REQUEST,
  type AppendChunksResponse,
  type CompleteUploadResponse,
  type CreateUploadResponse,
  type DocumentListResponse,
  type DocumentResponse,
  type ErrorBody,
  type ErrorCode,
  type VaultStateResponse,
} from '../../server/src/contracts/index.js';
import { HttpClient, type TestResponse } from '../helpers/http-client.js';
import { signInWithLocalEid } from '../helpers/sign-in.js';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';
import { startVault, type StartVaultOptions, type TestVault } from '../helpers/start-vault.js';
import {
  b64,
  ciphertext,
  enrol,
  foundIn,
  partsJson,
  probes,
  putChunks,
  sealedParts,
  sendAllChunks,
  startUpload,
  totalBytes,
  uploadDocument,
} from '../helpers/vault-fixtures.js';

/**
 * Documents over real HTTP against a real vault and SQLite file (issue 3, "Tests that must exist
 * and pass": bad input, authorization, deletion). Random bytes stand in for ciphertext: the server
 * cannot tell the difference, and checks only sizes and framing. Time moves through the vault's
 * injected clock, never by sleeping.
 */

const vaults: TestVault[] = [];
let clock: Date;

async function vaultWith(options: StartVaultOptions = {}): Promise<TestVault> {
  clock = new Date();
  const vault = await startVault({ now: () => clock, ...options });
  vaults.push(vault);
  return vault;
}

afterEach(async () => {
  await Promise.all(vaults.splice(0).map((v) => v.close()));
});

const FULL = CHUNK_CIPHERTEXT_BYTES;

/** V8's `gc()`, without restarting the test runner with --expose-gc. */
function exposedGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** A signed-in resident who has enrolled (a passkey and a recovery kit). */
async function resident(vault: TestVault, accountId = 'demo-maria-rossi'): Promise<HttpClient> {
  const client = new HttpClient(vault.origin);
  await signInWithLocalEid(client, accountId);
  await enrol(client, new SoftAuthenticator({ origin: vault.origin }));
  return client;
}

async function listed(client: HttpClient): Promise<string[]> {
  const res = await client.get<DocumentListResponse>('/api/documents');
  expect(res.status).toBe(200);
  return res.body.documents.map((d) => d.id);
}

/**
 * Runs a request that must be refused and asserts the whole promise: the status, the stable code,
 * not a row more or less in document_versions, document_chunks and documents, and the same
 * documents listed as before.
 */
async function expectRefused(
  vault: TestVault,
  client: HttpClient,
  act: () => Promise<TestResponse>,
  status: number,
  code: ErrorCode,
): Promise<TestResponse<ErrorBody>> {
  const tables = ['documents', 'document_versions', 'document_chunks'] as const;
  const before = tables.map((t) => vault.countRows(t));
  const listedBefore = await listed(client);
  const res = (await act()) as TestResponse<ErrorBody>;
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(tables.map((t) => vault.countRows(t))).toEqual(before);
  expect(await listed(client)).toEqual(listedBefore);
  return res;
}

/**
 * PUT with `Transfer-Encoding: chunked` (fetch cannot be told to): node:http sends that whenever
 * no Content-Length is set. One write per chunk.
 */
function putChunked(
  client: HttpClient,
  url: string,
  parts: Uint8Array[],
): Promise<TestResponse<ErrorBody>> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(url, client.origin), {
      method: 'PUT',
      headers: {
        origin: client.origin,
        cookie: client.cookieHeader(),
        'content-type': 'application/octet-stream',
      },
    });
    req.on('response', (res) => {
      const body: Buffer[] = [];
      res.on('data', (b: Buffer) => body.push(b));
      res.on('end', () => {
        const text = Buffer.concat(body).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: new Headers(res.headers as Record<string, string>),
          body: JSON.parse(text) as ErrorBody,
          text,
          setCookies: [],
          location: null,
        });
      });
    });
    req.on('error', reject);
    for (const part of parts) req.write(part);
    req.end();
  });
}

describe('a document, end to end', () => {
  it('uploads 3 chunks (the last short), completes, lists, and downloads exactly the same bytes', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    const chunks = ciphertext(3, 1234);
    const size = totalBytes(chunks);
    expect(size).toBe(2 * FULL + 1234);

    const created = await client.post<CreateUploadResponse>('/api/uploads', {
      category: 'identity',
      size,
      chunkCount: 3,
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      uploadId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      documentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      version: 1,
      expiresAt: new Date(clock.getTime() + 60 * 60_000).toISOString(),
    });
    const { uploadId, documentId } = created.body;
    expect(await listed(client)).toEqual([]);
    expect((await client.get(`/api/documents/${documentId}`)).status).toBe(404);

    const first = await putChunks(client, uploadId, 0, chunks.slice(0, 2));
    expect(first.status).toBe(200);
    expect(first.body).toEqual<AppendChunksResponse>({
      chunksReceived: 2,
      bytesReceived: 2 * FULL,
      expiresAt: expect.any(String),
    });
    expect(await listed(client)).toEqual([]);
    const last = await putChunks(client, uploadId, 2, chunks.slice(2));
    expect(last.body).toMatchObject({ chunksReceived: 3, bytesReceived: size });
    expect(await listed(client)).toEqual([]);

    const parts = sealedParts();
    const done = await client.post<CompleteUploadResponse>(
      `/api/uploads/${uploadId}/complete`,
      partsJson(parts),
    );
    expect(done.status).toBe(200);
    const current = {
      version: 1,
      size,
      chunkCount: 3,
      header: b64(parts.header),
      wrappedKey: b64(parts.wrappedKey),
      metadata: b64(parts.metadata),
      createdAt: clock.toISOString(),
    };
    const view = {
      id: documentId,
      category: 'identity',
      createdAt: clock.toISOString(),
      updatedAt: clock.toISOString(),
      issuer: null,
      issuedBy: null,
      current,
      versionCount: 1,
    };
    expect(done.body).toEqual({ document: view });

    const list = await client.get<DocumentListResponse>('/api/documents');
    expect(list.body).toEqual({ documents: [view] });
    const one = await client.get<DocumentResponse>(`/api/documents/${documentId}`);
    expect(one.body).toEqual({ document: view, versions: [current] });

    const content = await client.requestBytes(
      'GET',
      `/api/documents/${documentId}/versions/1/content`,
    );
    expect(content.status).toBe(200);
    expect(content.headers.get('content-length')).toBe(String(size));
    expect(content.headers.get('content-type')).toBe('application/octet-stream');
    expect(content.headers.get('cache-control')).toBe('no-store');
    expect(content.bytes.equals(Buffer.concat(chunks))).toBe(true);

    const state = await client.get<VaultStateResponse>('/api/vault');
    expect(state.body.quota).toEqual({
      usedBytes: size,
      limitBytes: 5 * 1024 ** 3,
      maxDocumentBytes: 1024 ** 3,
    });

    // The upload id is spent.
    expect((await putChunks(client, uploadId, 3, [Buffer.alloc(20)])).status).toBe(404);
    // HEAD answers the length and sends no body.
    const head = await client.requestBytes(
      'HEAD',
      `/api/documents/${documentId}/versions/1/content`,
    );
    expect(head.headers.get('content-length')).toBe(String(size));
    expect(head.bytes.length).toBe(0);
  });

  it('never writes document bytes, keys or metadata to the log', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    const chunks = ciphertext(2, 500);
    const { document, parts } = await uploadDocument(client, chunks);
    await client.requestBytes('GET', `/api/documents/${document.id}/versions/1/content`);
    await client.get(`/api/documents/${document.id}`);
    await client.request('DELETE', `/api/documents/${document.id}`);

    const log = vault.logText();
    expect(log).toContain(document.id); // ids and sizes are logged...
    const secrets = [parts.header, parts.wrappedKey, parts.metadata, ...chunks.flatMap(probes)];
    for (const secret of secrets) {
      // ...bytes in no spelling.
      for (const spelling of [
        secret.toString('base64url'),
        secret.toString('base64'),
        secret.toString('hex'),
      ]) {
        expect(log).not.toContain(spelling.slice(0, 24));
      }
    }
  });

  it('adds a new version: listed once with both versions, each downloads its own bytes', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    const v1 = ciphertext(1, 700);
    const { document } = await uploadDocument(client, v1, { category: 'health' });
    clock = new Date(clock.getTime() + 60_000);
    const v2 = ciphertext(2, 900);
    const second = await uploadDocument(client, v2, {
      category: 'health',
      documentId: document.id,
    });
    expect(second.upload).toMatchObject({ documentId: document.id, version: 2 });
    expect(second.document).toMatchObject({
      id: document.id,
      versionCount: 2,
      current: { version: 2, size: totalBytes(v2) },
      createdAt: document.createdAt,
      updatedAt: clock.toISOString(),
    });

    expect(await listed(client)).toEqual([document.id]);
    const one = await client.get<DocumentResponse>(`/api/documents/${document.id}`);
    expect(one.body.versions.map((v) => v.version)).toEqual([2, 1]);
    for (const [version, bytes] of [
      [1, v1],
      [2, v2],
    ] as const) {
      const content = await client.requestBytes(
        'GET',
        `/api/documents/${document.id}/versions/${version}/content`,
      );
      expect(content.bytes.equals(Buffer.concat(bytes)), `version ${version}`).toBe(true);
    }
    const missing = await client.get(`/api/documents/${document.id}/versions/3/content`);
    expect(missing.status).toBe(404);
    expect((missing.body as ErrorBody).error.code).toBe('ERR_DOCUMENT_NOT_FOUND');
  });

  it('deletes a document with every version and chunk; its ids answer 404 after', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    const { document } = await uploadDocument(client, ciphertext(2, 100));
    await uploadDocument(client, ciphertext(1, 100), { documentId: document.id });
    const kept = await uploadDocument(client, ciphertext(1, 300));
    expect(vault.countRows('document_chunks')).toBe(4);

    const deleted = await client.request('DELETE', `/api/documents/${document.id}`);
    expect(deleted.status).toBe(204);
    expect(await listed(client)).toEqual([kept.document.id]);
    expect(vault.countRows('documents')).toBe(1);
    expect(vault.countRows('document_versions')).toBe(1);
    expect(vault.countRows('document_chunks')).toBe(1);
    for (const res of [
      await client.get(`/api/documents/${document.id}`),
      await client.get(`/api/documents/${document.id}/versions/1/content`),
      await client.request('DELETE', `/api/documents/${document.id}`),
    ]) {
      expect(res.status).toBe(404);
      expect((res.body as ErrorBody).error.code).toBe('ERR_DOCUMENT_NOT_FOUND');
    }
    const state = await client.get<VaultStateResponse>('/api/vault');
    expect(state.body.quota.usedBytes).toBe(kept.document.current.size);
  });
});

describe('bad input is refused with a stable code and writes nothing', () => {
  it('chunks out of order → 409 ERR_UPLOAD_OUT_OF_ORDER (ahead, and again from the start)', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    const chunks = ciphertext(3, 100);
    const { uploadId } = await startUpload(client, chunks);
    const ahead = await expectRefused(
      vault,
      client,
      () => putChunks(client, uploadId, 1, chunks.slice(1)),
      409,
      'ERR_UPLOAD_OUT_OF_ORDER',
    );
    expect(ahead.body.error.message).toMatch(/send from chunk 0/);
    expect((await putChunks(client, uploadId, 0, chunks.slice(0, 1))).status).toBe(200);
    await expectRefused(
      vault,
      client,
      () => putChunks(client, uploadId, 0, chunks.slice(0, 2)),
      409,
      'ERR_UPLOAD_OUT_OF_ORDER',
    );
    expect(vault.countRows('document_chunks')).toBe(1);
  });

  it('a missing final chunk at completion → 400 ERR_UPLOAD_INCOMPLETE, the document stays invisible', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    const chunks = ciphertext(3, 100);
    const { uploadId, documentId } = await startUpload(client, chunks);
    await putChunks(client, uploadId, 0, chunks.slice(0, 2));
    await expectRefused(
      vault,
      client,
      () => client.post(`/api/uploads/${uploadId}/complete`, partsJson(sealedParts())),
      400,
      'ERR_UPLOAD_INCOMPLETE',
    );
    expect((await client.get(`/api/documents/${documentId}`)).status).toBe(404);
    // No header, key or metadata was stored.
    expect(
      vault.sql(
        'UPDATE document_versions SET size = size WHERE header IS NOT NULL OR wrapped_key IS NOT NULL',
      ).changes,
    ).toBe(0);
  });

  it('a wrong-size middle chunk → 400 ERR_UPLOAD_FRAMING, none of the request is stored', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    const chunks = ciphertext(3, 100);
    const { uploadId } = await startUpload(client, chunks);
    const shortMiddle = [chunks[0]!, chunks[1]!.subarray(1), chunks[2]!];
    await expectRefused(
      vault,
      client,
      () => putChunks(client, uploadId, 0, shortMiddle),
      400,
      'ERR_UPLOAD_FRAMING',
    );
    await expectRefused(
      vault,
      client,
      () => putChunks(client, uploadId, 0, [chunks[0]!, chunks[1]!.subarray(1)]),
      400,
      'ERR_UPLOAD_FRAMING',
    );
    // A last chunk longer than the declared size leaves room for, and a chunk past the count.
    await putChunks(client, uploadId, 0, chunks.slice(0, 2));
    for (const body of [[Buffer.concat([chunks[2]!, Buffer.alloc(1)])], [chunks[2]!, chunks[2]!]]) {
      await expectRefused(
        vault,
        client,
        () => putChunks(client, uploadId, 2, body),
        400,
        'ERR_UPLOAD_FRAMING',
      );
    }
    await expectRefused(
      vault,
      client,
      () => putChunks(client, uploadId, 2, []),
      400,
      'ERR_UPLOAD_FRAMING',
    );
    expect(vault.countRows('document_chunks')).toBe(2);
  });

  it('a size that cannot be the declared number of chunks → 400 ERR_UPLOAD_FRAMING', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    for (const [size, chunkCount] of [
      [3 * FULL + 1, 3],
      [2 * FULL + 17, 3],
    ]) {
      await expectRefused(
        vault,
        client,
        () => client.post('/api/uploads', { category: 'tax', size, chunkCount }),
        400,
        'ERR_UPLOAD_FRAMING',
      );
    }
  });

  it('an oversize upload → 413 ERR_DOCUMENT_TOO_LARGE', async () => {
    const vault = await vaultWith({ env: { VAULT_MAX_DOCUMENT_BYTES: String(2 * FULL) } });
    const client = await resident(vault);
    await expectRefused(
      vault,
      client,
      () => client.post('/api/uploads', { category: 'tax', size: 2 * FULL + 18, chunkCount: 3 }),
      413,
      'ERR_DOCUMENT_TOO_LARGE',
    );
    // Exactly the maximum is fine.
    await uploadDocument(client, ciphertext(2, FULL));
  });

  it('a quota overflow → 409 ERR_QUOTA_EXCEEDED, counting uploads still in progress', async () => {
    const vault = await vaultWith({ env: { VAULT_QUOTA_BYTES: String(3 * FULL) } });
    const client = await resident(vault);
    await uploadDocument(client, ciphertext(2, FULL));
    const pending = await startUpload(client, ciphertext(1, 1000));
    const res = await expectRefused(
      vault,
      client,
      () => client.post('/api/uploads', { category: 'tax', size: FULL, chunkCount: 1 }),
      409,
      'ERR_QUOTA_EXCEEDED',
    );
    expect(res.body.error.message).toMatch(/no room/);
    // Cancelling the pending upload frees its reservation.
    expect((await client.request('DELETE', `/api/uploads/${pending.uploadId}`)).status).toBe(204);
    await uploadDocument(client, ciphertext(1, FULL));
    const state = await client.get<VaultStateResponse>('/api/vault');
    expect(state.body.quota).toMatchObject({ usedBytes: 3 * FULL, limitBytes: 3 * FULL });
  });

  it('an unknown category → 400 ERR_VALIDATION', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    for (const category of ['secrets', 'TAX', '', 42]) {
      await expectRefused(
        vault,
        client,
        () => client.post('/api/uploads', { category, size: 100, chunkCount: 1 }),
        400,
        'ERR_VALIDATION',
      );
    }
  });

  it('a new version in another category → 400 ERR_VALIDATION', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    const { document } = await uploadDocument(client, ciphertext(1, 100), { category: 'tax' });
    await expectRefused(
      vault,
      client,
      () =>
        client.post('/api/uploads', {
          category: 'work',
          size: 100,
          chunkCount: 1,
          documentId: document.id,
        }),
      400,
      'ERR_VALIDATION',
    );
  });

  it('a forged document id → 404 ERR_DOCUMENT_NOT_FOUND on every document route (400 if not an id in a body)', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    await uploadDocument(client, ciphertext(1, 100));
    for (const id of [randomUUID(), 'not-a-uuid', '0', 'A'.repeat(36)]) {
      for (const act of [
        () => client.get(`/api/documents/${id}`),
        () => client.get(`/api/documents/${id}/versions/1/content`),
        () => client.request('DELETE', `/api/documents/${id}`),
      ]) {
        await expectRefused(vault, client, act, 404, 'ERR_DOCUMENT_NOT_FOUND');
      }
    }
    await expectRefused(
      vault,
      client,
      () =>
        client.post('/api/uploads', {
          category: 'tax',
          size: 100,
          chunkCount: 1,
          documentId: randomUUID(),
        }),
      404,
      'ERR_DOCUMENT_NOT_FOUND',
    );
    await expectRefused(
      vault,
      client,
      () =>
        client.post('/api/uploads', {
          category: 'tax',
          size: 100,
          chunkCount: 1,
          documentId: 'not-a-uuid',
        }),
      400,
      'ERR_VALIDATION',
    );
    for (const id of [randomUUID(), 'not-a-uuid']) {
      for (const act of [
        () => putChunks(client, id, 0, [Buffer.alloc(100)]),
        () => client.post(`/api/uploads/${id}/complete`, partsJson(sealedParts())),
        () => client.request('DELETE', `/api/uploads/${id}`),
      ]) {
        await expectRefused(vault, client, act, 404, 'ERR_UPLOAD_NOT_FOUND');
      }
    }
  });

  it('more than MAX_CHUNKS_PER_REQUEST chunks in one request → 413 ERR_PAYLOAD_TOO_LARGE', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    const chunks = ciphertext(MAX_CHUNKS_PER_REQUEST + 1, FULL);
    const { uploadId } = await startUpload(client, chunks);
    await expectRefused(
      vault,
      client,
      () => putChunks(client, uploadId, 0, chunks),
      413,
      'ERR_PAYLOAD_TOO_LARGE',
    );
    // Chunked transfer encoding (no Content-Length): the limit holds while reading.
    await expectRefused(
      vault,
      client,
      () => putChunked(client, `/api/uploads/${uploadId}/chunks?from=0`, chunks),
      413,
      'ERR_PAYLOAD_TOO_LARGE',
    );
    // Exactly the limit is fine, and the connection still works.
    await sendAllChunks(client, uploadId, chunks);
  });

  it('chunks that are not application/octet-stream → 415; a bad `from` → 400 ERR_VALIDATION', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    const chunks = ciphertext(1, 100);
    const { uploadId } = await startUpload(client, chunks);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      await expectRefused(
        vault,
        client,
        () =>
          client.requestBytes('PUT', `/api/uploads/${uploadId}/chunks?from=0`, {
            body: chunks[0]!,
            headers: { 'content-type': type },
          }),
        415,
        'ERR_UNSUPPORTED_MEDIA_TYPE',
      );
    }
    for (const from of ['', '-1', '1.5', 'x', '01']) {
      await expectRefused(
        vault,
        client,
        () =>
          client.requestBytes('PUT', `/api/uploads/${uploadId}/chunks?from=${from}`, {
            body: chunks[0]!,
          }),
        400,
        'ERR_VALIDATION',
      );
    }
    // octet-stream is accepted on the chunk route only.
    await expectRefused(
      vault,
      client,
      () => client.requestBytes('POST', '/api/uploads', { body: Buffer.from('{}') }),
      415,
      'ERR_UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('chunks from another origin → 403 ERR_CSRF', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    const chunks = ciphertext(1, 100);
    const { uploadId } = await startUpload(client, chunks);
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: '', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of foreign) {
      await expectRefused(
        vault,
        client,
        () =>
          client.requestBytes('PUT', `/api/uploads/${uploadId}/chunks?from=0`, {
            body: chunks[0]!,
            headers,
          }),
        403,
        'ERR_CSRF',
      );
    }
  });

  it('uploads before enrolment → 409 ERR_NOT_ENROLLED; without a session → 401', async () => {
    const vault = await vaultWith();
    const client = new HttpClient(vault.origin);
    const anonymous = await client.post('/api/uploads', {
      category: 'tax',
      size: 100,
      chunkCount: 1,
    });
    expect(anonymous.status).toBe(401);
    expect((anonymous.body as ErrorBody).error.code).toBe('ERR_UNAUTHENTICATED');
    expect(vault.countRows('document_versions')).toBe(0);
    await signInWithLocalEid(client);
    await expectRefused(
      vault,
      client,
      () => client.post('/api/uploads', { category: 'tax', size: 100, chunkCount: 1 }),
      409,
      'ERR_NOT_ENROLLED',
    );
  });
});

describe('another resident’s ids', () => {
  it('answer 404 on every document and upload route, exactly like missing ids, and change nothing', async () => {
    const vault = await vaultWith();
    const maria = await resident(vault, 'demo-maria-rossi');
    const luca = await resident(vault, 'demo-luca-bianchi');
    const chunks = ciphertext(2, 100);
    const { document } = await uploadDocument(maria, chunks);
    const open = await startUpload(maria, chunks, { documentId: document.id });
    await putChunks(maria, open.uploadId, 0, chunks.slice(0, 1));

    const missingDoc = randomUUID();
    const missingUpload = randomUUID();
    const routes = (doc: string, upload: string) => [
      () => luca.get(`/api/documents/${doc}`),
      () => luca.get(`/api/documents/${doc}/versions/1/content`),
      () => luca.request('DELETE', `/api/documents/${doc}`),
      () =>
        luca.post('/api/uploads', {
          category: 'tax',
          size: totalBytes(chunks),
          chunkCount: 2,
          documentId: doc,
        }),
      () => putChunks(luca, upload, 1, chunks.slice(1)),
      () => luca.post(`/api/uploads/${upload}/complete`, partsJson(sealedParts())),
      () => luca.request('DELETE', `/api/uploads/${upload}`),
    ];
    const theirs = routes(document.id, open.uploadId);
    const missing = routes(missingDoc, missingUpload);
    for (const [i, act] of theirs.entries()) {
      const expected = i < 4 ? 'ERR_DOCUMENT_NOT_FOUND' : 'ERR_UPLOAD_NOT_FOUND';
      const res = await expectRefused(vault, maria, act, 404, expected);
      const control = await missing[i]!();
      expect(res.status, `route ${i}`).toBe(control.status);
      expect(res.text, `route ${i}`).toBe(control.text);
      expect(res.headers.get('content-type')).toBe(control.headers.get('content-type'));
    }
    expect(await listed(luca)).toEqual([]);

    // Maria's document and upload are untouched.
    await putChunks(maria, open.uploadId, 1, chunks.slice(1));
    const done = await maria.post<CompleteUploadResponse>(
      `/api/uploads/${open.uploadId}/complete`,
      partsJson(sealedParts()),
    );
    expect(done.body.document.versionCount).toBe(2);
    const content = await maria.requestBytes(
      'GET',
      `/api/documents/${document.id}/versions/1/content`,
    );
    expect(content.bytes.equals(Buffer.concat(chunks))).toBe(true);
  });
});

describe('unfinished uploads leave nothing behind', () => {
  it('cancel deletes the upload, its chunks and its new document', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    const kept = await uploadDocument(client, ciphertext(1, 100));
    const before = ['documents', 'document_versions', 'document_chunks'].map((t) =>
      vault.countRows(t),
    );
    const chunks = ciphertext(3, 100);
    const { uploadId, documentId } = await startUpload(client, chunks);
    await putChunks(client, uploadId, 0, chunks.slice(0, 2));
    const version = await startUpload(client, ciphertext(1, 50), {
      documentId: kept.document.id,
    });
    await putChunks(client, version.uploadId, 0, [Buffer.alloc(50)]);

    expect((await client.request('DELETE', `/api/uploads/${uploadId}`)).status).toBe(204);
    expect((await client.request('DELETE', `/api/uploads/${version.uploadId}`)).status).toBe(204);
    expect(
      ['documents', 'document_versions', 'document_chunks'].map((t) => vault.countRows(t)),
    ).toEqual(before);
    expect(await listed(client)).toEqual([kept.document.id]);
    expect((await client.get(`/api/documents/${documentId}`)).status).toBe(404);
    const again = await client.request('DELETE', `/api/uploads/${uploadId}`);
    expect(again.status).toBe(404);
    expect((again.body as ErrorBody).error.code).toBe('ERR_UPLOAD_NOT_FOUND');
    const state = await client.get<VaultStateResponse>('/api/vault');
    expect(state.body.quota.usedBytes).toBe(kept.document.current.size);
  });

  it('an upload idle for VAULT_UPLOAD_TTL_MINUTES expires and the purge timer deletes it', async () => {
    const vault = await vaultWith({
      env: { VAULT_UPLOAD_TTL_MINUTES: '30' },
      purgeIntervalMs: 20,
    });
    const client = await resident(vault);
    const chunks = ciphertext(2, 100);
    const stale = await startUpload(client, chunks);
    await putChunks(client, stale.uploadId, 0, chunks.slice(0, 1));
    clock = new Date(clock.getTime() + 20 * 60_000);
    const active = await startUpload(client, chunks);
    expect(vault.countRows('document_versions')).toBe(2);

    // 31 minutes after the stale upload's last chunk, 11 after the active one started.
    clock = new Date(clock.getTime() + 11 * 60_000);
    const late = await putChunks(client, stale.uploadId, 1, chunks.slice(1));
    expect(late.status).toBe(404);
    expect((late.body as unknown as ErrorBody).error.code).toBe('ERR_UPLOAD_NOT_FOUND');
    await vi.waitFor(() => expect(vault.countRows('document_versions')).toBe(1), {
      timeout: 5_000,
      interval: 20,
    });
    expect(vault.countRows('documents')).toBe(1);
    expect(vault.countRows('document_chunks')).toBe(0);
    expect(vault.logText()).toMatch(/expired uploads deleted/);

    // The purge that took the stale upload left the active one alone.
    await sendAllChunks(client, active.uploadId, chunks);
    const done = await client.post(
      `/api/uploads/${active.uploadId}/complete`,
      partsJson(sealedParts()),
    );
    expect(done.status).toBe(200);
    expect(await listed(client)).toEqual([active.documentId]);
  });
});

describe('deleting a document shreds it', () => {
  it('after a checkpoint, the raw database files hold none of its keys, metadata or chunks', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    const chunks = ciphertext(3, 5000);
    const target = await uploadDocument(client, chunks);
    const second = ciphertext(1, 800);
    const v2 = await uploadDocument(client, second, { documentId: target.document.id });
    const other = await uploadDocument(client, ciphertext(2, 700));

    const small = (p: typeof target.parts) => [p.header, p.wrappedKey, p.metadata];
    const secrets = [...small(target.parts), ...small(v2.parts)];
    const chunkProbes = [...chunks, ...second].map(probes);

    // Positive control: the search finds what is stored.
    vault.checkpoint();
    let files = vault.rawDatabaseFiles();
    expect(foundIn(files, secrets)).toHaveLength(secrets.length);
    for (const p of chunkProbes) expect(foundIn(files, p).length).toBeGreaterThan(0);

    expect((await client.request('DELETE', `/api/documents/${target.document.id}`)).status).toBe(
      204,
    );
    vault.checkpoint();
    files = vault.rawDatabaseFiles();
    expect(files.find((f) => f.name.endsWith('-wal'))?.bytes.length ?? 0).toBe(0);
    expect(foundIn(files, secrets)).toEqual([]);
    expect(foundIn(files, chunkProbes.flat())).toEqual([]);
    // The other document is still all there.
    expect(foundIn(files, small(other.parts))).toHaveLength(3);
  });
});

describe('streaming a version', () => {
  it('stops reading when the client goes away halfway', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    const chunks = ciphertext(256, FULL); // 16 MiB
    const { document } = await uploadDocument(client, chunks);
    const size = totalBytes(chunks);

    const received = await new Promise<number>((resolve, reject) => {
      const req = http.get(
        `${vault.origin}/api/documents/${document.id}/versions/1/content`,
        { headers: { cookie: client.cookieHeader() } },
        (res) => {
          expect(res.statusCode).toBe(200);
          let got = 0;
          res.on('data', (part: Buffer) => {
            got += part.length;
            if (got >= 1024 * 1024) {
              req.destroy();
              resolve(got);
            }
          });
        },
      );
      req.on('error', (error) => {
        if (!req.destroyed) reject(error);
      });
    });
    expect(received).toBeLessThan(size);

    await vi.waitFor(
      () => expect(vault.logText()).toMatch(/download stopped: the client went away/),
      { timeout: 5_000, interval: 20 },
    );
    const line = vault
      .logText()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg?: string; sent?: number })
      .find((l) => l.msg === 'download stopped: the client went away');
    expect(line?.sent).toBeLessThan(size);

    // The vault goes on serving.
    const again = await client.requestBytes(
      'GET',
      `/api/documents/${document.id}/versions/1/content`,
    );
    expect(again.bytes.length).toBe(size);
  });

  it('downloads a 48 MiB document without holding it in memory', async () => {
    const vault = await vaultWith();
    const client = await resident(vault);
    const chunkCount = 768; // 48 MiB
    // Chunks are made request by request; the test keeps only a digest of what it sent.
    const sent = createHash('sha256');
    const size = (chunkCount - 1) * FULL + 4096;
    const created = await client.post<CreateUploadResponse>('/api/uploads', {
      category: 'other',
      size,
      chunkCount,
    });
    for (let from = 0; from < chunkCount; from += MAX_CHUNKS_PER_REQUEST) {
      const batch = Array.from(
        { length: Math.min(MAX_CHUNKS_PER_REQUEST, chunkCount - from) },
        (_, i) => randomBytes(from + i === chunkCount - 1 ? 4096 : FULL),
      );
      for (const c of batch) sent.update(c);
      expect((await putChunks(client, created.body.uploadId, from, batch)).status).toBe(200);
    }
    const done = await client.post(
      `/api/uploads/${created.body.uploadId}/complete`,
      partsJson(sealedParts()),
    );
    expect(done.status).toBe(200);

    // Live memory, not garbage: collect before each sample, so buffers already written and
    // dropped do not count (V8 lets up to ~64 MiB of dead external memory pile up otherwise).
    const gc = exposedGc();
    gc();
    gc();
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = 0;
    // node:http rather than fetch: it reads only as fast as this loop consumes, so what is
    // measured is the vault's buffering, not the client's read-ahead.
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(
          `${vault.origin}/api/documents/${created.body.documentId}/versions/1/content`,
          { headers: { cookie: client.cookieHeader() } },
          resolve,
        )
        .on('error', reject);
    });
    expect(res.headers['content-length']).toBe(String(size));
    const got = createHash('sha256');
    let length = 0;
    let nextSample = 0;
    for await (const part of res as AsyncIterable<Buffer>) {
      got.update(part);
      length += part.length;
      if (length >= nextSample) {
        // Twice: array buffers freed by one collection are released by a concurrent sweeper,
        // which the next collection waits for.
        gc();
        gc();
        peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline);
        nextSample += 4 * 1024 * 1024;
      }
    }
    expect(length).toBe(size);
    expect(got.digest('hex')).toBe(sent.digest('hex'));
    // A vault that read the whole document before sending would hold 48 MiB here.
    expect(peak).toBeLessThan(16 * 1024 * 1024);
  });
});
