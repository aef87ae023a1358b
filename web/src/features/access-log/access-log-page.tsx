import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Spinner } from '../../components/spinner';
import { StatusMessage } from '../../components/status-message';
import { useT } from '../../lib/i18n';
import { useMe } from '../../lib/me-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useVaultUnlocked } from '../../lib/vault/vault-client';
import type { AccessLogReport } from '../../lib/vault/protocol';
import { AccessChart } from './access-chart';
import { exportLog } from '../../lib/export-log';
import { LogAlarm } from './log-alarm';
import { LogFilters } from './log-filters';
import { filterLogItems, isFiltering, NO_FILTER, toLogItems, type LogFilter } from './log-items';
import { LogTimeline } from './log-timeline';
import { accessLogQuery, documentNamesQuery } from './queries';
import { saveJsonFile } from './save-json-file';
import { VerificationStatus } from './verification-status';

type Status = { key: 'accessLog.exported' | 'accessLog.alarm.evidenceSaved'; file: string } | null;

/**
 * The access log (DESIGN §5, §9): the verdict of the browser's own check of the city's log (or a
 * loud alarm), a chart of entries over time, the timeline with filters, the log's verifier key,
 * and a copy to keep. Works with the vault locked; unlocked, documents are named.
 */
export function AccessLogPage() {
  const t = useT();
  useDocumentTitle(t('accessLog.title'));
  const { data: me } = useMe();
  if (!me) return null;
  return <AccessLog residentId={me.id} />;
}

function AccessLog({ residentId }: { residentId: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const unlocked = useVaultUnlocked();
  const log = useQuery(accessLogQuery(residentId));
  const documents = useQuery({ ...documentNamesQuery, enabled: unlocked });
  const [filter, setFilter] = useState<LogFilter>(NO_FILTER);
  const [status, setStatus] = useState<Status>(null);
  const chartHeadingId = useId();
  const timelineHeadingId = useId();
  const keyHeadingId = useId();
  const exportHeadingId = useId();

  const names = useMemo(() => {
    const map = new Map<string, string>();
    if (unlocked) {
      for (const d of documents.data ?? []) if (d.details) map.set(d.id, d.details.name);
    }
    return map;
  }, [documents.data, unlocked]);
  const items = useMemo(() => (log.data ? toLogItems(log.data) : []), [log.data]);
  const shown = useMemo(() => filterLogItems(items, filter), [items, filter]);

  const exporting = useMutation({
    mutationFn: exportLog,
    onSuccess: (data) => {
      const file = `access-log-${data.exportedAt.slice(0, 10)}.json`;
      saveJsonFile(data, file);
      setStatus({ key: 'accessLog.exported', file });
    },
    // The export is logged: the next check shows its entry.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['access-log', residentId] }),
  });

  return (
    <>
      <h1>{t('accessLog.heading')}</h1>
      <p className="lead">{t('accessLog.lead')}</p>
      <StatusMessage>{status ? t(status.key, { file: status.file }) : null}</StatusMessage>

      {log.isPending ? (
        <Spinner label={t('accessLog.checking')} />
      ) : log.isError ? (
        <ErrorAlert error={log.error}>
          <button type="button" className="button" onClick={() => void log.refetch()}>
            {t('common.retry')}
          </button>
        </ErrorAlert>
      ) : (
        <Verdict
          report={log.data}
          onEvidenceSaved={(file) => setStatus({ key: 'accessLog.alarm.evidenceSaved', file })}
          onCheckAgain={() => void log.refetch()}
          checking={log.isFetching}
        />
      )}

      {log.data && (
        <>
          <section className="section" aria-labelledby={chartHeadingId}>
            <h2 id={chartHeadingId}>{t('accessLog.chartHeading')}</h2>
            <AccessChart items={shown} />
          </section>

          <section className="section" aria-labelledby={timelineHeadingId}>
            <h2 id={timelineHeadingId}>{t('accessLog.timelineHeading')}</h2>
            <LogFilters items={items} names={names} filter={filter} onChange={setFilter} />
            <p role="status" className="hint" data-testid="log-count">
              {isFiltering(filter)
                ? t('accessLog.shownOf', { shown: shown.length, total: items.length })
                : items.length === 1
                  ? t('accessLog.countOne')
                  : t('accessLog.countMany', { count: items.length })}
            </p>
            {shown.length === 0 ? (
              <p>{items.length === 0 ? t('accessLog.empty') : t('accessLog.noMatch')}</p>
            ) : (
              <LogTimeline items={shown} names={names} />
            )}
          </section>

          <section className="section" aria-labelledby={keyHeadingId}>
            <h2 id={keyHeadingId}>{t('accessLog.keyHeading')}</h2>
            <p>{t('accessLog.keyText')}</p>
            <p className="verifier-key">
              <code data-testid="verifier-key" translate="no">
                {log.data.verifierKey}
              </code>
            </p>
          </section>
        </>
      )}

      <section className="section" aria-labelledby={exportHeadingId}>
        <h2 id={exportHeadingId}>{t('accessLog.exportHeading')}</h2>
        <p>{t('accessLog.exportText')}</p>
        {exporting.isError && <ErrorAlert error={exporting.error} />}
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            data-testid="export-log"
            disabled={exporting.isPending}
            aria-busy={exporting.isPending}
            onClick={() => exporting.mutate()}
          >
            {exporting.isPending ? t('accessLog.exporting') : t('accessLog.export')}
          </button>
        </div>
      </section>
    </>
  );
}

function Verdict({
  report,
  onEvidenceSaved,
  onCheckAgain,
  checking,
}: {
  report: AccessLogReport;
  onEvidenceSaved: (file: string) => void;
  onCheckAgain: () => void;
  checking: boolean;
}) {
  const t = useT();
  const headingId = useId();
  const { outcome } = report;
  if (outcome.status === 'alarm') {
    return <LogAlarm report={report} outcome={outcome} onEvidenceSaved={onEvidenceSaved} />;
  }
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('accessLog.statusHeading')}</h2>
      <VerificationStatus report={report} outcome={outcome} />
      <div className="actions">
        <button
          type="button"
          className="button"
          data-testid="check-again"
          disabled={checking}
          aria-busy={checking}
          onClick={onCheckAgain}
        >
          {t('accessLog.checkAgain')}
        </button>
      </div>
    </section>
  );
}
