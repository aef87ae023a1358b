import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import {
  createDocumentEncryptor,
  encryptMetadata,
  generateDocumentKey,
  sealDocumentKey,
  toBase64url,
} from '../../crypto/src/index.js';
import type {
  DocumentResponse,
  PrepareDepositResponse,
  PutVersionPrelude,
} from '../../server/src/contracts/index.js';
import type { TestResponse } from './http-client.js';
import {
  depositBody,
  decryptGranted,
  frameBody,
  type ApiResponse,
  type KeyedResident,
  type ServiceApi,
  type StoredDocument,
} from './service-api.js';

/**
 * Helpers for the durability tests (issue 6: backup and restore, a full disk): documents the
 * resident encrypts with real crypto/, stored and read back over HTTP, and SQLite's own check.
 */

/**
 * Null for a request that got no answer at all: fetch failed because the connection dropped (on a
 * loaded machine, a keep-alive socket the server closed just as the client reused it). Rethrows
 * anything else.
 */
export function noAnswer(error: unknown): null {
  if (error instanceof TypeError && error.message === 'fetch failed') return null;
  throw error;
}

/**
 * Encrypts `plaintext` for the resident and sends it in one request, returning the answer whatever
 * it is (`storeEncrypted` throws unless 201), or null when none came ({@link noAnswer}).
 */
export async function tryStoreEncrypted(
  r: KeyedResident,
  plaintext: Buffer,
): Promise<{ res: TestResponse | null; document: StoredDocument }> {
  const id = randomUUID();
  const ctx = { documentId: id, version: 1, ownerId: r.id };
  const dk = generateDocumentKey();
  const encryptor = createDocumentEncryptor(dk, ctx, plaintext.length);
  const chunks = [...encryptor.push(plaintext), ...encryptor.finish()];
  const metadata = { name: `${id}.pdf`, type: 'application/pdf', size: plaintext.length };
  const prelude: PutVersionPrelude = {
    category: 'identity',
    chunkCount: chunks.length,
    header: toBase64url(encryptor.header),
    wrappedKey: toBase64url(sealDocumentKey(dk, r.keys.x25519PublicKey)),
    metadata: toBase64url(encryptMetadata(dk, ctx, metadata)),
  };
  const res = await r.client
    .requestBytes('PUT', `/api/documents/${id}/versions/1`, { body: frameBody(prelude, chunks) })
    .catch(noAnswer);
  return { res, document: { id, category: 'identity', plaintext, metadata } };
}

/**
 * Downloads a version of a document (default 1) as the resident's browser does and decrypts it
 * with their keys: throws unless the download is 200 and every chunk decrypts (a partial document
 * does not).
 */
export async function readBack(r: KeyedResident, documentId: string, version = 1): Promise<Buffer> {
  const found = await r.client.get<DocumentResponse>(`/api/documents/${documentId}`);
  if (found.status !== 200) throw new Error(`document ${documentId} answered ${found.status}`);
  const content = await r.client.requestBytes(
    'GET',
    `/api/documents/${documentId}/versions/${version}/content`,
  );
  if (content.status !== 200) throw new Error(`content answered ${content.status}`);
  const view = found.body.versions.find((v) => v.version === version);
  if (view === undefined) throw new Error(`document ${documentId} has no version ${version}`);
  const { header, wrappedKey, metadata } = view;
  const framed = frameBody({ documentId, version, ownerId: r.id, header, wrappedKey, metadata }, [
    content.bytes,
  ]);
  return decryptGranted(framed, {
    publicKey: r.keys.x25519PublicKey,
    secretKey: r.keys.x25519SecretKey,
  }).plaintext;
}

/** `PRAGMA integrity_check` through a read-only connection of its own ('ok' when whole). */
export function integrityOf(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/**
 * A city service deposits `content` for the resident (prepare, encrypt for the key it was given,
 * upload), returning the upload's answer whatever it is, or null when none came. The document is
 * returned as the resident will read it (category `residence`).
 */
export async function tryDeposit(
  api: ServiceApi,
  r: KeyedResident,
  content: Buffer,
): Promise<{ res: ApiResponse<unknown> | null; document: StoredDocument }> {
  const documentId = randomUUID();
  const metadata = { name: 'certificate.pdf', type: 'application/pdf', size: content.length };
  const document: StoredDocument = {
    id: documentId,
    category: 'residence',
    plaintext: content,
    metadata,
  };
  const prepared = await api
    .post<PrepareDepositResponse>('/deposits', { nationalId: r.nationalId })
    .catch(noAnswer);
  if (prepared === null || prepared.status !== 200) return { res: prepared, document };
  const { body } = depositBody(r.nationalId, prepared.body, documentId, content, metadata);
  const res = await api.put(`/deposits/${documentId}`, body).catch(noAnswer);
  return { res, document };
}
