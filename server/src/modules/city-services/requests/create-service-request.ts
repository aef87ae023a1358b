import { randomUUID } from 'node:crypto';
import type { CreateServiceRequestBody } from '../../../contracts/index.js';
import { httpErrors } from '../../../http/errors.js';
import type { CityServiceRecord, ServiceRequestRecord } from '../../../storage/index.js';
import type { CityServicesDeps } from '../city-services-deps.js';
import { serviceErrors } from '../lib/service-errors.js';
import { serviceEvent, statedPurpose } from '../lib/service-event.js';

/** The latest answer-by date a request may set, counted from now (issue 5). */
export const MAX_ANSWER_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * Files a city service's request for a resident's documents (DESIGN §6): the purpose and legal
 * basis must be among those the operator registered for the service, the answer-by date in the
 * future and at most {@link MAX_ANSWER_DAYS} ahead, and the resident known by their national
 * identifier. The request and its `request.created` entry in the resident's log commit together;
 * the resident's open pages hear of it after that.
 */
export async function createServiceRequest(
  deps: Pick<CityServicesDeps, 'storage' | 'accessLog' | 'notifier' | 'logger' | 'now'>,
  service: CityServiceRecord,
  body: CreateServiceRequestBody,
): Promise<ServiceRequestRecord> {
  const { storage, accessLog, notifier, logger } = deps;
  if (!service.purposes.some((p) => p.code === body.purpose)) {
    throw serviceErrors.purposeNotAllowed('purpose');
  }
  if (!service.legalBases.includes(body.legalBasis)) {
    throw serviceErrors.purposeNotAllowed('legal basis');
  }
  const now = deps.now();
  const answerBy = new Date(body.answerBy);
  if (answerBy.getTime() <= now.getTime()) {
    throw httpErrors.validation('The request is not valid (answerBy: must be in the future).');
  }
  if (answerBy.getTime() > now.getTime() + MAX_ANSWER_DAYS * DAY_MS) {
    throw httpErrors.validation(
      `The request is not valid (answerBy: at most ${MAX_ANSWER_DAYS} days ahead).`,
    );
  }
  const resident = await storage.findResidentByNationalId(body.nationalId);
  if (!resident) throw serviceErrors.unknownResident();

  const request = await storage.createServiceRequest(
    {
      id: randomUUID(),
      serviceId: service.id,
      residentId: resident.id,
      categories: [...body.categories],
      purposeCode: body.purpose,
      legalBasis: body.legalBasis,
      retentionDays: body.retentionDays,
      answerBy,
      status: 'pending',
      createdAt: now,
      answeredAt: null,
    },
    accessLog.audit((filed) =>
      serviceEvent(service, filed.residentId, now, 'request.created', {
        purpose: statedPurpose(service, filed.purposeCode),
        legalBasis: filed.legalBasis,
        detail: { request: filed.id, categories: filed.categories.join(' ') },
      }),
    ),
  );
  notifier.publish(resident.id, { type: 'request.created', requestId: request.id });
  logger.info({ service: service.id, request: request.id }, 'service request filed');
  return request;
}
