import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Spinner } from '../../components/spinner';
import { requestsQuery } from '../../lib/consent-queries';
import type { ResidentRequestView } from '../../lib/consent-types';
import { useI18n } from '../../lib/i18n';
import { localized } from '../../lib/localized';
import { useMe } from '../../lib/me-query';
import { isUnread, useSeenRequests } from '../../lib/seen-requests';
import { useDocumentTitle } from '../../lib/use-document-title';
import { RequestFacts } from './request-facts';
import { requestStatusKey, shownStatus, splitRequests } from './request-status';

/**
 * The requests inbox (DESIGN §6, §9): city services' requests for the resident's documents, those
 * waiting for an answer first. It updates live (the resident event stream invalidates it).
 */
export function RequestsPage() {
  const t = useI18n().t;
  useDocumentTitle(t('requests.title'));
  const { data: me } = useMe();
  const requests = useQuery(requestsQuery);
  const seen = useSeenRequests(me?.id);
  const waitingId = useId();
  const answeredId = useId();
  const groups = requests.data ? splitRequests(requests.data.requests) : null;

  return (
    <>
      <h1>{t('requests.heading')}</h1>
      <p className="lead">{t('requests.lead')}</p>
      {requests.isPending ? (
        <Spinner label={t('requests.loading')} />
      ) : requests.isError ? (
        <ErrorAlert error={requests.error}>
          <button type="button" className="button" onClick={() => void requests.refetch()}>
            {t('common.retry')}
          </button>
        </ErrorAlert>
      ) : (
        groups && (
          <>
            <section className="section" aria-labelledby={waitingId}>
              <h2 id={waitingId}>{t('requests.waitingHeading')}</h2>
              <p role="status" className="hint" data-testid="requests-waiting-count">
                {groups.waiting.length === 0
                  ? t('requests.waitingNone')
                  : groups.waiting.length === 1
                    ? t('requests.waitingOne')
                    : t('requests.waitingMany', { count: groups.waiting.length })}
              </p>
              {groups.waiting.length > 0 && (
                <RequestList requests={groups.waiting} seen={seen} testId="requests-waiting" />
              )}
            </section>
            <section className="section" aria-labelledby={answeredId}>
              <h2 id={answeredId}>{t('requests.answeredHeading')}</h2>
              {groups.answered.length === 0 ? (
                <p>{t('requests.answeredNone')}</p>
              ) : (
                <RequestList requests={groups.answered} seen={seen} testId="requests-answered" />
              )}
            </section>
          </>
        )
      )}
    </>
  );
}

function RequestList({
  requests,
  seen,
  testId,
}: {
  requests: ResidentRequestView[];
  seen: readonly string[];
  testId: string;
}) {
  const { t, lang } = useI18n();
  return (
    <ul className="item-list" data-testid={testId}>
      {requests.map((request) => {
        const status = shownStatus(request);
        const unread = isUnread(request, seen);
        return (
          <li
            key={request.id}
            className="item request-item"
            data-testid="request-item"
            data-request-id={request.id}
            data-status={status}
          >
            <h3 className="item-title">
              <Link to={`/requests/${request.id}`} data-testid="request-link">
                {localized(request.service.name, lang)}
                <span className="visually-hidden">
                  {' '}
                  – {t('requests.openRequest')}
                  {unread ? `, ${t('requests.new')}` : ''}
                </span>
              </Link>
            </h3>
            <p className="chips">
              {unread && (
                <span className="chip chip-new" aria-hidden="true">
                  {t('requests.new')}
                </span>
              )}
              <span className={`chip chip-status chip-${status}`} data-testid="request-status">
                {t(requestStatusKey(status))}
              </span>
            </p>
            <RequestFacts request={request} short />
          </li>
        );
      })}
    </ul>
  );
}
