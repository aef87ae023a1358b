import { z } from 'zod';
import { LEGAL_BASIS_CODES, type LegalBasisCode, type RequestStatus } from './consent.js';
import { DOCUMENT_CATEGORIES, putVersionPrelude, type DocumentCategory } from './vault.js';

/**
 * Wire contract of what a city service does with its bearer token (issue 5, DESIGN §6), under
 * `/api/v1/service/`: file requests, read their status, list what was granted, read a granted
 * document (ciphertext + its key sealed to the service, released with its log entry), deposit an
 * issued document. Binary values are unpadded base64url. docs/api/service-api.openapi.json
 * describes the same routes.
 */

/**
 * National identifier of the resident, as the city's eID carries it (e.g. an Italian codice
 * fiscale, which SPID sends as `TINIT-RSSMRA85M41H501U`): letters and digits, in parts joined by
 * single hyphens.
 */
export const nationalId = z
  .string()
  .min(4)
  .max(64)
  .regex(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/);

/** `POST /api/v1/service/requests`. */
export const createServiceRequestBody = z.strictObject({
  nationalId,
  categories: z
    .array(z.enum(DOCUMENT_CATEGORIES))
    .min(1)
    .max(DOCUMENT_CATEGORIES.length)
    .refine((c) => new Set(c).size === c.length, 'categories repeat'),
  /** One of the service's registered purpose codes. */
  purpose: z.string().min(1).max(64),
  legalBasis: z.enum(LEGAL_BASIS_CODES),
  /** How long the service keeps what it reads, in days. */
  retentionDays: z.number().int().min(0).max(36_500),
  /** When the request lapses if unanswered: in the future, at most 90 days ahead. */
  answerBy: z.iso.datetime(),
});
export type CreateServiceRequestBody = z.infer<typeof createServiceRequestBody>;

/** A request as the service that filed it sees it. */
export interface ServiceRequestView {
  id: string;
  status: RequestStatus;
  categories: DocumentCategory[];
  purpose: string;
  legalBasis: LegalBasisCode;
  retentionDays: number;
  answerBy: string;
  createdAt: string;
  answeredAt: string | null;
  /** The grant that answered it, when approved. */
  grantId: string | null;
}

export interface ServiceRequestResponse {
  request: ServiceRequestView;
}

export type ServiceGrantStatus = 'active' | 'expired' | 'revoked';

/** A grant as its service sees it: what it may read now, for which purpose, until when. */
export interface ServiceGrantView {
  id: string;
  requestId: string;
  status: ServiceGrantStatus;
  purpose: string;
  legalBasis: LegalBasisCode;
  categories: DocumentCategory[];
  standing: boolean;
  expiresAt: string;
  createdAt: string;
  /** Documents with a key sealed to the service (empty once the grant ended). */
  documents: { id: string; version: number; category: DocumentCategory; size: number }[];
}

export interface ServiceGrantListResponse {
  grants: ServiceGrantView[];
}
export interface ServiceGrantResponse {
  grant: ServiceGrantView;
}

/**
 * `GET /api/v1/service/grants/:grantId/documents/:documentId?purpose=<code>` answers
 * `application/octet-stream`: u32 big-endian n ‖ n bytes of UTF-8 JSON (this prelude) ‖ the chunk
 * ciphertexts back to back (`chunkCount` of them, framed as docs/crypto.md says). The prelude
 * carries what the service needs to decrypt with its X25519 secret key.
 */
export interface GrantedDocumentPrelude {
  grantId: string;
  documentId: string;
  /** The resident's pseudonymous id: bound into the ciphertext's associated data. */
  ownerId: string;
  version: number;
  category: DocumentCategory;
  size: number;
  chunkCount: number;
  /** Secretstream header. */
  header: string;
  /** The document key sealed to the service (crypto_box_seal). */
  wrappedKey: string;
  /** Encrypted metadata (file name, type, size), under the document key. */
  metadata: string;
}

/** `POST /api/v1/service/deposits`: whom to deposit to. */
export const prepareDepositBody = z.strictObject({ nationalId });
export type PrepareDepositBody = z.infer<typeof prepareDepositBody>;

/** What the service needs to encrypt a document for the resident. */
export interface PrepareDepositResponse {
  /** The resident's pseudonymous id: bind it as the owner in the associated data. */
  ownerId: string;
  /** Base64url X25519 public key of the resident: seal the document key to it. */
  x25519PublicKey: string;
}

/**
 * `PUT /api/v1/service/deposits/:documentId` (a lowercase UUID the service chooses; version 1) —
 * the body is framed like the resident's one-request upload (contracts/vault.ts
 * `putVersionPrelude`): u32 n ‖ JSON prelude ‖ chunks, with `nationalId` added to the prelude.
 */
export const depositPrelude = putVersionPrelude.extend({ nationalId });
export type DepositPrelude = z.infer<typeof depositPrelude>;

/** A deposit's answer: 201 when stored, 200 when this very version was stored before (a retry). */
export interface DepositResponse {
  documentId: string;
  ownerId: string;
  version: 1;
}
