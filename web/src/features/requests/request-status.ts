import type { RequestStatus, ResidentRequestView } from '../../lib/consent-types';
import type { MessageKey } from '../../lib/messages.en';

/** A request's status in words (never colour alone). */
export function requestStatusKey(status: RequestStatus): MessageKey {
  return `requests.status.${status}`;
}

/** True while the resident can still answer: pending and before its answer-by date. */
export function isAnswerable(request: ResidentRequestView, now = Date.now()): boolean {
  return request.status === 'pending' && new Date(request.answerBy).getTime() > now;
}

/** The inbox's two groups: waiting for an answer (soonest deadline first), then the rest. */
export function splitRequests(requests: readonly ResidentRequestView[], now = Date.now()) {
  const waiting = requests
    .filter((r) => isAnswerable(r, now))
    .sort((a, b) => a.answerBy.localeCompare(b.answerBy));
  const answered = requests.filter((r) => !isAnswerable(r, now));
  return { waiting, answered };
}

/** The status to show: a pending request past its answer-by date has lapsed. */
export function shownStatus(request: ResidentRequestView, now = Date.now()): RequestStatus {
  return request.status === 'pending' && !isAnswerable(request, now) ? 'expired' : request.status;
}
