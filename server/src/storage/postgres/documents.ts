import type {
  AppendChunksInput,
  AppendChunksResult,
  CompleteUploadInput,
  CompleteUploadResult,
  CreateUploadInput,
  CreateUploadResult,
  DocumentRecord,
  DocumentVersionRecord,
  PutVersionInput,
  PutVersionResult,
} from '../ports.js';
import type { Sql } from './pg-database.js';

export async function createUpload(
  sql: Sql,
  input: CreateUploadInput,
): Promise<CreateUploadResult> {
  void [sql, input];
  throw new Error('postgres adapter: createUpload is not built yet');
}

export async function appendChunks(
  sql: Sql,
  input: AppendChunksInput,
): Promise<AppendChunksResult> {
  void [sql, input];
  throw new Error('postgres adapter: appendChunks is not built yet');
}

export async function completeUpload(
  sql: Sql,
  input: CompleteUploadInput,
): Promise<CompleteUploadResult> {
  void [sql, input];
  throw new Error('postgres adapter: completeUpload is not built yet');
}

export async function putVersion(sql: Sql, input: PutVersionInput): Promise<PutVersionResult> {
  void [sql, input];
  throw new Error('postgres adapter: putVersion is not built yet');
}

export async function cancelUpload(
  sql: Sql,
  residentId: string,
  uploadId: string,
): Promise<boolean> {
  void [sql, residentId, uploadId];
  throw new Error('postgres adapter: cancelUpload is not built yet');
}

export async function purgeExpiredUploads(sql: Sql, now: Date): Promise<number> {
  void [sql, now];
  throw new Error('postgres adapter: purgeExpiredUploads is not built yet');
}

export async function listDocuments(sql: Sql, ownerId: string): Promise<DocumentRecord[]> {
  void [sql, ownerId];
  throw new Error('postgres adapter: listDocuments is not built yet');
}

export async function getDocument(
  sql: Sql,
  ownerId: string,
  documentId: string,
): Promise<{ document: DocumentRecord; versions: DocumentVersionRecord[] } | null> {
  void [sql, ownerId, documentId];
  throw new Error('postgres adapter: getDocument is not built yet');
}

export async function readChunks(
  sql: Sql,
  ownerId: string,
  documentId: string,
  version: number,
  fromIndex: number,
  count: number,
): Promise<Uint8Array[]> {
  void [sql, ownerId, documentId, version, fromIndex, count];
  throw new Error('postgres adapter: readChunks is not built yet');
}

export async function deleteDocument(
  sql: Sql,
  ownerId: string,
  documentId: string,
): Promise<boolean> {
  void [sql, ownerId, documentId];
  throw new Error('postgres adapter: deleteDocument is not built yet');
}
