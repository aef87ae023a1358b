import type { DocumentCategory } from '../../lib/api-types';
import type { ConsentReceiptPayload, ResidentRequestView } from '../../lib/consent-types';

/** What the resident decided, and the facts the receipt binds it to. */
export interface ReceiptInput {
  request: ResidentRequestView;
  /** The consent's id (a fresh UUID), which is also the receipt's. */
  consentId: string;
  /** The resident's pseudonymous id (`/api/me`). */
  residentId: string;
  /** The vault's public origin (`window.location.origin`). */
  vault: string;
  documents: { id: string; version: number }[];
  categories: DocumentCategory[];
  standing: boolean;
  expiresAt: string;
  now: Date;
}

/**
 * The consent receipt's payload (ISO/IEC TS 27560 / Kantara fields, DESIGN §6), built from the
 * request as the vault showed it and the resident's choices. The vault checks every field against
 * the request and the approval before it countersigns, so nothing here is taken from elsewhere.
 */
export function buildReceiptPayload(input: ReceiptInput): ConsentReceiptPayload {
  const { request } = input;
  return {
    version: 'cv-consent-receipt/1',
    receiptId: input.consentId,
    requestId: request.id,
    vault: input.vault,
    iat: Math.floor(input.now.getTime() / 1000),
    collectionMethod: 'citizen-vault-web',
    piiPrincipalId: input.residentId,
    piiController: {
      id: request.service.id,
      name: { en: request.service.name.en, it: request.service.name.it },
    },
    purpose: {
      code: request.purpose.code,
      text: { en: request.purpose.text.en, it: request.purpose.text.it },
    },
    legalBasis: request.legalBasis,
    retentionDays: request.retentionDays,
    categories: [...input.categories],
    documents: input.documents.map(({ id, version }) => ({ id, version })),
    standing: input.standing,
    expiresAt: input.expiresAt,
  };
}
