import { formatDatePart } from './format';
import { useI18n } from './i18n';
import { localized } from './localized';
import type { LiveNotice } from './resident-events';
import type { Translate, Lang } from './translate';

/** The sentence of one notice, in the current language. */
function noticeText(notice: LiveNotice, t: Translate, lang: Lang): string {
  const document = (name: string | null) =>
    name === null ? t('accessLog.document.unknown') : t('accessLog.document.named', { name });
  switch (notice.kind) {
    case 'read': {
      const params = {
        service: localized(notice.service.name, lang),
        document: document(notice.documentName),
        time: formatDatePart(notice.at, lang, 'time'),
      };
      return notice.purpose
        ? t('notice.read', { ...params, purpose: localized(notice.purpose.text, lang) })
        : t('notice.readNoPurpose', params);
    }
    case 'deposited':
      return t('notice.deposited', {
        service: localized(notice.service.name, lang),
        document: document(notice.documentName),
      });
    case 'request':
      return t('notice.request', { service: localized(notice.service.name, lang) });
    case 'standing':
      return notice.count === 1
        ? t('notice.standingOne', { service: localized(notice.service.name, lang) })
        : t('notice.standingMany', {
            service: localized(notice.service.name, lang),
            count: notice.count,
          });
    case 'standing-failed':
      return t('notice.standingFailed');
  }
}

/**
 * The live notices of {@link useResidentEvents}: a polite live region that is always rendered
 * (so additions are announced), each notice with a button to dismiss it.
 */
export function LiveNotices({
  notices,
  onDismiss,
}: {
  notices: LiveNotice[];
  onDismiss: (id: number) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <div className="live-notices" role="status" aria-live="polite" data-testid="live-notices">
      {notices.map((notice) => {
        const text = noticeText(notice, t, lang);
        return (
          <div
            className="live-notice"
            key={notice.id}
            data-testid="live-notice"
            data-kind={notice.kind}
          >
            <p data-testid="live-notice-text">{text}</p>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => {
                // The button goes with its notice: keep keyboard focus on the page.
                document.getElementById('main')?.focus();
                onDismiss(notice.id);
              }}
            >
              {t('notice.dismiss')}
              <span className="visually-hidden">: {text}</span>
            </button>
          </div>
        );
      })}
    </div>
  );
}
