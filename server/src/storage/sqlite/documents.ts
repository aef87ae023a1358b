import type Database from 'better-sqlite3';
import {
  chunksFit,
  expectedChunkBytes,
  framingFits,
  type AppendChunksInput,
  type AppendChunksResult,
  type CompleteUploadInput,
  type CompleteUploadResult,
  type CreateUploadInput,
  type CreateUploadResult,
  type DocumentCategory,
  type DocumentRecord,
  type DocumentVersionRecord,
  type PutVersionInput,
  type PutVersionResult,
} from '../ports.js';
import { isEnrolled, toBuffer, usedBytes } from './sqlite-helpers.js';
import {
  type UploadRow,
  type VersionRow,
  UPLOAD_COLUMNS,
  VERSION_COLUMNS,
  toUpload,
  toVersion,
} from '../rows.js';

interface DocumentRow extends VersionRow {
  id: string;
  owner_id: string;
  category: string;
  issuer: string | null;
  created_at: number;
  updated_at: number;
  version_count: number;
}

/** A visible document joined with its current version and its count of complete versions. */
const DOCUMENT_SELECT = `SELECT d.id, d.owner_id, d.category, d.issuer, d.created_at, d.updated_at,
    ${VERSION_COLUMNS},
    (SELECT COUNT(*) FROM document_versions c
      WHERE c.document_id = d.id AND c.status = 'complete') AS version_count
  FROM documents d
  JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version`;

const toDocument = (r: DocumentRow): DocumentRecord => ({
  id: r.id,
  ownerId: r.owner_id,
  category: r.category as DocumentCategory,
  issuer: r.issuer,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  current: toVersion(r),
  versionCount: r.version_count,
});

/** The resident's upload that is still open (uploading and unexpired at `now`). */
function openUpload(
  db: Database.Database,
  uploadId: string,
  residentId: string,
  now: Date,
): UploadRow | undefined {
  return db
    .prepare(
      `SELECT ${UPLOAD_COLUMNS} FROM document_versions v JOIN documents d ON d.id = v.document_id
       WHERE v.upload_id = ? AND d.owner_id = ? AND v.status = 'uploading' AND v.expires_at > ?`,
    )
    .get(uploadId, residentId, now.getTime()) as UploadRow | undefined;
}

/** Deletes a version (its chunks cascade) and, if nothing else is left of it, its document. */
function deleteVersion(db: Database.Database, documentId: string, version: number): void {
  db.prepare('DELETE FROM document_versions WHERE document_id = ? AND version = ?').run(
    documentId,
    version,
  );
  db.prepare(
    `DELETE FROM documents WHERE id = ? AND current_version IS NULL
       AND NOT EXISTS (SELECT 1 FROM document_versions WHERE document_id = ?)`,
  ).run(documentId, documentId);
}

/** The document joined with its current version, after a write made it visible. */
function readDocument(db: Database.Database, documentId: string): DocumentRecord {
  const row = db.prepare(`${DOCUMENT_SELECT} WHERE d.id = ?`).get(documentId) as
    DocumentRow | undefined;
  if (!row) throw new Error('a stored document could not be read back');
  return toDocument(row);
}

/** The highest version (complete or uploading) a document has. */
const highestVersion = (db: Database.Database, documentId: string): number =>
  db
    .prepare('SELECT MAX(version) FROM document_versions WHERE document_id = ?')
    .pluck()
    .get(documentId) as number;

/** A new document row, invisible until a version of it becomes current. */
function insertDocument(
  db: Database.Database,
  id: string,
  ownerId: string,
  category: DocumentCategory,
  t: number,
  issuer: string | null = null,
): void {
  db.prepare(
    `INSERT INTO documents (id, owner_id, category, issuer, created_at, updated_at,
       current_version) VALUES (?, ?, ?, ?, ?, ?, NULL)`,
  ).run(id, ownerId, category, issuer, t, t);
}

/** Stores chunks `fromIndex…` of a version. */
function insertChunks(
  db: Database.Database,
  documentId: string,
  version: number,
  fromIndex: number,
  chunks: readonly Uint8Array[],
): void {
  const insert = db.prepare(
    'INSERT INTO document_chunks (document_id, version, idx, data) VALUES (?, ?, ?, ?)',
  );
  for (const [i, chunk] of chunks.entries()) {
    insert.run(documentId, version, fromIndex + i, toBuffer(chunk));
  }
}

/** A completed version becomes current if it is the highest (versions may complete out of order). */
function makeCurrentIfHighest(
  db: Database.Database,
  documentId: string,
  version: number,
  t: number,
): void {
  db.prepare(
    `UPDATE documents SET current_version = MAX(COALESCE(current_version, 0), ?),
       updated_at = MAX(updated_at, ?) WHERE id = ?`,
  ).run(version, t, documentId);
}

export function createUpload(db: Database.Database, input: CreateUploadInput): CreateUploadResult {
  const refuse = (reason: Extract<CreateUploadResult, { ok: false }>['reason']) =>
    ({ ok: false, reason }) as const;
  return db
    .transaction((): CreateUploadResult => {
      if (!isEnrolled(db, input.residentId)) return refuse('not-enrolled');
      if (!framingFits(input.size, input.chunkCount)) return refuse('bad-framing');
      if (input.size > input.limits.maxDocumentBytes) return refuse('too-large');

      let version = 1;
      if (!input.newDocument) {
        const doc = db
          .prepare(
            `SELECT category FROM documents
             WHERE id = ? AND owner_id = ? AND current_version IS NOT NULL`,
          )
          .get(input.documentId, input.residentId) as { category: string } | undefined;
        if (!doc) return refuse('document-not-found');
        if (doc.category !== input.category) return refuse('category-mismatch');
        version = highestVersion(db, input.documentId) + 1;
      }

      if (usedBytes(db, input.residentId, input.now) + input.size > input.limits.quotaBytes) {
        return refuse('quota-exceeded');
      }

      const t = input.now.getTime();
      if (input.newDocument) {
        insertDocument(db, input.documentId, input.residentId, input.category, t);
      }
      db.prepare(
        `INSERT INTO document_versions (document_id, version, status, size, chunk_count,
           upload_id, expires_at, created_at) VALUES (?, ?, 'uploading', ?, ?, ?, ?, ?)`,
      ).run(
        input.documentId,
        version,
        input.size,
        input.chunkCount,
        input.uploadId,
        input.expiresAt.getTime(),
        t,
      );
      return {
        ok: true,
        upload: {
          uploadId: input.uploadId,
          residentId: input.residentId,
          documentId: input.documentId,
          version,
          size: input.size,
          chunkCount: input.chunkCount,
          chunksReceived: 0,
          bytesReceived: 0,
          createdAt: new Date(t),
          expiresAt: new Date(input.expiresAt.getTime()),
        },
      };
    })
    .immediate();
}

export function appendChunks(db: Database.Database, input: AppendChunksInput): AppendChunksResult {
  return db
    .transaction((): AppendChunksResult => {
      const row = openUpload(db, input.uploadId, input.residentId, input.now);
      if (!row) return { ok: false, reason: 'not-found' };
      const upload = toUpload(row);
      if (input.fromIndex !== row.chunks_received) {
        return { ok: false, reason: 'out-of-order', upload };
      }
      const { chunks } = input;
      if (chunks.length === 0 || input.fromIndex + chunks.length > row.chunk_count) {
        return { ok: false, reason: 'bad-framing', upload };
      }
      let bytes = 0;
      for (const [i, chunk] of chunks.entries()) {
        const expected = expectedChunkBytes(row.size, row.chunk_count, input.fromIndex + i);
        if (chunk.length !== expected) return { ok: false, reason: 'bad-framing', upload };
        bytes += chunk.length;
      }

      insertChunks(db, row.document_id, row.version, input.fromIndex, chunks);
      db.prepare(
        `UPDATE document_versions
         SET chunks_received = chunks_received + ?, bytes_received = bytes_received + ?,
             expires_at = ?
         WHERE document_id = ? AND version = ?`,
      ).run(chunks.length, bytes, input.expiresAt.getTime(), row.document_id, row.version);
      return {
        ok: true,
        upload: {
          ...upload,
          chunksReceived: row.chunks_received + chunks.length,
          bytesReceived: row.bytes_received + bytes,
          expiresAt: new Date(input.expiresAt.getTime()),
        },
      };
    })
    .immediate();
}

export function completeUpload(
  db: Database.Database,
  input: CompleteUploadInput,
): CompleteUploadResult {
  return db
    .transaction((): CompleteUploadResult => {
      const row = openUpload(db, input.uploadId, input.residentId, input.now);
      if (!row) return { ok: false, reason: 'not-found' };
      if (row.chunks_received !== row.chunk_count || row.bytes_received !== row.size) {
        return { ok: false, reason: 'incomplete', upload: toUpload(row) };
      }
      const t = input.now.getTime();
      db.prepare(
        `UPDATE document_versions
         SET status = 'complete', header = ?, wrapped_key = ?, metadata = ?, upload_id = NULL,
             expires_at = NULL, completed_at = ?
         WHERE document_id = ? AND version = ?`,
      ).run(
        toBuffer(input.header),
        toBuffer(input.wrappedKey),
        toBuffer(input.metadata),
        t,
        row.document_id,
        row.version,
      );
      makeCurrentIfHighest(db, row.document_id, row.version, t);
      return { ok: true, document: readDocument(db, row.document_id), version: row.version };
    })
    .immediate();
}

export function putVersion(db: Database.Database, input: PutVersionInput): PutVersionResult {
  const refuse = (reason: Extract<PutVersionResult, { ok: false }>['reason']) =>
    ({ ok: false, reason }) as const;
  return db
    .transaction((): PutVersionResult => {
      if (!isEnrolled(db, input.residentId)) return refuse('not-enrolled');
      const size = input.chunks.reduce((sum, c) => sum + c.length, 0);
      if (!chunksFit(input.chunks, size)) return refuse('bad-framing');
      if (size > input.limits.maxDocumentBytes) return refuse('too-large');

      const doc = db
        .prepare('SELECT owner_id, category, current_version FROM documents WHERE id = ?')
        .get(input.documentId) as
        { owner_id: string; category: string; current_version: number | null } | undefined;
      const visible =
        doc !== undefined && doc.owner_id === input.residentId && doc.current_version !== null;
      if (visible) {
        // The same request again (its answer was lost): the random stream header identifies it.
        const stored = db
          .prepare(
            `SELECT header FROM document_versions
             WHERE document_id = ? AND version = ? AND status = 'complete'`,
          )
          .pluck()
          .get(input.documentId, input.version) as Buffer | undefined;
        if (stored !== undefined && stored.equals(input.header)) {
          return { ok: true, created: false, document: readDocument(db, input.documentId) };
        }
      }
      if (input.version === 1) {
        if (doc !== undefined) return refuse('conflict');
      } else {
        if (!visible) return refuse('document-not-found');
        if (doc.category !== input.category) return refuse('category-mismatch');
        if (input.version !== highestVersion(db, input.documentId) + 1) return refuse('conflict');
      }

      if (usedBytes(db, input.residentId, input.now) + size > input.limits.quotaBytes) {
        return refuse('quota-exceeded');
      }

      const t = input.now.getTime();
      if (input.version === 1) {
        insertDocument(db, input.documentId, input.residentId, input.category, t, input.issuer);
      }
      db.prepare(
        `INSERT INTO document_versions (document_id, version, status, size, chunk_count,
           chunks_received, bytes_received, header, wrapped_key, metadata, upload_id, expires_at,
           created_at, completed_at)
         VALUES (?, ?, 'complete', ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)`,
      ).run(
        input.documentId,
        input.version,
        size,
        input.chunks.length,
        input.chunks.length,
        size,
        toBuffer(input.header),
        toBuffer(input.wrappedKey),
        toBuffer(input.metadata),
        t,
        t,
      );
      insertChunks(db, input.documentId, input.version, 0, input.chunks);
      makeCurrentIfHighest(db, input.documentId, input.version, t);
      return { ok: true, created: true, document: readDocument(db, input.documentId) };
    })
    .immediate();
}

export function cancelUpload(db: Database.Database, residentId: string, uploadId: string): boolean {
  return db
    .transaction((): boolean => {
      const row = db
        .prepare(
          `SELECT v.document_id, v.version FROM document_versions v
           JOIN documents d ON d.id = v.document_id
           WHERE v.upload_id = ? AND d.owner_id = ? AND v.status = 'uploading'`,
        )
        .get(uploadId, residentId) as { document_id: string; version: number } | undefined;
      if (!row) return false;
      deleteVersion(db, row.document_id, row.version);
      return true;
    })
    .immediate();
}

export function purgeExpiredUploads(db: Database.Database, now: Date): number {
  return db
    .transaction((): number => {
      const rows = db
        .prepare(
          `SELECT document_id, version FROM document_versions
           WHERE status = 'uploading' AND expires_at <= ?`,
        )
        .all(now.getTime()) as { document_id: string; version: number }[];
      for (const row of rows) deleteVersion(db, row.document_id, row.version);
      return rows.length;
    })
    .immediate();
}

export function listDocuments(db: Database.Database, ownerId: string): DocumentRecord[] {
  const rows = db
    .prepare(`${DOCUMENT_SELECT} WHERE d.owner_id = ? ORDER BY d.updated_at DESC, d.id`)
    .all(ownerId) as DocumentRow[];
  return rows.map(toDocument);
}

export function getDocument(
  db: Database.Database,
  ownerId: string,
  documentId: string,
): { document: DocumentRecord; versions: DocumentVersionRecord[] } | null {
  return db.transaction(() => {
    const row = db
      .prepare(`${DOCUMENT_SELECT} WHERE d.id = ? AND d.owner_id = ?`)
      .get(documentId, ownerId) as DocumentRow | undefined;
    if (!row) return null;
    const versions = db
      .prepare(
        `SELECT ${VERSION_COLUMNS} FROM document_versions v
         WHERE v.document_id = ? AND v.status = 'complete' ORDER BY v.version DESC`,
      )
      .all(documentId) as VersionRow[];
    return { document: toDocument(row), versions: versions.map(toVersion) };
  })();
}

export function readChunks(
  db: Database.Database,
  ownerId: string,
  documentId: string,
  version: number,
  fromIndex: number,
  count: number,
): Uint8Array[] {
  return db
    .prepare(
      `SELECT c.data FROM document_chunks c
       JOIN document_versions v
         ON v.document_id = c.document_id AND v.version = c.version AND v.status = 'complete'
       JOIN documents d ON d.id = c.document_id AND d.owner_id = ?
       WHERE c.document_id = ? AND c.version = ? AND c.idx >= ?
       ORDER BY c.idx LIMIT ?`,
    )
    .pluck()
    .all(ownerId, documentId, version, fromIndex, count) as Buffer[];
}

export function deleteDocument(
  db: Database.Database,
  ownerId: string,
  documentId: string,
): boolean {
  // Versions, chunks, wrapped keys and metadata go with the row (ON DELETE CASCADE).
  return (
    db
      .prepare(
        'DELETE FROM documents WHERE id = ? AND owner_id = ? AND current_version IS NOT NULL',
      )
      .run(documentId, ownerId).changes > 0
  );
}
