import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages.en';
import { describeEvent, legalBasisText } from './describe-event';
import type { LogItem } from './log-items';

/** Entries shown at first, and added by each "Show more". */
const PAGE = 100;

const STATUS_CHIP: Record<LogItem['status'], string> = {
  verified: 'chip chip-verified',
  pending: 'chip',
  unverified: 'chip chip-unverified',
};

/** The entries in plain language, newest first, each with how far it was checked. */
export function LogTimeline({
  items,
  names,
}: {
  items: readonly LogItem[];
  names: ReadonlyMap<string, string>;
}) {
  const { t, lang } = useI18n();
  const [shown, setShown] = useState(PAGE);
  const context = { t, lang, names };
  return (
    <>
      <ol className="timeline" data-testid="log-timeline">
        {items.slice(0, shown).map((item) => {
          const { event } = item;
          return (
            <li
              key={item.index}
              className={`timeline-item${item.failed ? ' timeline-failed' : ''}`}
              data-testid="log-entry"
              data-index={item.index}
              data-status={item.status}
              data-action={event?.action ?? ''}
              data-document-id={event?.document?.id ?? ''}
            >
              <p className="timeline-text" data-testid="log-entry-text">
                {event ? describeEvent(event, context) : t('accessLog.unreadableEntry')}
              </p>
              {event?.purpose && (
                <p className="hint">
                  {t('accessLog.purpose', { purpose: event.purpose.text ?? event.purpose.code })}
                </p>
              )}
              {event?.legalBasis && (
                <p className="hint">
                  {t('accessLog.legalBasis', { basis: legalBasisText(t, event.legalBasis) })}
                </p>
              )}
              {event?.grant && (
                <p className="hint">
                  <Link to="/consents">
                    {t('accessLog.grant', { id: event.grant.slice(0, 8) })}
                  </Link>
                </p>
              )}
              <p className="chips">
                <span className={STATUS_CHIP[item.status]} data-testid="entry-status">
                  {t(`accessLog.status.${item.status}`)}
                </span>
                {event && (event.outcome === 'denied' || event.outcome === 'failed') && (
                  <span className="chip chip-issuer">
                    {t(`accessLog.outcome.${event.outcome}` satisfies MessageKey)}
                  </span>
                )}
                {item.failed && (
                  <span className="chip chip-unverified">{t('accessLog.entryFailed')}</span>
                )}
                <span className="entry-number">
                  {t('accessLog.entryNumber', { index: item.index })}
                </span>
              </p>
            </li>
          );
        })}
      </ol>
      {items.length > shown && (
        <div className="actions">
          <button
            type="button"
            className="button"
            data-testid="log-show-more"
            onClick={() => setShown((n) => n + PAGE)}
          >
            {t('accessLog.showMore')}
          </button>
        </div>
      )}
    </>
  );
}
