import type {
  ConsentStatus,
  ConsentView,
  LegalBasisCode,
  PurposeView,
  RequestStatus,
  ResidentRequestView,
  ServiceSummaryView,
} from '../../contracts/consent.js';
import type { DocumentCategory } from '../../contracts/vault.js';
import type {
  CityServiceRecord,
  GrantKeyRecord,
  GrantRecord,
  ServiceRequestRecord,
} from '../../storage/index.js';

type ServiceLike = Pick<CityServiceRecord, 'id' | 'name' | 'purposes'>;

/** A service as residents see it; an id the registry no longer knows is shown as itself. */
export function presentService(id: string, service: ServiceLike | null): ServiceSummaryView {
  return { id, name: service ? { ...service.name } : { en: id, it: id } };
}

/** A purpose code with the service's registered wording (the code itself if it has none). */
export function presentPurpose(code: string, service: ServiceLike | null): PurposeView {
  const text = service?.purposes.find((p) => p.code === code)?.text;
  return { code, text: text ? { ...text } : { en: code, it: code } };
}

/** Where a request stands now: a pending one past its answer-by date has expired. */
export function requestStatus(request: ServiceRequestRecord, now: Date): RequestStatus {
  if (request.status === 'pending' && request.answerBy.getTime() <= now.getTime()) return 'expired';
  return request.status;
}

export function presentRequest(
  request: ServiceRequestRecord,
  service: ServiceLike | null,
  consentId: string | null,
  now: Date,
): ResidentRequestView {
  return {
    id: request.id,
    status: requestStatus(request, now),
    service: presentService(request.serviceId, service),
    categories: request.categories as DocumentCategory[],
    purpose: presentPurpose(request.purposeCode, service),
    legalBasis: request.legalBasis as LegalBasisCode,
    retentionDays: request.retentionDays,
    answerBy: request.answerBy.toISOString(),
    createdAt: request.createdAt.toISOString(),
    answeredAt: request.answeredAt?.toISOString() ?? null,
    consentId,
  };
}

/** A consent is active until revoked, or until its expiry (even before the sweep records it). */
export function consentStatus(grant: GrantRecord, now: Date): ConsentStatus {
  if (grant.endReason !== null) return grant.endReason;
  return grant.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

export function presentConsent(
  grant: GrantRecord,
  service: (ServiceLike & Pick<CityServiceRecord, 'x25519PublicKey'>) | null,
  keys: GrantKeyRecord[],
  now: Date,
): ConsentView {
  const status = consentStatus(grant, now);
  return {
    id: grant.id,
    requestId: grant.requestId,
    status,
    service: presentService(grant.serviceId, service),
    purpose: presentPurpose(grant.purposeCode, service),
    legalBasis: grant.legalBasis as LegalBasisCode,
    categories: grant.categories as DocumentCategory[],
    standing: grant.standing,
    expiresAt: grant.expiresAt.toISOString(),
    createdAt: grant.createdAt.toISOString(),
    endedAt:
      (grant.endedAt ?? (status === 'expired' ? grant.expiresAt : null))?.toISOString() ?? null,
    documents:
      status === 'active' ? keys.map((k) => ({ id: k.documentId, version: k.version })) : [],
    serviceX25519PublicKey: service ? encodeBase64url(service.x25519PublicKey) : '',
  };
}

/** Encodes stored bytes for the wire. */
export function encodeBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url');
}
