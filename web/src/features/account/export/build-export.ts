/**
 * "Export everything" (issue 6, GDPR Art. 20): one ZIP archive, made in this browser, with every
 * version of every document decrypted by the vault worker, a metadata.json, the consent receipts
 * as the consents page saves them, the access log as the access-log page exports it (entries,
 * inclusion proofs, the signed checkpoint: what `npm run verify-log` checks), and a README.txt in
 * the resident's language. Layout: docs/access-log.md, "Export".
 *
 * All versions, not only the current ones: older versions are data the resident gave the vault
 * and the vault still holds, so Art. 20 covers them too. Current versions sit in `documents/`,
 * where the resident looks first; older ones in `documents/older-versions/`.
 *
 * Memory: each decrypted document is a Blob that the archive holds as one of its parts (never
 * copied into one large buffer); the browser may keep large Blobs on disk.
 */
import {
  createZipWriter,
  type ZipFileInput,
} from '../../../../../crypto/src/archive/create-zip-writer.js';
import { isCryptoError } from '../../../../../crypto/src/errors.js';
import type { LogExport } from '../../../lib/api-types';
import type { ConsentReceiptResponse, ConsentView } from '../../../lib/consent-types';
import type {
  DecryptedDocument,
  DocumentSummary,
  TransferProgress,
  VersionSummary,
} from '../../../lib/vault/protocol';
import { isVaultError, VaultError } from '../../../lib/vault/vault-error';
import { createNameRegistry, safeFileName, splitExtension } from './archive-names';
import {
  buildExportMetadata,
  type ExportedDocument,
  type ExportedVersion,
} from './export-metadata';

/** Where things go inside the archive (stable: `npm run verify-log` reads ACCESS_LOG). */
export const ARCHIVE_PATHS = Object.freeze({
  README: 'README.txt',
  METADATA: 'metadata.json',
  ACCESS_LOG: 'access-log.json',
  DOCUMENTS: 'documents/',
  OLDER_VERSIONS: 'documents/older-versions/',
  CONSENTS: 'consents/',
});

/** Where the export reads from: the vault worker and the API (injected, so tests can run it). */
export interface ExportSources {
  listDocuments(): Promise<DocumentSummary[]>;
  listVersions(documentId: string, options: { signal?: AbortSignal }): Promise<VersionSummary[]>;
  downloadDocument(
    params: { documentId: string; version: number },
    options: { signal?: AbortSignal; onProgress?: (p: TransferProgress) => void },
  ): Promise<DecryptedDocument>;
  listConsents(): Promise<ConsentView[]>;
  fetchReceipt(consentId: string): Promise<ConsentReceiptResponse>;
  exportLog(): Promise<LogExport>;
}

/** The step being done, in words the page shows. */
export type ExportStep =
  | { kind: 'listing' }
  | { kind: 'document'; name: string; index: number; count: number }
  | { kind: 'receipts' }
  | { kind: 'log' }
  | { kind: 'packing' };

/** How far the export is: `done` of `total` units (one per version, receipts, log, packing). */
export interface ExportProgress {
  step: ExportStep;
  done: number;
  total: number;
}

/** A version that could not be decrypted: what the resident is told, and metadata.json lists. */
export interface UnreadableVersion {
  documentId: string;
  version: number;
  /** The decrypted name, when at least the metadata could be read. */
  name: string | null;
  category: string;
  createdAt: string;
}

/** A version failed to decrypt and the resident has not chosen to export without it. */
export class UnreadableDocumentError extends Error {
  override readonly name = 'UnreadableDocumentError';
  constructor(readonly unreadable: UnreadableVersion) {
    super(`document ${unreadable.documentId} version ${unreadable.version} cannot be decrypted`);
  }
}

/** The words of README.txt, in the resident's language (the page passes its translations). */
export type ReadmeWriter = (facts: {
  exportedAt: Date;
  vault: string;
  documents: number;
  versions: number;
  consents: number;
  logEntries: number;
  unreadable: UnreadableVersion[];
}) => string;

export interface BuildExportOptions {
  sources: ExportSources;
  readme: ReadmeWriter;
  residentId: string;
  /** The vault's origin, recorded in metadata.json. */
  vault: string;
  language: string;
  now?: Date;
  /** Leave out versions that cannot be decrypted (listed as unreadable) instead of stopping. */
  skipUnreadable?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

export interface BuiltExport {
  archive: Blob;
  fileName: string;
  unreadable: UnreadableVersion[];
}

/** Failures that mean "this stored copy does not decrypt", as opposed to network or lock. */
function isDecryptFailure(error: unknown): boolean {
  return isVaultError(error, 'ERR_DECRYPT_FAILED') || isVaultError(error, 'ERR_UNSUPPORTED_FORMAT');
}

const json = (value: unknown) =>
  new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });

/** Makes the archive. Rejects with {@link UnreadableDocumentError}, an ApiError or a VaultError. */
export async function buildExport(options: BuildExportOptions): Promise<BuiltExport> {
  const { sources, signal } = options;
  const now = options.now ?? new Date();
  const report = options.onProgress ?? (() => undefined);
  const checkAborted = () => signal?.throwIfAborted();

  report({ step: { kind: 'listing' }, done: 0, total: 1 });
  const summaries = await sources.listDocuments();
  checkAborted();
  const documents: { summary: DocumentSummary; versions: VersionSummary[] }[] = [];
  for (const summary of summaries) {
    documents.push({ summary, versions: await sources.listVersions(summary.id, { signal }) });
  }
  const versionCount = documents.reduce((n, d) => n + d.versions.length, 0);
  const total = versionCount + 3; // + receipts, log, packing
  let done = 0;

  const zip = createZipWriter();
  // The page shows a VaultError by its code: "too large for one archive" says what to do.
  const writer = {
    add: async (file: ZipFileInput) => {
      try {
        await zip.add(file);
      } catch (error) {
        throw isCryptoError(error) ? new VaultError(error.code, error.message) : error;
      }
    },
    finish: () => {
      try {
        return zip.finish();
      } catch (error) {
        throw isCryptoError(error) ? new VaultError(error.code, error.message) : error;
      }
    },
  };
  const currentNames = createNameRegistry();
  const olderNames = createNameRegistry();
  const unreadable: UnreadableVersion[] = [];
  const exported: ExportedDocument[] = [];

  for (const { summary, versions } of documents) {
    const exportedVersions: ExportedVersion[] = [];
    for (const version of versions) {
      checkAborted();
      const isCurrent = version.version === summary.version;
      const details = version.details;
      const shownName = details?.name ?? summary.details?.name ?? summary.id;
      const index = done + 1;
      report({
        step: { kind: 'document', name: shownName, index, count: versionCount },
        done,
        total,
      });
      let file: DecryptedDocument | null = null;
      try {
        if (details === null) throw new UnreadableDocumentError(unreadableOf(summary, version));
        file = await sources.downloadDocument(
          { documentId: summary.id, version: version.version },
          {
            signal,
            onProgress: (p) =>
              report({
                step: { kind: 'document', name: shownName, index, count: versionCount },
                done: done + (p.total > 0 ? p.done / p.total : 0),
                total,
              }),
          },
        );
      } catch (error) {
        if (!(error instanceof UnreadableDocumentError) && !isDecryptFailure(error)) throw error;
        const missing = unreadableOf(summary, version);
        if (!options.skipUnreadable) throw new UnreadableDocumentError(missing);
        unreadable.push(missing);
      }
      let path: string | null = null;
      if (file !== null && details !== null) {
        const safe = safeFileName(details.name);
        if (isCurrent) {
          path = ARCHIVE_PATHS.DOCUMENTS + currentNames(safe);
        } else {
          const { stem, extension } = splitExtension(safe);
          path =
            ARCHIVE_PATHS.OLDER_VERSIONS +
            olderNames(`${stem} (version ${version.version})${extension}`);
        }
        await writer.add({ name: path, data: file.blob, modifiedAt: new Date(version.createdAt) });
      }
      exportedVersions.push({ version, file: path });
      done += 1;
    }
    exported.push({ summary, versions: exportedVersions });
  }

  checkAborted();
  report({ step: { kind: 'receipts' }, done, total });
  const consents = await sources.listConsents();
  const receiptFiles = new Map<string, string>();
  for (const consent of consents) {
    checkAborted();
    const receipt = await sources.fetchReceipt(consent.id);
    const path = `${ARCHIVE_PATHS.CONSENTS}consent-receipt-${safeFileName(consent.id)}.json`;
    await writer.add({ name: path, data: json(receipt), modifiedAt: new Date(consent.createdAt) });
    receiptFiles.set(consent.id, path);
  }
  done += 1;

  checkAborted();
  report({ step: { kind: 'log' }, done, total });
  // Last of the reads: the log then also holds the entries of this export's own downloads.
  const log = await sources.exportLog();
  await writer.add({ name: ARCHIVE_PATHS.ACCESS_LOG, data: json(log), modifiedAt: now });
  done += 1;

  checkAborted();
  report({ step: { kind: 'packing' }, done, total });
  const metadata = buildExportMetadata({
    exportedAt: now,
    vault: options.vault,
    residentId: options.residentId,
    language: options.language,
    documents: exported,
    consents,
    receiptFiles,
    log: { file: ARCHIVE_PATHS.ACCESS_LOG, export: log },
    unreadable,
  });
  await writer.add({ name: ARCHIVE_PATHS.METADATA, data: json(metadata), modifiedAt: now });
  const readme = options.readme({
    exportedAt: now,
    vault: options.vault,
    documents: documents.length,
    versions: versionCount - unreadable.length,
    consents: consents.length,
    logEntries: log.entries.length + log.pending.length,
    unreadable,
  });
  await writer.add({
    name: ARCHIVE_PATHS.README,
    data: new Blob([readme], { type: 'text/plain;charset=utf-8' }),
    modifiedAt: now,
  });
  const archive = writer.finish();
  report({ step: { kind: 'packing' }, done: total, total });
  return {
    archive,
    fileName: `citizen-vault-export-${now.toISOString().slice(0, 10)}.zip`,
    unreadable,
  };
}

function unreadableOf(summary: DocumentSummary, version: VersionSummary): UnreadableVersion {
  return {
    documentId: summary.id,
    version: version.version,
    name: version.details?.name ?? null,
    category: summary.category,
    createdAt: version.createdAt,
  };
}
