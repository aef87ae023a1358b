/**
 * metadata.json of the export archive (issue 6): the facts about each document and version that
 * the files alone do not carry (title, notes, category, dates, versions, exact size, the city
 * service that issued a deposited document), the consents with the path of each receipt, and a
 * summary of the access log. Format `citizen-vault.export.v1`; docs/access-log.md, "Export".
 */
import type { LogExport } from '../../../lib/api-types';
import type { ConsentView } from '../../../lib/consent-types';
import type { DocumentSummary, VersionSummary } from '../../../lib/vault/protocol';
import type { UnreadableVersion } from './build-export';

/** A version as exported: its path in the archive, or null if it could not be decrypted. */
export interface ExportedVersion {
  version: VersionSummary;
  file: string | null;
}

export interface ExportedDocument {
  summary: DocumentSummary;
  versions: ExportedVersion[];
}

export interface ExportMetadataInput {
  exportedAt: Date;
  vault: string;
  residentId: string;
  language: string;
  documents: ExportedDocument[];
  consents: ConsentView[];
  /** Consent id → the receipt's path in the archive. */
  receiptFiles: ReadonlyMap<string, string>;
  log: { file: string; export: LogExport };
  unreadable: UnreadableVersion[];
}

/** The metadata.json object (JSON-ready: strings, numbers, nulls, arrays, objects). */
export function buildExportMetadata(input: ExportMetadataInput) {
  return {
    format: 'citizen-vault.export.v1',
    exportedAt: input.exportedAt.toISOString(),
    vault: input.vault,
    residentId: input.residentId,
    language: input.language,
    documents: input.documents.map(({ summary, versions }) => ({
      id: summary.id,
      category: summary.category,
      createdAt: summary.createdAt,
      updatedAt: summary.updatedAt,
      // Who issued a deposited document (DESIGN §6); null for the resident's own uploads.
      issuedBy: summary.issuedBy
        ? { id: summary.issuedBy.id, name: summary.issuedBy.name }
        : summary.issuer !== null
          ? { id: summary.issuer, name: null }
          : null,
      currentVersion: summary.version,
      versions: versions.map(({ version, file }) => ({
        version: version.version,
        current: version.version === summary.version,
        createdAt: version.createdAt,
        file,
        name: version.details?.name ?? null,
        type: version.details?.type ?? null,
        /** Exact size in bytes of the decrypted file. */
        size: version.details?.size ?? null,
        title: version.details?.title ?? null,
        notes: version.details?.notes ?? null,
        readable: file !== null,
      })),
    })),
    consents: input.consents.map((c) => ({
      id: c.id,
      requestId: c.requestId,
      status: c.status,
      service: c.service,
      purpose: c.purpose,
      legalBasis: c.legalBasis,
      categories: c.categories,
      standing: c.standing,
      documents: c.documents,
      createdAt: c.createdAt,
      expiresAt: c.expiresAt,
      endedAt: c.endedAt,
      receipt: input.receiptFiles.get(c.id) ?? null,
    })),
    accessLog: {
      file: input.log.file,
      origin: input.log.export.origin,
      verifierKey: input.log.export.verifierKey,
      entries: input.log.export.entries.length,
      pending: input.log.export.pending.length,
    },
    unreadable: input.unreadable,
  };
}
