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
import { bytea, fromBytea, type Sql } from './pg-database.js';
import { isEnrolled, lockResident, usedBytes } from './pg-helpers.js';
import {
  type UploadRow,
  type VersionRow,
  UPLOAD_COLUMNS,
  VERSION_COLUMNS,
  toUpload,
  toVersion,
} from '../rows.js';

// Documents, versions and ciphertext chunks: the SQLite adapter's logic (sqlite/documents.ts), the
// same checks in the same order with the same results. SQLite runs one writer at a time; here two
// nodes may write for the same resident at once, so every check-then-act holds a row lock:
//
// - createUpload and putVersion lock the resident's row first. Both are the only ways a resident's
//   stored bytes grow and a document gains a version, so the quota check and the version number
//   each see every earlier commit of that resident (READ COMMITTED: a statement after the lock wait
//   reads a fresh snapshot).
// - appendChunks, completeUpload and cancelUpload lock the upload's document and version rows, in
//   that order (the order deleteDocument's cascade takes them), so two appends of the same index,
//   or an append and a completion, take turns, and the second sees what the first wrote.
// - deleteDocument is one DELETE: it waits for any writer holding the document, then takes the
//   versions and chunks with it (ON DELETE CASCADE), so a completion racing it leaves no orphan.
//
// A deadlock the lock order does not prevent is retried by PgDatabase.transaction (40P01).

interface DocumentColumns {
  id: string;
  owner_id: string;
  category: string;
  issuer: string | null;
  created_at: number;
  updated_at: number;
}

interface DocumentRow extends VersionRow, DocumentColumns {
  version_count: number;
}

/** A visible document joined with its current version and its count of complete versions. */
const DOCUMENT_SELECT = `SELECT d.id, d.owner_id, d.category, d.issuer, d.created_at, d.updated_at,
    ${VERSION_COLUMNS},
    (SELECT COUNT(*) FROM document_versions c
      WHERE c.document_id = d.id AND c.status = 'complete') AS version_count
  FROM documents d
  JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version`;

const toDocument = (
  d: DocumentColumns,
  current: VersionRow,
  versionCount: number,
): DocumentRecord => ({
  id: d.id,
  ownerId: d.owner_id,
  category: d.category as DocumentCategory,
  issuer: d.issuer,
  createdAt: new Date(d.created_at),
  updatedAt: new Date(d.updated_at),
  current: toVersion(current),
  versionCount,
});

const toListedDocument = (r: DocumentRow): DocumentRecord => toDocument(r, r, r.version_count);

/**
 * The resident's upload that is still open (uploading and unexpired at `now`), its document and
 * version rows locked until the transaction ends. A writer that waited for the lock gets the row
 * as the other one committed it (PostgreSQL re-checks the WHERE clause on the newest row), so it
 * sees the chunks already appended, or no open upload at all.
 */
async function lockOpenUpload(
  sql: Sql,
  uploadId: string,
  residentId: string,
  now: Date,
): Promise<UploadRow | undefined> {
  const [row] = await sql.rows<UploadRow>(
    `SELECT ${UPLOAD_COLUMNS} FROM documents d JOIN document_versions v ON v.document_id = d.id
     WHERE v.upload_id = $1 AND d.owner_id = $2 AND v.status = 'uploading' AND v.expires_at > $3
     FOR UPDATE OF d, v`,
    [uploadId, residentId, now.getTime()],
  );
  return row;
}

/**
 * Deletes versions (their chunks cascade) and then any of their documents that nothing is left of
 * (a first upload cancelled or expired). The caller holds the rows' locks.
 */
async function deleteVersions(
  sql: Sql,
  versions: readonly { document_id: string; version: number }[],
): Promise<void> {
  if (versions.length === 0) return;
  const documentIds = versions.map((v) => v.document_id);
  await sql.run(
    `DELETE FROM document_versions v
     USING unnest($1::text[], $2::int[]) AS gone(document_id, version)
     WHERE v.document_id = gone.document_id AND v.version = gone.version`,
    [documentIds, versions.map((v) => v.version)],
  );
  await sql.run(
    `DELETE FROM documents d WHERE d.id = ANY($1::text[]) AND d.current_version IS NULL
       AND NOT EXISTS (SELECT 1 FROM document_versions v WHERE v.document_id = d.id)`,
    [[...new Set(documentIds)]],
  );
}

/** The document joined with its current version, after a write made it visible. */
async function readDocument(sql: Sql, documentId: string): Promise<DocumentRecord> {
  const [row] = await sql.rows<DocumentRow>(`${DOCUMENT_SELECT} WHERE d.id = $1`, [documentId]);
  if (!row) throw new Error('a stored document could not be read back');
  return toListedDocument(row);
}

/** The highest version (complete or uploading) a document has. */
async function highestVersion(sql: Sql, documentId: string): Promise<number> {
  const [row] = await sql.rows<{ highest: number }>(
    'SELECT MAX(version) AS highest FROM document_versions WHERE document_id = $1',
    [documentId],
  );
  return row?.highest ?? 0;
}

/**
 * A new document row, invisible until a version of it becomes current. False if the id is taken:
 * only possible when another resident's transaction stored it after this one looked (putVersion's
 * version 1 names its own id); ON CONFLICT waits for that transaction and then gives way.
 */
async function insertDocument(
  sql: Sql,
  id: string,
  ownerId: string,
  category: DocumentCategory,
  t: number,
  issuer: string | null = null,
): Promise<boolean> {
  const inserted = await sql.run(
    `INSERT INTO documents (id, owner_id, category, issuer, created_at, updated_at,
       current_version) VALUES ($1, $2, $3, $4, $5, $5, NULL) ON CONFLICT (id) DO NOTHING`,
    [id, ownerId, category, issuer, t],
  );
  return inserted === 1;
}

/**
 * Stores chunks `fromIndex…` of a version in one statement: one row per chunk, each chunk its own
 * parameter (the driver sends a Buffer parameter as binary, not as hex text in an array literal).
 * A batch is at most MAX_CHUNKS_PER_REQUEST chunks, far below PostgreSQL's 65,535 parameters.
 */
async function insertChunks(
  sql: Sql,
  documentId: string,
  version: number,
  fromIndex: number,
  chunks: readonly Uint8Array[],
): Promise<void> {
  if (chunks.length === 0) return;
  const rows = chunks.map((_, i) => `($1, $2, $${2 * i + 3}::int, $${2 * i + 4}::bytea)`);
  const values: unknown[] = [documentId, version];
  for (const [i, chunk] of chunks.entries()) values.push(fromIndex + i, bytea(chunk));
  await sql.run(
    `INSERT INTO document_chunks (document_id, version, idx, data) VALUES ${rows.join(', ')}`,
    values,
  );
}

/** A completed version becomes current if it is the highest (versions may complete out of order). */
async function makeCurrentIfHighest(
  sql: Sql,
  documentId: string,
  version: number,
  t: number,
): Promise<void> {
  await sql.run(
    `UPDATE documents SET current_version = GREATEST(COALESCE(current_version, 0), $1),
       updated_at = GREATEST(updated_at, $2) WHERE id = $3`,
    [version, t, documentId],
  );
}

export async function createUpload(
  sql: Sql,
  input: CreateUploadInput,
): Promise<CreateUploadResult> {
  const refuse = (reason: Extract<CreateUploadResult, { ok: false }>['reason']) =>
    ({ ok: false, reason }) as const;
  await lockResident(sql, input.residentId);
  if (!(await isEnrolled(sql, input.residentId))) return refuse('not-enrolled');
  if (!framingFits(input.size, input.chunkCount)) return refuse('bad-framing');
  if (input.size > input.limits.maxDocumentBytes) return refuse('too-large');

  let version = 1;
  if (!input.newDocument) {
    // Locked so that a deletion racing this upload either ends before (not found) or waits.
    const [doc] = await sql.rows<{ category: string }>(
      `SELECT category FROM documents
       WHERE id = $1 AND owner_id = $2 AND current_version IS NOT NULL FOR UPDATE`,
      [input.documentId, input.residentId],
    );
    if (!doc) return refuse('document-not-found');
    if (doc.category !== input.category) return refuse('category-mismatch');
    version = (await highestVersion(sql, input.documentId)) + 1;
  }

  if ((await usedBytes(sql, input.residentId, input.now)) + input.size > input.limits.quotaBytes) {
    return refuse('quota-exceeded');
  }

  const t = input.now.getTime();
  if (input.newDocument) {
    // The server chose this id at random: a taken one is a fault, as it is in SQLite.
    const fresh = await insertDocument(sql, input.documentId, input.residentId, input.category, t);
    if (!fresh) throw new Error('a new document id is already taken');
  }
  await sql.run(
    `INSERT INTO document_versions (document_id, version, status, size, chunk_count,
       upload_id, expires_at, created_at) VALUES ($1, $2, 'uploading', $3, $4, $5, $6, $7)`,
    [
      input.documentId,
      version,
      input.size,
      input.chunkCount,
      input.uploadId,
      input.expiresAt.getTime(),
      t,
    ],
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
}

export async function appendChunks(
  sql: Sql,
  input: AppendChunksInput,
): Promise<AppendChunksResult> {
  const row = await lockOpenUpload(sql, input.uploadId, input.residentId, input.now);
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

  await insertChunks(sql, row.document_id, row.version, input.fromIndex, chunks);
  await sql.run(
    `UPDATE document_versions
     SET chunks_received = chunks_received + $1, bytes_received = bytes_received + $2,
         expires_at = $3
     WHERE document_id = $4 AND version = $5`,
    [chunks.length, bytes, input.expiresAt.getTime(), row.document_id, row.version],
  );
  return {
    ok: true,
    upload: {
      ...upload,
      chunksReceived: row.chunks_received + chunks.length,
      bytesReceived: row.bytes_received + bytes,
      expiresAt: new Date(input.expiresAt.getTime()),
    },
  };
}

export async function completeUpload(
  sql: Sql,
  input: CompleteUploadInput,
): Promise<CompleteUploadResult> {
  const row = await lockOpenUpload(sql, input.uploadId, input.residentId, input.now);
  if (!row) return { ok: false, reason: 'not-found' };
  if (row.chunks_received !== row.chunk_count || row.bytes_received !== row.size) {
    return { ok: false, reason: 'incomplete', upload: toUpload(row) };
  }
  const t = input.now.getTime();
  await sql.run(
    `UPDATE document_versions
     SET status = 'complete', header = $1, wrapped_key = $2, metadata = $3, upload_id = NULL,
         expires_at = NULL, completed_at = $4
     WHERE document_id = $5 AND version = $6`,
    [
      bytea(input.header),
      bytea(input.wrappedKey),
      bytea(input.metadata),
      t,
      row.document_id,
      row.version,
    ],
  );
  await makeCurrentIfHighest(sql, row.document_id, row.version, t);
  return { ok: true, document: await readDocument(sql, row.document_id), version: row.version };
}

export async function putVersion(sql: Sql, input: PutVersionInput): Promise<PutVersionResult> {
  const refuse = (reason: Extract<PutVersionResult, { ok: false }>['reason']) =>
    ({ ok: false, reason }) as const;
  await lockResident(sql, input.residentId);
  if (!(await isEnrolled(sql, input.residentId))) return refuse('not-enrolled');
  const size = input.chunks.reduce((sum, c) => sum + c.length, 0);
  if (!chunksFit(input.chunks, size)) return refuse('bad-framing');
  if (size > input.limits.maxDocumentBytes) return refuse('too-large');

  // Locked, as in createUpload, so that a deletion racing this write ends before it or waits.
  const [doc] = await sql.rows<{
    owner_id: string;
    category: string;
    current_version: number | null;
  }>('SELECT owner_id, category, current_version FROM documents WHERE id = $1 FOR UPDATE', [
    input.documentId,
  ]);
  const visible =
    doc !== undefined && doc.owner_id === input.residentId && doc.current_version !== null;
  if (visible) {
    // The same request again (its answer was lost): the random stream header identifies it.
    const [stored] = await sql.rows<{ header: Buffer }>(
      `SELECT header FROM document_versions
       WHERE document_id = $1 AND version = $2 AND status = 'complete'`,
      [input.documentId, input.version],
    );
    if (stored !== undefined && stored.header.equals(input.header)) {
      return { ok: true, created: false, document: await readDocument(sql, input.documentId) };
    }
  }
  if (input.version === 1) {
    if (doc !== undefined) return refuse('conflict');
  } else {
    if (!visible) return refuse('document-not-found');
    if (doc.category !== input.category) return refuse('category-mismatch');
    if (input.version !== (await highestVersion(sql, input.documentId)) + 1) {
      return refuse('conflict');
    }
  }

  if ((await usedBytes(sql, input.residentId, input.now)) + size > input.limits.quotaBytes) {
    return refuse('quota-exceeded');
  }

  const t = input.now.getTime();
  if (input.version === 1) {
    // Another resident's version 1 of the same id committed after the look above (only their
    // lock, not this resident's, covered it): the id is taken, as if it had been there before.
    const fresh = await insertDocument(
      sql,
      input.documentId,
      input.residentId,
      input.category,
      t,
      input.issuer,
    );
    if (!fresh) return refuse('conflict');
  }
  await sql.run(
    `INSERT INTO document_versions (document_id, version, status, size, chunk_count,
       chunks_received, bytes_received, header, wrapped_key, metadata, upload_id, expires_at,
       created_at, completed_at)
     VALUES ($1, $2, 'complete', $3, $4, $4, $3, $5, $6, $7, NULL, NULL, $8, $8)`,
    [
      input.documentId,
      input.version,
      size,
      input.chunks.length,
      bytea(input.header),
      bytea(input.wrappedKey),
      bytea(input.metadata),
      t,
    ],
  );
  await insertChunks(sql, input.documentId, input.version, 0, input.chunks);
  await makeCurrentIfHighest(sql, input.documentId, input.version, t);
  return { ok: true, created: true, document: await readDocument(sql, input.documentId) };
}

export async function cancelUpload(
  sql: Sql,
  residentId: string,
  uploadId: string,
): Promise<boolean> {
  // Locked first, document then version, so a completion racing the cancel goes first or not at all.
  const rows = await sql.rows<{ document_id: string; version: number }>(
    `SELECT v.document_id, v.version FROM documents d JOIN document_versions v
       ON v.document_id = d.id
     WHERE v.upload_id = $1 AND d.owner_id = $2 AND v.status = 'uploading'
     FOR UPDATE OF d, v`,
    [uploadId, residentId],
  );
  await deleteVersions(sql, rows);
  return rows.length > 0;
}

export async function purgeExpiredUploads(sql: Sql, now: Date): Promise<number> {
  // The locks are taken in document order (as two purging nodes take them); an upload that an
  // append renewed while this waited no longer matches once its lock is granted, and stays.
  const rows = await sql.rows<{ document_id: string; version: number }>(
    `SELECT v.document_id, v.version FROM documents d JOIN document_versions v
       ON v.document_id = d.id
     WHERE v.status = 'uploading' AND v.expires_at <= $1
     ORDER BY d.id, v.version FOR UPDATE OF d, v`,
    [now.getTime()],
  );
  await deleteVersions(sql, rows);
  return rows.length;
}

export async function listDocuments(sql: Sql, ownerId: string): Promise<DocumentRecord[]> {
  // COLLATE "C": ids tie-break byte by byte, as SQLite orders them, whatever the database's locale.
  const rows = await sql.rows<DocumentRow>(
    `${DOCUMENT_SELECT} WHERE d.owner_id = $1 ORDER BY d.updated_at DESC, d.id COLLATE "C"`,
    [ownerId],
  );
  return rows.map(toListedDocument);
}

export async function getDocument(
  sql: Sql,
  ownerId: string,
  documentId: string,
): Promise<{ document: DocumentRecord; versions: DocumentVersionRecord[] } | null> {
  // One statement, so the document and its versions come from one snapshot (reads get the pool,
  // not a transaction): every complete version beside the document's columns, newest first.
  const rows = await sql.rows<VersionRow & DocumentColumns & { current_version: number }>(
    `SELECT d.id, d.owner_id, d.category, d.issuer, d.created_at, d.updated_at,
       d.current_version, ${VERSION_COLUMNS}
     FROM documents d
     JOIN document_versions v ON v.document_id = d.id AND v.status = 'complete'
     WHERE d.id = $1 AND d.owner_id = $2 AND d.current_version IS NOT NULL
     ORDER BY v.version DESC`,
    [documentId, ownerId],
  );
  const first = rows[0];
  if (first === undefined) return null;
  const current = rows.find((r) => r.version === first.current_version);
  if (current === undefined) throw new Error("a document's current version could not be read");
  return { document: toDocument(first, current, rows.length), versions: rows.map(toVersion) };
}

export async function readChunks(
  sql: Sql,
  ownerId: string,
  documentId: string,
  version: number,
  fromIndex: number,
  count: number,
): Promise<Uint8Array[]> {
  // At most `count` chunks per call: a download's memory is one batch, whatever the document.
  const rows = await sql.rows<{ data: Buffer }>(
    `SELECT c.data FROM document_chunks c
     JOIN document_versions v
       ON v.document_id = c.document_id AND v.version = c.version AND v.status = 'complete'
     JOIN documents d ON d.id = c.document_id AND d.owner_id = $1
     WHERE c.document_id = $2 AND c.version = $3 AND c.idx >= $4
     ORDER BY c.idx LIMIT $5`,
    [ownerId, documentId, version, fromIndex, count],
  );
  return rows.map((r) => fromBytea(r.data));
}

export async function deleteDocument(
  sql: Sql,
  ownerId: string,
  documentId: string,
): Promise<boolean> {
  // Versions, chunks, wrapped keys and metadata go with the row (ON DELETE CASCADE). The DELETE
  // waits for a writer holding the document's row (an append, a completion) and then re-checks it.
  const deleted = await sql.run(
    'DELETE FROM documents WHERE id = $1 AND owner_id = $2 AND current_version IS NOT NULL',
    [documentId, ownerId],
  );
  return deleted > 0;
}
