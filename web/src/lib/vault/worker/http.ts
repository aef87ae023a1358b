/**
 * The worker's own requests for binary content: chunk uploads, one-request uploads and content
 * downloads. JSON calls
 * use lib/api.ts, which works in a worker as it does on the page (same origin, cookies sent, the
 * browser adds `Origin`).
 */
import { ApiError, toApiError } from '../../api';
import type { CompleteUploadResponse, PutVersionPrelude } from '../../api-types';

/**
 * `PUT /api/uploads/:id/chunks?from=N` with whole ciphertext chunks back to back. The body is a
 * Blob of the chunks: no copy into one buffer, and Chromium sends a Blob body several times
 * faster than the same bytes as an ArrayBuffer (measured: about 50 ms against 200 ms per MiB).
 */
export async function putChunks(
  uploadId: string,
  fromIndex: number,
  chunks: Uint8Array<ArrayBuffer>[],
  signal: AbortSignal,
): Promise<void> {
  const body = new Blob(chunks, { type: 'application/octet-stream' });
  const path = `/api/uploads/${encodeURIComponent(uploadId)}/chunks?from=${fromIndex}`;
  const res = await send(path, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
    body,
    signal,
  });
  await res.body?.cancel();
}

/**
 * `PUT /api/documents/:id/versions/:version`: a whole small version in one request, framed as the
 * contract says (u32 big-endian prelude length ‖ prelude JSON ‖ chunks), sent as a Blob.
 */
export async function putVersion(
  documentId: string,
  version: number,
  prelude: PutVersionPrelude,
  chunks: Uint8Array<ArrayBuffer>[],
  signal: AbortSignal,
): Promise<CompleteUploadResponse> {
  const json = new TextEncoder().encode(JSON.stringify(prelude));
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, json.length);
  const body = new Blob([length, json, ...chunks], { type: 'application/octet-stream' });
  const path = `/api/documents/${encodeURIComponent(documentId)}/versions/${version}`;
  const res = await send(path, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
    body,
    signal,
  });
  return (await res.json()) as CompleteUploadResponse;
}

/** `GET path` as a byte stream (the content of a document version). */
export async function getStream(
  path: string,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array<ArrayBuffer>>> {
  const res = await send(path, {
    method: 'GET',
    headers: { Accept: 'application/octet-stream' },
    signal,
  });
  if (!res.body) throw new ApiError(res.status, 'ERR_UNEXPECTED_RESPONSE', `${path}: no body`);
  return res.body;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch (cause) {
    init.signal?.throwIfAborted();
    throw new ApiError(0, 'ERR_NETWORK', `${init.method} ${path}: network error`, { cause });
  }
  if (!res.ok) {
    const data: unknown = await res.json().catch(() => undefined);
    throw toApiError(res.status, data);
  }
  return res;
}
