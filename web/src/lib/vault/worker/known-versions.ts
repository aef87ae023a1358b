/**
 * The current version of each document as the last list showed it, so that a download needs one
 * request (the content) instead of two. A version is immutable once complete, so a remembered one
 * is never wrong, only possibly not the newest — which is what the resident saw and chose. Tied to
 * the unlocked vault: a lock (a new UnlockedVault object) leaves nothing behind.
 */
import type { DocumentVersionView, DocumentView } from '../../api-types';
import type { UnlockedVault } from './keyring';

const known = new WeakMap<UnlockedVault, Map<string, DocumentVersionView>>();

/** Remembers the current versions of a whole list (forgetting documents no longer in it). */
export function rememberList(vault: UnlockedVault, documents: readonly DocumentView[]): void {
  known.set(vault, new Map(documents.map((d) => [d.id, d.current])));
}

/** Remembers one document's current version (after an upload). */
export function rememberDocument(vault: UnlockedVault, document: DocumentView): void {
  const versions = known.get(vault) ?? new Map<string, DocumentVersionView>();
  versions.set(document.id, document.current);
  known.set(vault, versions);
}

/** The remembered version of a document: its current one, or `version` if that is the one known. */
export function knownVersion(
  vault: UnlockedVault,
  documentId: string,
  version?: number,
): DocumentVersionView | undefined {
  const view = known.get(vault)?.get(documentId);
  return view !== undefined && (version === undefined || view.version === version)
    ? view
    : undefined;
}
