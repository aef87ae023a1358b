/**
 * The wire types of consent (issue 5) that the web app shares with the server. Type-only:
 * importing values from the contracts would pull zod into the bundle.
 */
export type {
  ApproveRequestBody,
  AddConsentKeysBody,
  ConsentListResponse,
  ConsentReceiptPayload,
  ConsentReceiptResponse,
  ConsentResponse,
  ConsentStatus,
  ConsentView,
  LegalBasisCode,
  LocalizedTextView,
  PurposeView,
  RequestDetailResponse,
  RequestListResponse,
  RequestStatus,
  ResidentEvent,
  ResidentRequestView,
  ServiceSummaryView,
} from '../../../server/src/contracts/consent.js';
