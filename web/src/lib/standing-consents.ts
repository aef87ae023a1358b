import { apiGet, apiPost } from './api';
import type { DocumentListResponse, DocumentView } from './api-types';
import type {
  AddConsentKeysBody,
  ConsentListResponse,
  ConsentView,
  ServiceSummaryView,
} from './consent-types';
import type { DocumentToSeal } from './vault/protocol';
import { sealDocumentsForService } from './vault/vault-client';

/**
 * Standing consents (DESIGN §6): "a new document in a granted category is wrapped for the service
 * when the resident's browser next sees it". The browser does it once per unlock, quietly.
 */

/** The most keys one `POST /api/consents/:id/keys` carries (the contract's bound). */
const MAX_KEYS_PER_REQUEST = 200;

/**
 * The versions an active standing consent does not cover yet: in its categories, and either a
 * newer version of a document it already shares, or a document added after the consent was
 * given. Documents that existed then and that the resident did not choose stay unshared.
 */
export function documentsToSeal(consent: ConsentView, documents: DocumentView[]): DocumentToSeal[] {
  if (consent.status !== 'active' || !consent.standing) return [];
  const shared = new Map<string, number>();
  for (const d of consent.documents) shared.set(d.id, Math.max(d.version, shared.get(d.id) ?? 0));
  const given = new Date(consent.createdAt).getTime();
  const result: DocumentToSeal[] = [];
  for (const document of documents) {
    if (!consent.categories.includes(document.category)) continue;
    const version = document.current.version;
    const sharedVersion = shared.get(document.id);
    const isNew =
      sharedVersion === undefined
        ? new Date(document.createdAt).getTime() > given
        : version > sharedVersion;
    if (isNew) result.push({ id: document.id, version, wrappedKey: document.current.wrappedKey });
  }
  return result;
}

/** What one run shared: per consent, its service and how many documents were added. */
export interface StandingSyncResult {
  consentId: string;
  service: ServiceSummaryView;
  added: number;
}

/**
 * Seals the documents that the resident's active standing consents do not cover yet to their
 * services (`POST /api/consents/:id/keys`). Needs the vault unlocked. A consent that fails (it
 * was revoked meanwhile, say) does not stop the others; the first failure is rethrown at the end.
 */
export async function sealForStandingConsents(signal?: AbortSignal): Promise<StandingSyncResult[]> {
  const options = signal ? { signal } : {};
  const { consents } = await apiGet<ConsentListResponse>('/api/consents', options);
  const standing = consents.filter((c) => c.status === 'active' && c.standing);
  if (standing.length === 0) return [];
  const { documents } = await apiGet<DocumentListResponse>('/api/documents', options);
  const results: StandingSyncResult[] = [];
  let failure: unknown = null;
  for (const consent of standing) {
    const pending = documentsToSeal(consent, documents);
    if (pending.length === 0) continue;
    try {
      for (let i = 0; i < pending.length; i += MAX_KEYS_PER_REQUEST) {
        const sealed = await sealDocumentsForService({
          documents: pending.slice(i, i + MAX_KEYS_PER_REQUEST),
          serviceX25519PublicKey: consent.serviceX25519PublicKey,
        });
        const body: AddConsentKeysBody = { documents: sealed };
        await apiPost<unknown>(
          `/api/consents/${encodeURIComponent(consent.id)}/keys`,
          body,
          options,
        );
      }
      results.push({ consentId: consent.id, service: consent.service, added: pending.length });
    } catch (error) {
      signal?.throwIfAborted();
      failure ??= error;
    }
  }
  if (failure !== null && results.length === 0) throw failure;
  return results;
}
