import { formatDatePart } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { AccessLogReport, AccessLogVerified } from '../../lib/vault/protocol';
import { pendingForMs, STALLED_AFTER_MS } from './queries';

/**
 * The verdict of a check that passed, in words: how many entries are proven to be in the city's
 * log, which checkpoint and key, and what the log was proven consistent with; entries still
 * waiting for a checkpoint are said to be pending, not suspicious.
 */
export function VerificationStatus({
  report,
  outcome,
}: {
  report: AccessLogReport;
  outcome: AccessLogVerified;
}) {
  const { t, lang } = useI18n();
  const key = {
    keyName: report.signer?.name ?? report.origin,
    keyId: report.signer?.keyId ?? '?',
  };
  const pending = outcome.pending.length;
  let verdict: string;
  if (outcome.size === 0) verdict = t('accessLog.noCheckpoint');
  else if (outcome.verified === 0)
    verdict = t('accessLog.verifiedNone', { size: outcome.size, ...key });
  else if (outcome.verified === 1)
    verdict = t('accessLog.verifiedOne', { size: outcome.size, ...key });
  else {
    verdict = t('accessLog.verifiedMany', {
      count: outcome.verified,
      size: outcome.size,
      ...key,
    });
  }
  const state = outcome.size > 0 && pending === 0 ? 'verified' : 'pending';

  return (
    <div
      className={`alert ${state === 'verified' ? 'alert-success' : 'notice'}`}
      data-testid="access-log-status"
      data-state={state}
      data-verified={outcome.verified}
      data-pending={pending}
      data-checkpoint={outcome.size}
      data-verify-ms={report.timings.verifyMs.toFixed(1)}
      data-fetch-ms={report.timings.fetchMs.toFixed(1)}
    >
      {outcome.size > 0 && <p data-testid="access-log-verdict">{verdict}</p>}
      {outcome.size > 0 &&
        (outcome.consistentWith ? (
          <p data-testid="access-log-consistency">
            {t('accessLog.consistentWith', {
              date: formatDatePart(outcome.consistentWith.checkedAt, lang, 'longDate'),
              time: formatDatePart(outcome.consistentWith.checkedAt, lang, 'time'),
            })}
          </p>
        ) : (
          <p data-testid="access-log-consistency">{t('accessLog.firstCheck')}</p>
        ))}
      {outcome.size === 0 && <p>{verdict}</p>}
      {pending > 0 && outcome.size > 0 && (
        <p data-testid="access-log-pending">
          {pending === 1
            ? t('accessLog.pendingOne')
            : t('accessLog.pendingMany', { count: pending })}
        </p>
      )}
      {pendingForMs(report, Date.parse(report.checkedAt)) >= STALLED_AFTER_MS && (
        <p data-testid="access-log-stalled">{t('accessLog.pendingStalled')}</p>
      )}
      {!outcome.kept && <p data-testid="access-log-not-kept">{t('accessLog.notKept')}</p>}
      <p className="hint">
        {t('accessLog.checkedAt', { time: formatDatePart(report.checkedAt, lang, 'time') })}
      </p>
    </div>
  );
}
