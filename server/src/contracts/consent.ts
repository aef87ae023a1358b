import { z } from 'zod';
import { DOCUMENT_CATEGORIES, type DocumentCategory, type DocumentView } from './vault.js';

/**
 * Wire contract of the resident's side of consent (issue 5, DESIGN §6): the requests inbox, the
 * answer (refuse, or approve with document keys sealed to the service in the browser and a signed
 * consent receipt), the consents page, and the live events. Binary values are unpadded base64url.
 */

/** GDPR Art. 6(1) lawful bases, as codes (the same list the storage port keeps). */
export const LEGAL_BASIS_CODES = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
] as const;
export type LegalBasisCode = (typeof LEGAL_BASIS_CODES)[number];

export interface LocalizedTextView {
  en: string;
  it: string;
}

export interface ServiceSummaryView {
  id: string;
  name: LocalizedTextView;
}

export interface PurposeView {
  code: string;
  text: LocalizedTextView;
}

/** A pending request past its answer-by date is 'expired'. */
export type RequestStatus = 'pending' | 'approved' | 'refused' | 'expired' | 'withdrawn';

/** A request as its resident sees it. */
export interface ResidentRequestView {
  id: string;
  status: RequestStatus;
  service: ServiceSummaryView;
  categories: DocumentCategory[];
  purpose: PurposeView;
  legalBasis: LegalBasisCode;
  /** How long the service says it keeps what it reads. */
  retentionDays: number;
  answerBy: string;
  createdAt: string;
  answeredAt: string | null;
  /** The consent that answered it, when approved. */
  consentId: string | null;
}

/** `GET /api/requests`: newest first. */
export interface RequestListResponse {
  requests: ResidentRequestView[];
}

/** `GET /api/requests/:id`: the request, the service's sealing key, and the matching documents. */
export interface RequestDetailResponse {
  request: ResidentRequestView;
  /** Base64url X25519 public key: the browser seals the chosen document keys to it. */
  serviceX25519PublicKey: string;
  /** The resident's documents in the requested categories (names are decrypted in the browser). */
  matchingDocuments: DocumentView[];
}

const base64url = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/)
    .length(Math.ceil((bytes * 4) / 3));

/** One document key sealed to the service (crypto_box_seal of the 32-byte key: 80 bytes). */
export const sealedDocumentKey = z.strictObject({
  id: z.uuid(),
  version: z.number().int().min(1),
  wrappedKey: base64url(80),
});

/** A compact JWS (three base64url parts), at most 16 KiB. */
export const compactJws = z
  .string()
  .max(16 * 1024)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

/** `POST /api/requests/:id/approve`. */
export const approveRequestBody = z.strictObject({
  /** Chosen by the browser (it is the receipt's id); a lowercase UUID. */
  consentId: z.uuid(),
  documents: z.array(sealedDocumentKey).max(200),
  /** Standing consent: later documents in these categories are sealed too, until `expiresAt`. */
  standing: z.boolean(),
  /** Subset of the request's categories this consent covers. */
  categories: z.array(z.enum(DOCUMENT_CATEGORIES)).min(1).max(DOCUMENT_CATEGORIES.length),
  expiresAt: z.iso.datetime(),
  /** The consent receipt (JWS, EdDSA) signed with the resident's Ed25519 key. */
  receipt: compactJws,
});
export type ApproveRequestBody = z.infer<typeof approveRequestBody>;

/** `POST /api/consents/:id/keys`: documents sealed to a standing consent later. */
export const addConsentKeysBody = z.strictObject({
  documents: z.array(sealedDocumentKey).min(1).max(200),
});
export type AddConsentKeysBody = z.infer<typeof addConsentKeysBody>;

export type ConsentStatus = 'active' | 'expired' | 'revoked';

/** A consent (grant) as its resident sees it. */
export interface ConsentView {
  id: string;
  requestId: string;
  status: ConsentStatus;
  service: ServiceSummaryView;
  purpose: PurposeView;
  legalBasis: LegalBasisCode;
  categories: DocumentCategory[];
  standing: boolean;
  expiresAt: string;
  createdAt: string;
  endedAt: string | null;
  /** The documents whose keys are sealed to the service now (empty once ended). */
  documents: { id: string; version: number }[];
  /** Base64url X25519 key of the service (for standing consents: to seal new documents). */
  serviceX25519PublicKey: string;
}

export interface ConsentListResponse {
  consents: ConsentView[];
}
export interface ConsentResponse {
  consent: ConsentView;
}

/** `GET /api/consents/:id/receipt`: what the resident downloads and keeps. */
export interface ConsentReceiptResponse {
  /** The receipt the resident's browser signed (compact JWS, EdDSA). */
  receipt: string;
  /** The vault's countersignature (compact JWS, EdDSA) over the receipt's SHA-256. */
  countersignature: string;
  /** The vault's receipt-signing public key, as a JWK, to check the countersignature. */
  vaultKey: Record<string, string>;
}

/**
 * The consent receipt's payload (JWS EdDSA, `typ: "consent-receipt+jwt"`), with fields after
 * ISO/IEC TS 27560 and the Kantara consent receipt. The vault checks every field against the
 * request and the approval before it countersigns.
 */
export interface ConsentReceiptPayload {
  /** Format of this payload. */
  version: 'cv-consent-receipt/1';
  /** = the consent id. */
  receiptId: string;
  requestId: string;
  /** The vault's public origin (where the consent lives). */
  vault: string;
  /** Seconds since the epoch when the resident approved. */
  iat: number;
  collectionMethod: 'citizen-vault-web';
  /** The resident's pseudonymous id in this vault (PII principal). */
  piiPrincipalId: string;
  /** The controller the data goes to. */
  piiController: ServiceSummaryView;
  purpose: PurposeView;
  legalBasis: LegalBasisCode;
  retentionDays: number;
  categories: DocumentCategory[];
  documents: { id: string; version: number }[];
  standing: boolean;
  expiresAt: string;
}

/** `version` of every {@link ConsentReceiptPayload} this vault accepts. */
export const CONSENT_RECEIPT_VERSION = 'cv-consent-receipt/1';

/** The `typ` header of the vault's countersignature over a consent receipt. */
export const CONSENT_COUNTERSIGNATURE_TYP = 'consent-countersignature+jwt';

/**
 * The payload of the vault's countersignature (JWS EdDSA, `typ: "consent-countersignature+jwt"`,
 * `kid` = the receipt key's RFC 7638 thumbprint): the vault saw this receipt, checked it, and
 * stored the consent at `countersignedAt`.
 */
export interface ConsentCountersignaturePayload {
  /** Base64url SHA-256 of the receipt's compact JWS text (its ASCII bytes). */
  receiptSha256: string;
  consentId: string;
  /** ISO 8601 time the vault countersigned. */
  countersignedAt: string;
  /** The vault's public origin. */
  vault: string;
}

/** Events on `GET /api/events` (server-sent events: `event: <type>`, `data: <json>`). */
export type ResidentEvent =
  | { type: 'request.created'; requestId: string }
  | { type: 'request.updated'; requestId: string }
  | { type: 'consent.updated'; consentId: string }
  | {
      type: 'document.read';
      consentId: string;
      documentId: string;
      service: ServiceSummaryView;
      at: string;
    }
  | { type: 'document.deposited'; documentId: string; service: ServiceSummaryView };
