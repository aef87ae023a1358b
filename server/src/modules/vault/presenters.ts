import type {
  AppendChunksResponse,
  CreateUploadResponse,
  DocumentVersionView,
  DocumentView,
  KeySlotView,
  ServiceSummaryView,
  VaultStateResponse,
} from '../../contracts/index.js';
import type {
  DocumentRecord,
  DocumentVersionRecord,
  KeySlotRecord,
  UploadRecord,
  VaultStateRecord,
} from '../../storage/index.js';
import { encodeBase64url } from '../../http/base64url.js';

/** What the resident's browser needs to unlock: public keys, envelopes, and the quota figures. */
export function presentVaultState(
  state: VaultStateRecord,
  limits: { quotaBytes: number; maxDocumentBytes: number },
): VaultStateResponse {
  return {
    enrolled: state.keys !== null,
    keys: state.keys && {
      x25519PublicKey: encodeBase64url(state.keys.x25519PublicKey),
      ed25519PublicKey: encodeBase64url(state.keys.ed25519PublicKey),
      secretKeysEnvelope: encodeBase64url(state.keys.secretKeysEnvelope),
    },
    slots: state.slots.map(presentSlot),
    quota: {
      usedBytes: state.usedBytes,
      limitBytes: limits.quotaBytes,
      maxDocumentBytes: limits.maxDocumentBytes,
    },
  };
}

export function presentSlot(slot: KeySlotRecord): KeySlotView {
  return {
    id: slot.id,
    kind: slot.kind,
    credentialId: slot.credentialId,
    envelope: encodeBase64url(slot.envelope),
    createdAt: slot.createdAt.toISOString(),
  };
}

export function presentUpload(upload: UploadRecord): CreateUploadResponse {
  return {
    uploadId: upload.uploadId,
    documentId: upload.documentId,
    version: upload.version,
    expiresAt: upload.expiresAt.toISOString(),
  };
}

export function presentUploadProgress(upload: UploadRecord): AppendChunksResponse {
  return {
    chunksReceived: upload.chunksReceived,
    bytesReceived: upload.bytesReceived,
    expiresAt: upload.expiresAt.toISOString(),
  };
}

export function presentVersion(version: DocumentVersionRecord): DocumentVersionView {
  return {
    version: version.version,
    size: version.size,
    chunkCount: version.chunkCount,
    header: encodeBase64url(version.header),
    wrappedKey: encodeBase64url(version.wrappedKey),
    metadata: encodeBase64url(version.metadata),
    createdAt: version.createdAt.toISOString(),
  };
}

/** The registry's names of the services that issued documents, by service id. */
export type IssuerNames = ReadonlyMap<string, ServiceSummaryView>;

const NO_ISSUERS: IssuerNames = new Map();

/**
 * A document as its resident sees it. `issuers` names the services that deposited documents; a
 * service the registry no longer knows is shown by its id.
 */
export function presentDocument(
  document: DocumentRecord,
  issuers: IssuerNames = NO_ISSUERS,
): DocumentView {
  const { issuer } = document;
  return {
    id: document.id,
    category: document.category,
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
    issuer,
    issuedBy:
      issuer === null
        ? null
        : (issuers.get(issuer) ?? { id: issuer, name: { en: issuer, it: issuer } }),
    current: presentVersion(document.current),
    versionCount: document.versionCount,
  };
}
