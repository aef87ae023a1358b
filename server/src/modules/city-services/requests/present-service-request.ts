import type { DocumentCategory, ServiceRequestView } from '../../../contracts/index.js';
import type { ServiceRequestRecord } from '../../../storage/index.js';

/**
 * A request as the service that filed it sees it. A pending request past its answer-by date is
 * 'expired' (DESIGN §6): nothing stores that, it is a matter of the clock.
 */
export function presentServiceRequest(
  request: ServiceRequestRecord,
  grantId: string | null,
  now: Date,
): ServiceRequestView {
  const lapsed = request.status === 'pending' && request.answerBy.getTime() <= now.getTime();
  return {
    id: request.id,
    status: lapsed ? 'expired' : request.status,
    categories: [...request.categories] as DocumentCategory[],
    purpose: request.purposeCode,
    legalBasis: request.legalBasis,
    retentionDays: request.retentionDays,
    answerBy: request.answerBy.toISOString(),
    createdAt: request.createdAt.toISOString(),
    answeredAt: request.answeredAt?.toISOString() ?? null,
    grantId: request.status === 'approved' ? grantId : null,
  };
}
