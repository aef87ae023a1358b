import {
  decryptMetadata,
  fromBase64url,
  openDocumentKey,
  type DocumentContext,
  type DocumentKey,
} from '../../../../../crypto/src/index.js';
import type { DocumentVersionView, DocumentView } from '../../api-types';
import type { DocumentDetails, DocumentSummary } from '../protocol';
import { wipe, type UnlockedVault } from './keyring';

/** The context a version's ciphertexts are bound to (docs/crypto.md). */
export function documentContext(
  vault: UnlockedVault,
  documentId: string,
  version: number,
): DocumentContext {
  return { documentId, version, ownerId: vault.residentId };
}

/** Opens a version's sealed document key with the resident's X25519 key pair. */
export function openVersionKey(vault: UnlockedVault, version: DocumentVersionView): DocumentKey {
  return openDocumentKey(
    fromBase64url(version.wrappedKey),
    vault.keys.x25519PublicKey,
    vault.keys.x25519SecretKey,
  );
}

/** Decrypts a version's metadata; throws a CryptoError if it is damaged or not ours. */
export function readDetails(
  vault: UnlockedVault,
  documentId: string,
  version: DocumentVersionView,
): DocumentDetails {
  let dk: DocumentKey | null = null;
  try {
    dk = openVersionKey(vault, version);
    const context = documentContext(vault, documentId, version.version);
    const metadata = decryptMetadata(dk, context, fromBase64url(version.metadata));
    const details: DocumentDetails = {
      name: metadata.name,
      type: metadata.type,
      size: metadata.size,
    };
    if (typeof metadata.title === 'string') details.title = metadata.title;
    if (typeof metadata.notes === 'string') details.notes = metadata.notes;
    return details;
  } finally {
    wipe(dk);
  }
}

/** A document as the list shows it: its facts plus the decrypted name, or null if unreadable. */
export function summarizeDocument(vault: UnlockedVault, document: DocumentView): DocumentSummary {
  let details: DocumentDetails | null;
  try {
    details = readDetails(vault, document.id, document.current);
  } catch {
    details = null; // shown as "cannot be read"; never as a guess
  }
  return {
    id: document.id,
    category: document.category,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
    issuer: document.issuer,
    issuedBy: document.issuedBy ?? null,
    version: document.current.version,
    versionCount: document.versionCount,
    details,
  };
}
