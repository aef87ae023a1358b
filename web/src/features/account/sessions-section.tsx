import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Spinner } from '../../components/spinner';
import { StatusMessage } from '../../components/status-message';
import { useT } from '../../lib/i18n';
import { endOtherSessions } from './api/end-other-sessions';
import { sessionsQuery, type Status } from './queries';
import { SessionItem } from './session-item';

function endedOthersStatus(ended: number): Status {
  if (ended === 0) return { key: 'sessions.endedOthersNone' };
  if (ended === 1) return { key: 'sessions.endedOthersOne' };
  return { key: 'sessions.endedOthersMany', params: { count: ended } };
}

/** Where the resident is signed in, with a way to end the other sessions. */
export function SessionsSection() {
  const t = useT();
  const queryClient = useQueryClient();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const sessions = useQuery(sessionsQuery);

  const endOthers = useMutation({
    mutationFn: endOtherSessions,
    onSuccess: (ended) => {
      queryClient.setQueryData(sessionsQuery.queryKey, (old) => old?.filter((s) => s.current));
      setStatus(endedOthersStatus(ended));
    },
    // Also after a failure: "not found" means the list here is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsQuery.queryKey }),
  });

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('sessions.heading')}
      </h2>
      <p>{t('sessions.intro')}</p>
      <StatusMessage>{status ? t(status.key, status.params) : null}</StatusMessage>
      {sessions.isPending ? (
        <Spinner />
      ) : sessions.isError ? (
        <ErrorAlert error={sessions.error}>
          <button type="button" className="button" onClick={() => void sessions.refetch()}>
            {t('common.retry')}
          </button>
        </ErrorAlert>
      ) : (
        <ul className="item-list">
          {sessions.data.map((session) => (
            <SessionItem
              key={session.id}
              session={session}
              onEnded={() => {
                setStatus({ key: 'sessions.endedStatus' });
                headingRef.current?.focus();
              }}
            />
          ))}
        </ul>
      )}
      <div className="actions">
        <button
          type="button"
          className="button button-danger"
          data-testid="end-other-sessions"
          aria-busy={endOthers.isPending}
          onClick={() => {
            if (!endOthers.isPending) endOthers.mutate();
          }}
        >
          {t('sessions.endOthers')}
        </button>
      </div>
      {endOthers.isError && <ErrorAlert error={endOthers.error} />}
    </section>
  );
}
