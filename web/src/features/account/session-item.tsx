import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/error-alert';
import type { SessionView } from '../../lib/api-types';
import { useConfig } from '../../lib/config-query';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { endSession } from './api/end-session';
import { sessionsQuery } from './queries';

/** One session: device, how it signed in, when; other sessions can be ended. */
export function SessionItem({ session, onEnded }: { session: SessionView; onEnded: () => void }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const { data: config } = useConfig();
  const device = session.device.trim() || t('sessions.unknownDevice');
  const method =
    session.signedInWith === 'eid'
      ? (config?.eidName ?? t('common.eid'))
      : t('sessions.methodPasskey');

  const end = useMutation({
    mutationFn: () => endSession(session.id),
    onSuccess: () => {
      queryClient.setQueryData(sessionsQuery.queryKey, (old) =>
        old?.filter((s) => s.id !== session.id),
      );
      onEnded();
    },
    // Also after a failure: "not found" means the list here is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsQuery.queryKey }),
  });

  return (
    <li className={session.current ? 'item item-current' : 'item'} data-testid="session-item">
      <h3 className="item-title">
        {device}
        {session.current && (
          <>
            {' '}
            <span className="badge" data-testid="this-device">
              {t('sessions.thisDevice')}
            </span>
          </>
        )}
      </h3>
      <dl className="facts">
        <div>
          <dt>{t('sessions.signedInWith')}</dt>
          <dd>{method}</dd>
        </div>
        <div>
          <dt>{t('sessions.started')}</dt>
          <dd>{formatDateTime(session.createdAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('sessions.lastSeen')}</dt>
          <dd>{formatDateTime(session.lastSeenAt, lang)}</dd>
        </div>
      </dl>
      {!session.current && (
        <div className="actions">
          <button
            type="button"
            className="button button-secondary"
            data-testid="end-session"
            aria-busy={end.isPending}
            onClick={() => {
              if (!end.isPending) end.mutate();
            }}
          >
            {t('sessions.end')}
            <span className="visually-hidden">: {device}</span>
          </button>
        </div>
      )}
      {end.isError && <ErrorAlert error={end.error} />}
    </li>
  );
}
