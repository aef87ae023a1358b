import { useEffect, useId, useRef } from 'react';
import { formatDatePart } from '../../lib/format';
import type { MessageKey } from '../../lib/messages.en';
import { useI18n } from '../../lib/i18n';
import type { AccessLogAlarm, AccessLogReport } from '../../lib/vault/protocol';
import { saveJsonFile } from './save-json-file';

/**
 * A failed check, as loud as the page can be (role="alert", focused when it appears): which
 * promise the log broke, what that means, and what to do, with a button that saves the evidence
 * the browser holds (the signed checkpoint it kept, the one it was just sent, and the alarm).
 */
export function LogAlarm({
  report,
  outcome,
  onEvidenceSaved,
}: {
  report: AccessLogReport;
  outcome: AccessLogAlarm;
  onEvidenceSaved: (file: string) => void;
}) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { alarm, trusted } = outcome;

  useEffect(() => {
    headingRef.current?.focus();
  }, [alarm.kind]);

  const trustedDate = trusted
    ? `${formatDatePart(trusted.checkedAt, lang, 'longDate')}, ${formatDatePart(trusted.checkedAt, lang, 'time')}`
    : '?';
  const params = {
    trustedDate,
    trustedSize: 'trustedSize' in alarm ? alarm.trustedSize : (trusted?.size ?? 0),
    size: 'size' in alarm ? alarm.size : 0,
    index: 'index' in alarm ? alarm.index : 0,
  };
  const heading: MessageKey = `accessLog.alarm.heading.${alarm.kind}`;
  const text: MessageKey = `accessLog.alarm.text.${alarm.kind}`;

  const saveEvidence = () => {
    const file = `access-log-alarm-${report.checkedAt.slice(0, 10)}.json`;
    saveJsonFile(
      {
        format: 'citizen-vault.access-log-alarm.v1',
        checkedAt: report.checkedAt,
        origin: report.origin,
        verifierKey: report.verifierKey,
        alarm,
        trustedCheckpoint: trusted,
        receivedCheckpoint: outcome.receivedCheckpointNote,
        entries: report.entries,
      },
      file,
    );
    onEvidenceSaved(file);
  };

  return (
    <section
      className="alert alert-alarm"
      role="alert"
      aria-labelledby={headingId}
      data-testid="log-alarm"
      data-kind={alarm.kind}
    >
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t(heading)}
      </h2>
      <p data-testid="log-alarm-text">{t(text, params)}</p>
      <p>{t('accessLog.alarm.meaning')}</p>
      <h3>{t('accessLog.alarm.whatToDo')}</h3>
      <ol>
        <li>{t('accessLog.alarm.step1')}</li>
        <li>{t('accessLog.alarm.step2')}</li>
        <li>{t('accessLog.alarm.step3')}</li>
      </ol>
      <div className="actions">
        <button type="button" className="button" data-testid="save-evidence" onClick={saveEvidence}>
          {t('accessLog.alarm.saveEvidence')}
        </button>
      </div>
    </section>
  );
}
