import { useId } from 'react';
import { formatBytes } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { describeTimeLeft, secondsLeft } from '../lib/vault/progress';
import type { TransferProgress as Progress } from '../lib/vault/protocol';
import type { Translate } from '../lib/translate';

/** The words for the time left of a transfer. */
export function timeLeftText(t: Translate, progress: Progress): string {
  const left = describeTimeLeft(
    secondsLeft(progress.done, progress.total, progress.bytesPerSecond),
  );
  switch (left.key) {
    case 'estimating':
      return t('transfer.estimating');
    case 'almostDone':
      return t('transfer.almostDone');
    case 'seconds':
      return t('transfer.secondsLeft', { count: left.count });
    case 'minutes':
      return left.count === 1
        ? t('transfer.oneMinuteLeft')
        : t('transfer.minutesLeft', { count: left.count });
    case 'hours':
      return left.count === 1
        ? t('transfer.oneHourLeft')
        : t('transfer.hoursLeft', { count: left.count });
  }
}

/** Quarter steps, for a screen reader: announcing every update would drown everything else. */
function quarter(progress: Progress): number {
  if (progress.total <= 0) return 100;
  return Math.floor((progress.done / progress.total) * 4) * 25;
}

/**
 * A progress bar with bytes done, the total and the time left, for an upload or a download. The
 * bar and its text are visible; a polite live region announces each quarter.
 */
export function TransferProgress({
  label,
  progress,
  testId,
}: {
  label: string;
  progress: Progress;
  testId: string;
}) {
  const { t, lang } = useI18n();
  const labelId = useId();
  const detailId = useId();
  const total = Math.max(progress.total, 1);
  const detail = t('transfer.detail', {
    done: formatBytes(progress.done, lang),
    total: formatBytes(progress.total, lang),
    timeLeft: timeLeftText(t, progress),
  });
  return (
    <div className="transfer">
      <p id={labelId} className="transfer-label">
        {label}
      </p>
      <progress
        data-testid={testId}
        value={Math.min(progress.done, total)}
        max={total}
        aria-labelledby={labelId}
        aria-describedby={detailId}
      />
      <p id={detailId} className="hint">
        {detail}
      </p>
      <p className="visually-hidden" role="status">
        {t('transfer.percent', { label, percent: quarter(progress) })}
      </p>
    </div>
  );
}
