import { useId, useMemo } from 'react';
import { formatDatePart } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { ACTOR_KINDS } from './access-event';
import { bucketByTime } from './chart-buckets';
import type { LogItem } from './log-items';

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { top: 12, right: 8, bottom: 28, left: 36 };

/**
 * A small stacked bar chart of entries over time, one colour per kind of actor (no chart library:
 * plain SVG). For screen readers the picture is named by its caption and summed up in words, and
 * the numbers are in a table under a disclosure.
 */
export function AccessChart({ items }: { items: readonly LogItem[] }) {
  const { t, lang } = useI18n();
  const captionId = useId();
  const summaryId = useId();
  const data = useMemo(
    () =>
      bucketByTime(
        items.flatMap(({ event }) =>
          event ? [{ at: new Date(event.at), kind: event.actor.kind }] : [],
        ),
      ),
    [items],
  );
  if (data.buckets.length === 0) return <p>{t('accessLog.chartEmpty')}</p>;

  const label = (d: Date) =>
    formatDatePart(d, lang, data.unit === 'day' ? 'dayMonth' : 'monthYear');
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / data.buckets.length;
  const barW = Math.max(1, Math.min(40, slot * 0.7));
  const scale = (n: number) => (n / data.max) * plotH;
  const first = data.buckets[0]!.start;
  const last = data.buckets[data.buckets.length - 1]!.start;
  const summary = t('accessLog.chartSummary', {
    from: formatDatePart(first, lang, data.unit === 'day' ? 'longDate' : 'monthYear'),
    to: formatDatePart(last, lang, data.unit === 'day' ? 'longDate' : 'monthYear'),
    ...data.totals,
  });

  return (
    <figure className="chart" data-testid="access-chart">
      <figcaption id={captionId} className="chart-caption">
        {t(data.unit === 'day' ? 'accessLog.chartCaptionDay' : 'accessLog.chartCaptionMonth')}
      </figcaption>
      <ul className="chart-legend" aria-hidden="true">
        {ACTOR_KINDS.map((kind) => (
          <li key={kind}>
            <span className={`chart-swatch chart-${kind}`} />
            {t(`accessLog.who.${kind}`)}
          </li>
        ))}
      </ul>
      <svg
        className="chart-svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${captionId} ${summaryId}`}
        preserveAspectRatio="xMidYMid meet"
      >
        <line
          className="chart-axis"
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={PAD.top + plotH}
          y2={PAD.top + plotH}
        />
        <text className="chart-tick" x={PAD.left - 6} y={PAD.top + 4} textAnchor="end">
          {data.max}
        </text>
        <text className="chart-tick" x={PAD.left - 6} y={PAD.top + plotH} textAnchor="end">
          0
        </text>
        {data.buckets.map((bucket, i) => {
          const x = PAD.left + i * slot + (slot - barW) / 2;
          let y = PAD.top + plotH;
          return (
            <g key={bucket.start.getTime()}>
              {ACTOR_KINDS.map((kind) => {
                const n = bucket.counts[kind];
                if (n === 0) return null;
                const h = scale(n);
                y -= h;
                return (
                  <rect
                    key={kind}
                    className={`chart-bar chart-${kind}`}
                    x={x}
                    y={y}
                    width={barW}
                    height={h}
                  />
                );
              })}
            </g>
          );
        })}
        <text className="chart-tick" x={PAD.left} y={HEIGHT - 8} textAnchor="start">
          {label(first)}
        </text>
        {data.buckets.length > 1 && (
          <text className="chart-tick" x={WIDTH - PAD.right} y={HEIGHT - 8} textAnchor="end">
            {label(last)}
          </text>
        )}
      </svg>
      <p id={summaryId} className="hint">
        {summary}
      </p>
      <details className="chart-table">
        <summary>{t('accessLog.chartTable')}</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">
              {t(data.unit === 'day' ? 'accessLog.chartCaptionDay' : 'accessLog.chartCaptionMonth')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('accessLog.chartPeriod')}</th>
                {ACTOR_KINDS.map((kind) => (
                  <th key={kind} scope="col">
                    {t(`accessLog.who.${kind}`)}
                  </th>
                ))}
                <th scope="col">{t('accessLog.chartTotal')}</th>
              </tr>
            </thead>
            <tbody>
              {data.buckets
                .filter((b) => b.total > 0)
                .map((bucket) => (
                  <tr key={bucket.start.getTime()}>
                    <th scope="row">
                      {formatDatePart(
                        bucket.start,
                        lang,
                        data.unit === 'day' ? 'longDate' : 'monthYear',
                      )}
                    </th>
                    {ACTOR_KINDS.map((kind) => (
                      <td key={kind}>{bucket.counts[kind]}</td>
                    ))}
                    <td>{bucket.total}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
