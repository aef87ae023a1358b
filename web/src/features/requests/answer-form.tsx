import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { ModalDialog } from '../../components/modal-dialog';
import type { DocumentView } from '../../lib/api-types';
import { CONSENTS_KEY, REQUESTS_KEY } from '../../lib/consent-queries';
import type { RequestDetailResponse } from '../../lib/consent-types';
import { formatDatePart } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { localized } from '../../lib/localized';
import type { MessageKey } from '../../lib/messages.en';
import { categoryMessageKey } from '../../lib/vault/categories';
import { approveRequest } from './api/approve-request';
import { refuseRequest } from './api/refuse-request';
import { expiresAtFor, expiryBounds, MAX_CONSENT_DAYS } from './expiry';

type Problem = 'documents' | 'expiry' | null;

/**
 * The answer to a request: which matching documents to share (none chosen beforehand), whether
 * to share new ones in these categories too, until when; each confirmed in a dialog that says
 * exactly what will happen. Or a refusal, confirmed the same way.
 */
export function AnswerForm({
  detail,
  names,
  residentId,
  onAnswered,
}: {
  detail: RequestDetailResponse;
  names: Map<string, string>;
  residentId: string;
  onAnswered: (status: MessageKey) => void;
}) {
  const { t, lang } = useI18n();
  const { request } = detail;
  const service = localized(request.service.name, lang);
  const categories = request.categories.map((c) => t(categoryMessageKey(c))).join(', ');
  const [bounds] = useState(() => expiryBounds(new Date()));
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const [standing, setStanding] = useState(false);
  const [expiry, setExpiry] = useState(bounds.suggested);
  const [problem, setProblem] = useState<Problem>(null);
  const [open, setOpen] = useState<'none' | 'approve' | 'refuse'>('none');
  const [expiresAt, setExpiresAt] = useState<string | null>(null);
  const headingId = useId();
  const documentsErrorId = useId();
  const expiryId = useId();
  const expiryHintId = useId();
  const expiryErrorId = useId();
  const firstCheckbox = useRef<HTMLInputElement>(null);
  const standingRef = useRef<HTMLInputElement>(null);
  const expiryRef = useRef<HTMLInputElement>(null);

  const chosenDocuments = detail.matchingDocuments.filter((d) => chosen.has(d.id));
  const nameOf = (d: DocumentView) => names.get(d.id) ?? t('documents.unreadableName');

  const review = (event: FormEvent) => {
    event.preventDefault();
    if (chosen.size === 0 && !standing) {
      setProblem('documents');
      (firstCheckbox.current ?? standingRef.current)?.focus();
      return;
    }
    const at = expiresAtFor(expiry, new Date());
    if (!at) {
      setProblem('expiry');
      expiryRef.current?.focus();
      return;
    }
    setProblem(null);
    setExpiresAt(at);
    setOpen('approve');
  };

  const toggle = (id: string, on: boolean) => {
    setChosen((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  return (
    <section className="section answer" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('answer.heading')}</h2>
      <p>{t('answer.intro', { service })}</p>
      <form onSubmit={review} noValidate>
        <fieldset
          className="fieldset"
          aria-describedby={problem === 'documents' ? documentsErrorId : undefined}
        >
          <legend>{t('answer.chooseLegend')}</legend>
          {detail.matchingDocuments.length === 0 ? (
            <p className="hint">{t('answer.noDocuments')}</p>
          ) : (
            <ul className="checkbox-list">
              {detail.matchingDocuments.map((d, i) => (
                <li key={d.id} className="checkbox-field">
                  <input
                    type="checkbox"
                    id={`${headingId}-doc-${d.id}`}
                    ref={i === 0 ? firstCheckbox : undefined}
                    data-testid="answer-document"
                    data-document-id={d.id}
                    checked={chosen.has(d.id)}
                    aria-invalid={problem === 'documents' || undefined}
                    onChange={(event) => toggle(d.id, event.target.checked)}
                  />
                  <label htmlFor={`${headingId}-doc-${d.id}`}>
                    <span translate="no">{nameOf(d)}</span> ({t(categoryMessageKey(d.category))})
                  </label>
                </li>
              ))}
            </ul>
          )}
          <div className="checkbox-field">
            <input
              type="checkbox"
              id={`${headingId}-standing`}
              ref={standingRef}
              data-testid="answer-standing"
              checked={standing}
              onChange={(event) => setStanding(event.target.checked)}
            />
            <label htmlFor={`${headingId}-standing`}>{t('answer.standing', { categories })}</label>
          </div>
          {problem === 'documents' && (
            <p
              className="field-error"
              id={documentsErrorId}
              role="alert"
              data-testid="answer-error"
            >
              {t('answer.chooseError')}
            </p>
          )}
        </fieldset>

        <div className="field">
          <label htmlFor={expiryId}>{t('answer.until')}</label>
          <p className="hint" id={expiryHintId}>
            {t('answer.untilHint', { days: MAX_CONSENT_DAYS })}
          </p>
          <input
            id={expiryId}
            ref={expiryRef}
            type="date"
            data-testid="answer-expiry"
            min={bounds.min}
            max={bounds.max}
            value={expiry}
            required
            aria-invalid={problem === 'expiry' || undefined}
            aria-describedby={
              problem === 'expiry' ? `${expiryHintId} ${expiryErrorId}` : expiryHintId
            }
            onChange={(event) => setExpiry(event.target.value)}
          />
          {problem === 'expiry' && (
            <p className="field-error" id={expiryErrorId} role="alert" data-testid="answer-error">
              {t('answer.untilError', {
                min: formatDatePart(`${bounds.min}T12:00:00`, lang, 'longDate'),
                max: formatDatePart(`${bounds.max}T12:00:00`, lang, 'longDate'),
              })}
            </p>
          )}
        </div>

        <div className="actions">
          <button type="submit" className="button button-primary" data-testid="answer-review">
            {t('answer.review')}
          </button>
          <button
            type="button"
            className="button button-danger"
            data-testid="answer-refuse"
            onClick={() => setOpen('refuse')}
          >
            {t('answer.refuse')}
          </button>
        </div>
      </form>

      {open === 'approve' && expiresAt && (
        <ApproveDialog
          detail={detail}
          documents={chosenDocuments}
          documentNames={chosenDocuments.map(nameOf)}
          standing={standing}
          expiresAt={expiresAt}
          residentId={residentId}
          categories={categories}
          onClose={() => setOpen('none')}
          onApproved={() => {
            setOpen('none');
            onAnswered('request.approved');
          }}
        />
      )}
      {open === 'refuse' && (
        <RefuseDialog
          requestId={request.id}
          service={service}
          onClose={() => setOpen('none')}
          onRefused={() => {
            setOpen('none');
            onAnswered('request.refused');
          }}
        />
      )}
    </section>
  );
}

function ApproveDialog({
  detail,
  documents,
  documentNames,
  standing,
  expiresAt,
  residentId,
  categories,
  onClose,
  onApproved,
}: {
  detail: RequestDetailResponse;
  documents: DocumentView[];
  documentNames: string[];
  standing: boolean;
  expiresAt: string;
  residentId: string;
  categories: string;
  onClose: () => void;
  onApproved: () => void;
}) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const { request } = detail;
  const service = localized(request.service.name, lang);
  const until = formatDatePart(expiresAt, lang, 'longDate');
  const approve = useMutation({
    mutationFn: () => approveRequest({ detail, documents, standing, expiresAt, residentId }),
    onSuccess: onApproved,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [REQUESTS_KEY] }),
        queryClient.invalidateQueries({ queryKey: [CONSENTS_KEY] }),
      ]),
  });
  return (
    <ModalDialog
      title={t('approve.title', { service })}
      onClose={() => {
        if (!approve.isPending) onClose();
      }}
      testId="approve-dialog"
    >
      <p>{t('approve.summary', { service })}</p>
      <ul className="plain-list" data-testid="approve-documents">
        {documentNames.map((name, i) => (
          <li key={documents[i]?.id ?? i} translate="no">
            {name}
          </li>
        ))}
        {standing && <li>{t('approve.standingItem', { categories, date: until })}</li>}
      </ul>
      <dl className="facts">
        <div>
          <dt>{t('approve.with')}</dt>
          <dd>{service}</dd>
        </div>
        <div>
          <dt>{t('approve.for')}</dt>
          <dd>{localized(request.purpose.text, lang)}</dd>
        </div>
        <div>
          <dt>{t('approve.until')}</dt>
          <dd data-testid="approve-until">{until}</dd>
        </div>
      </dl>
      <p>
        <strong>{t('approve.cannotUnread', { service })}</strong>
      </p>
      <p className="hint">{t('approve.revokeHint')}</p>
      <div className="actions dialog-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="confirm-approve"
          aria-busy={approve.isPending}
          onClick={() => {
            if (!approve.isPending) approve.mutate();
          }}
        >
          {approve.isPending ? t('approve.sharing') : t('approve.confirm')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          autoFocus
          disabled={approve.isPending}
          onClick={onClose}
        >
          {t('common.cancel')}
        </button>
      </div>
      {approve.isError && <ErrorAlert error={approve.error} />}
    </ModalDialog>
  );
}

function RefuseDialog({
  requestId,
  service,
  onClose,
  onRefused,
}: {
  requestId: string;
  service: string;
  onClose: () => void;
  onRefused: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const refuse = useMutation({
    mutationFn: () => refuseRequest(requestId),
    onSuccess: onRefused,
    onSettled: () => queryClient.invalidateQueries({ queryKey: [REQUESTS_KEY] }),
  });
  return (
    <ModalDialog title={t('refuse.title', { service })} onClose={onClose} testId="refuse-dialog">
      <p>{t('refuse.explain', { service })}</p>
      <div className="actions dialog-actions">
        <button
          type="button"
          className="button button-danger"
          data-testid="confirm-refuse"
          aria-busy={refuse.isPending}
          onClick={() => {
            if (!refuse.isPending) refuse.mutate();
          }}
        >
          {t('refuse.confirm')}
        </button>
        <button type="button" className="button button-secondary" autoFocus onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
      {refuse.isError && <ErrorAlert error={refuse.error} />}
    </ModalDialog>
  );
}
