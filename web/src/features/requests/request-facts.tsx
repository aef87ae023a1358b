import { formatDatePart } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { legalBasisMessageKey } from '../../lib/legal-basis';
import { localized } from '../../lib/localized';
import type { ResidentRequestView } from '../../lib/consent-types';
import { categoryMessageKey } from '../../lib/vault/categories';

/**
 * What a request says, in plain words: who asks, for what, why, under which law, how long they
 * keep it, and by when to answer. `short` leaves out the law and the keeping (the inbox).
 */
export function RequestFacts({
  request,
  short = false,
}: {
  request: ResidentRequestView;
  short?: boolean;
}) {
  const { t, lang } = useI18n();
  const categories = request.categories.map((c) => t(categoryMessageKey(c))).join(', ');
  return (
    <dl className="facts request-facts">
      {!short && (
        <div>
          <dt>{t('request.who')}</dt>
          <dd data-testid="request-service">{localized(request.service.name, lang)}</dd>
        </div>
      )}
      <div>
        <dt>{t('request.what')}</dt>
        <dd data-testid="request-categories">{t('request.whatText', { categories })}</dd>
      </div>
      <div>
        <dt>{t('request.why')}</dt>
        <dd data-testid="request-purpose">{localized(request.purpose.text, lang)}</dd>
      </div>
      {!short && (
        <>
          <div>
            <dt>{t('request.law')}</dt>
            <dd data-testid="request-legal-basis">
              {t('request.lawText', { basis: t(legalBasisMessageKey(request.legalBasis)) })}
            </dd>
          </div>
          <div>
            <dt>{t('request.keep')}</dt>
            <dd data-testid="request-retention">
              {request.retentionDays === 0
                ? t('request.keepNone')
                : request.retentionDays === 1
                  ? t('request.keepOne')
                  : t('request.keepDays', { days: request.retentionDays })}
            </dd>
          </div>
        </>
      )}
      {request.status === 'pending' ? (
        <div>
          <dt>{t('request.answerBy')}</dt>
          <dd data-testid="request-answer-by">
            {t('request.dateAtTime', {
              date: formatDatePart(request.answerBy, lang, 'longDate'),
              time: formatDatePart(request.answerBy, lang, 'time'),
            })}
          </dd>
        </div>
      ) : (
        request.answeredAt && (
          <div>
            <dt>{t('request.answeredOn')}</dt>
            <dd>{formatDatePart(request.answeredAt, lang, 'longDate')}</dd>
          </div>
        )
      )}
    </dl>
  );
}
