import { apiPost } from '../../../lib/api';
import type { DocumentView } from '../../../lib/api-types';
import type { ApproveRequestBody, RequestDetailResponse } from '../../../lib/consent-types';
import { sealDocumentsForService, signConsentReceipt } from '../../../lib/vault/vault-client';
import { buildReceiptPayload } from '../build-receipt';

/** What the resident chose on the request page. */
export interface ApproveChoice {
  detail: RequestDetailResponse;
  documents: DocumentView[];
  standing: boolean;
  expiresAt: string;
  residentId: string;
}

/**
 * Approves a request (DESIGN §6): the vault worker opens the chosen documents' keys and seals them
 * to the service's X25519 key, then signs the consent receipt with the resident's Ed25519 key;
 * `POST /api/requests/:id/approve` stores both. Resolves with the new consent's id.
 */
export async function approveRequest(choice: ApproveChoice): Promise<string> {
  const { detail } = choice;
  const { request } = detail;
  const consentId = crypto.randomUUID();
  const sealed = await sealDocumentsForService({
    documents: choice.documents.map((d) => ({
      id: d.id,
      version: d.current.version,
      wrappedKey: d.current.wrappedKey,
    })),
    serviceX25519PublicKey: detail.serviceX25519PublicKey,
  });
  const receipt = await signConsentReceipt(
    buildReceiptPayload({
      request,
      consentId,
      residentId: choice.residentId,
      vault: window.location.origin,
      documents: sealed,
      categories: request.categories,
      standing: choice.standing,
      expiresAt: choice.expiresAt,
      now: new Date(),
    }),
  );
  const body: ApproveRequestBody = {
    consentId,
    documents: sealed,
    standing: choice.standing,
    categories: request.categories,
    expiresAt: choice.expiresAt,
    receipt,
  };
  await apiPost<unknown>(`/api/requests/${encodeURIComponent(request.id)}/approve`, body);
  return consentId;
}
