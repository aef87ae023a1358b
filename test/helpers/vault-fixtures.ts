import { randomBytes, randomUUID } from 'node:crypto';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import {
  CHUNK_CIPHERTEXT_BYTES,
  MAX_CHUNKS_PER_REQUEST,
  type AppendChunksResponse,
  type CompleteUploadResponse,
  type CreateUploadResponse,
  type DocumentCategory,
  type EnrolRequest,
  type KeySlotInput,
  type KeySlotKind,
  type VaultStateResponse,
} from '../../server/src/contracts/index.js';
import type { HttpClient } from './http-client.js';
import type { SoftAuthenticator, SoftCredential } from './soft-authenticator.js';

/**
 * Fixtures for the vault's server side (issue 3). The server cannot tell ciphertext from random
 * bytes, so random bytes with the right lengths stand in for every envelope, key and chunk.
 */

export const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/** A key slot with a random envelope. */
export function fakeSlot(kind: KeySlotKind, credentialId?: string): KeySlotInput {
  return {
    id: randomUUID(),
    kind,
    ...(credentialId === undefined ? {} : { credentialId }),
    envelope: b64(randomBytes(180)),
  };
}

/** Key pairs with random bytes of the right lengths. */
export function fakeKeys(): EnrolRequest['keys'] {
  return {
    x25519PublicKey: b64(randomBytes(32)),
    ed25519PublicKey: b64(randomBytes(32)),
    secretKeysEnvelope: b64(randomBytes(130)),
  };
}

/** Registers a passkey for a signed-in client through the real ceremony. */
export async function registerPasskey(
  client: HttpClient,
  authenticator: SoftAuthenticator,
): Promise<SoftCredential> {
  const options = await client.post<{ optionsJSON: PublicKeyCredentialCreationOptionsJSON }>(
    '/api/passkeys/options',
  );
  if (options.status !== 200) throw new Error(`passkey options answered ${options.status}`);
  const { response, credential } = authenticator.register(options.body.optionsJSON);
  const added = await client.post('/api/passkeys', { name: 'Laptop', response });
  if (added.status !== 201) throw new Error(`passkey registration answered ${added.status}`);
  return credential;
}

/** Registers a passkey and enrols with it and a recovery kit; throws unless it worked. */
export async function enrol(client: HttpClient, authenticator: SoftAuthenticator) {
  const credential = await registerPasskey(client, authenticator);
  const request: EnrolRequest = {
    keys: fakeKeys(),
    slots: [fakeSlot('passkey', credential.credentialIdB64), fakeSlot('recovery')],
  };
  const res = await client.post<VaultStateResponse>('/api/vault/enrol', request);
  if (res.status !== 201) throw new Error(`enrol answered ${res.status}: ${res.text}`);
  return { credential, request, state: res.body };
}

/** Random "ciphertext" chunks framed as the vault expects: full chunks, then a last one. */
export function ciphertext(chunkCount: number, lastBytes: number): Buffer[] {
  return Array.from({ length: chunkCount }, (_, i) =>
    randomBytes(i === chunkCount - 1 ? lastBytes : CHUNK_CIPHERTEXT_BYTES),
  );
}

export const totalBytes = (chunks: Uint8Array[]): number =>
  chunks.reduce((n, c) => n + c.length, 0);

/** What completes an upload: a stream header, a sealed key and a metadata envelope. */
export function sealedParts() {
  return { header: randomBytes(24), wrappedKey: randomBytes(80), metadata: randomBytes(400) };
}

export type SealedParts = ReturnType<typeof sealedParts>;

export const partsJson = (p: SealedParts) => ({
  header: b64(p.header),
  wrappedKey: b64(p.wrappedKey),
  metadata: b64(p.metadata),
});

/** `POST /api/uploads` for these chunks; throws unless 201. */
export async function startUpload(
  client: HttpClient,
  chunks: Uint8Array[],
  options: { category?: DocumentCategory; documentId?: string } = {},
): Promise<CreateUploadResponse> {
  const res = await client.post<CreateUploadResponse>('/api/uploads', {
    category: options.category ?? 'tax',
    size: totalBytes(chunks),
    chunkCount: chunks.length,
    ...(options.documentId ? { documentId: options.documentId } : {}),
  });
  if (res.status !== 201) throw new Error(`POST /api/uploads answered ${res.status}: ${res.text}`);
  return res.body;
}

/** `PUT /api/uploads/:id/chunks?from=N` with these chunks back to back. */
export function putChunks(
  client: HttpClient,
  uploadId: string,
  from: number,
  chunks: Uint8Array[],
) {
  return client.requestBytes<AppendChunksResponse>(
    'PUT',
    `/api/uploads/${uploadId}/chunks?from=${from}`,
    { body: Buffer.concat(chunks) },
  );
}

/** Sends every chunk, at most MAX_CHUNKS_PER_REQUEST per request; throws unless each is 200. */
export async function sendAllChunks(
  client: HttpClient,
  uploadId: string,
  chunks: Uint8Array[],
): Promise<void> {
  for (let from = 0; from < chunks.length; from += MAX_CHUNKS_PER_REQUEST) {
    const res = await putChunks(
      client,
      uploadId,
      from,
      chunks.slice(from, from + MAX_CHUNKS_PER_REQUEST),
    );
    if (res.status !== 200) throw new Error(`chunks from ${from} answered ${res.status}`);
  }
}

/** Uploads and completes a document (or a new version of one); throws unless it worked. */
export async function uploadDocument(
  client: HttpClient,
  chunks: Uint8Array[],
  options: { category?: DocumentCategory; documentId?: string } = {},
) {
  const upload = await startUpload(client, chunks, options);
  await sendAllChunks(client, upload.uploadId, chunks);
  const parts = sealedParts();
  const res = await client.post<CompleteUploadResponse>(
    `/api/uploads/${upload.uploadId}/complete`,
    partsJson(parts),
  );
  if (res.status !== 200) throw new Error(`complete answered ${res.status}: ${res.text}`);
  return { upload, parts, document: res.body.document };
}

/** Which of `needles` occur, as raw bytes, in any of the files. */
export function foundIn(files: { name: string; bytes: Buffer }[], needles: Buffer[]): Buffer[] {
  return needles.filter((n) => files.some((f) => f.bytes.includes(n)));
}

/**
 * Short probes cut from a chunk, at eight places. A 64 KiB chunk spans several SQLite overflow
 * pages, each starting with a 4-byte pointer, so it is never stored in one piece, and a probe that
 * happens to straddle a page boundary is not found even while the chunk is there. Each probe of
 * random bytes that is found means that part of the chunk is still on disk.
 */
export function probes(chunk: Buffer): Buffer[] {
  const step = Math.floor((chunk.length - 24) / 7);
  return Array.from({ length: 8 }, (_, i) => chunk.subarray(i * step, i * step + 24));
}
