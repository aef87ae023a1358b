import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Spinner } from '../../components/spinner';
import { StatusMessage } from '../../components/status-message';
import { requestQuery } from '../../lib/consent-queries';
import type { RequestDetailResponse } from '../../lib/consent-types';
import { useI18n } from '../../lib/i18n';
import { localized } from '../../lib/localized';
import type { MessageKey } from '../../lib/messages.en';
import { useMe } from '../../lib/me-query';
import { markRequestSeen } from '../../lib/seen-requests';
import { useDocumentTitle } from '../../lib/use-document-title';
import { categoryMessageKey } from '../../lib/vault/categories';
import { AnswerForm } from './answer-form';
import { documentNamesQuery } from './queries';
import { RequestFacts } from './request-facts';
import { isAnswerable, requestStatusKey, shownStatus } from './request-status';

/**
 * One request in plain language (DESIGN §6): who asks, what, why, under which law, how long they
 * keep it, by when to answer, and which of the resident's documents match (names decrypted in the
 * vault worker); then the answer: share chosen documents until a date, or refuse.
 */
export function RequestPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data: me } = useMe();
  const detail = useQuery(requestQuery(id));
  useDocumentTitle(t('request.title'));

  useEffect(() => {
    if (me && detail.data) markRequestSeen(me.id, detail.data.request.id);
  }, [me, detail.data]);

  if (detail.isPending) return <Spinner label={t('request.loading')} />;
  if (detail.isError) {
    return (
      <>
        <h1>{t('request.title')}</h1>
        <ErrorAlert error={detail.error}>
          <p>
            <Link to="/requests">{t('request.backToInbox')}</Link>
          </p>
        </ErrorAlert>
      </>
    );
  }
  if (!me) return null;
  return <RequestDetail detail={detail.data} residentId={me.id} />;
}

function RequestDetail({
  detail,
  residentId,
}: {
  detail: RequestDetailResponse;
  residentId: string;
}) {
  const { t, lang } = useI18n();
  const { request } = detail;
  const service = localized(request.service.name, lang);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<{ key: MessageKey; focus: number } | null>(null);
  const documents = useQuery(documentNamesQuery);
  const matchingId = useId();
  const status_ = shownStatus(request);

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const d of documents.data ?? []) if (d.details) map.set(d.id, d.details.name);
    return map;
  }, [documents.data]);

  // After an answer, focus goes to the heading (the form is gone), then the status is announced.
  useEffect(() => {
    if (status) headingRef.current?.focus();
  }, [status]);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/requests">{t('request.backToInbox')}</Link>
      </p>
      <h1 ref={headingRef} tabIndex={-1} data-testid="request-heading">
        {t('request.heading', { service })}
      </h1>
      <p className="chips">
        <span className={`chip chip-status chip-${status_}`} data-testid="request-status">
          {t(requestStatusKey(status_))}
        </span>
      </p>
      <StatusMessage>{status ? t(status.key, { service }) : null}</StatusMessage>
      <RequestFacts request={request} />

      <section className="section" aria-labelledby={matchingId}>
        <h2 id={matchingId}>{t('request.matchingHeading')}</h2>
        {detail.matchingDocuments.length === 0 ? (
          <p data-testid="request-no-match">{t('request.matchingNone')}</p>
        ) : documents.isPending ? (
          <Spinner label={t('documents.decrypting')} />
        ) : (
          <ul className="plain-list" data-testid="request-matching">
            {detail.matchingDocuments.map((d) => (
              <li key={d.id}>
                <span translate="no">{names.get(d.id) ?? t('documents.unreadableName')}</span> (
                {t(categoryMessageKey(d.category))})
              </li>
            ))}
          </ul>
        )}
      </section>

      {isAnswerable(request) ? (
        <AnswerForm
          detail={detail}
          names={names}
          residentId={residentId}
          onAnswered={(key) => setStatus({ key, focus: Date.now() })}
        />
      ) : (
        <section className="section">
          <p data-testid="request-answered">
            {request.status === 'approved'
              ? t('request.approvedText', { service })
              : request.status === 'refused'
                ? t('request.refusedText', { service })
                : request.status === 'withdrawn'
                  ? t('request.withdrawnText', { service })
                  : t('request.expiredText', { service })}
          </p>
          {request.status === 'approved' && (
            <p>
              <Link to="/consents" data-testid="to-consents">
                {t('request.seeConsents')}
              </Link>
            </p>
          )}
        </section>
      )}
    </>
  );
}
