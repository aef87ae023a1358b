import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { ModalDialog } from '../../components/modal-dialog';
import { Spinner } from '../../components/spinner';
import { StatusMessage } from '../../components/status-message';
import { CONSENTS_KEY, consentsQuery, REQUESTS_KEY } from '../../lib/consent-queries';
import type { ConsentStatus, ConsentView } from '../../lib/consent-types';
import { formatDatePart } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { legalBasisMessageKey } from '../../lib/legal-basis';
import { localized } from '../../lib/localized';
import type { MessageKey } from '../../lib/messages.en';
import type { MessageParams } from '../../lib/translate';
import { useDocumentTitle } from '../../lib/use-document-title';
import { categoryMessageKey } from '../../lib/vault/categories';
import { downloadReceipt } from './api/download-receipt';
import { revokeConsent } from './api/revoke-consent';
import { groupConsents, shownConsentStatus } from './group-consents';
import { documentNamesQuery } from './queries';

type Status = { key: MessageKey; params: MessageParams } | null;

const GROUPS: { status: ConsentStatus; heading: MessageKey; none: MessageKey }[] = [
  { status: 'active', heading: 'consents.activeHeading', none: 'consents.activeNone' },
  { status: 'expired', heading: 'consents.expiredHeading', none: 'consents.expiredNone' },
  { status: 'revoked', heading: 'consents.revokedHeading', none: 'consents.revokedNone' },
];

/**
 * The resident's consents (DESIGN §6, §9): active, expired and withdrawn, each with the service,
 * the purpose, the law it relies on, the documents shared (names decrypted in the worker) and the
 * end date; withdraw one (confirmed in plain words) or keep its signed receipt.
 */
export function ConsentsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('consents.title'));
  const consents = useQuery(consentsQuery);
  const documents = useQuery(documentNamesQuery);
  const [status, setStatus] = useState<Status>(null);
  const revokedHeading = useRef<HTMLHeadingElement>(null);

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const d of documents.data ?? []) if (d.details) map.set(d.id, d.details.name);
    return map;
  }, [documents.data]);
  // After a withdrawal the button that was used is gone (the dialog closed in the same commit):
  // focus goes to the "Withdrawn" heading, where the consent is now listed.
  useEffect(() => {
    if (status?.key === 'consents.revoked') revokedHeading.current?.focus();
  }, [status]);
  const groups = useMemo(
    () => (consents.data ? groupConsents(consents.data.consents) : null),
    [consents.data],
  );

  return (
    <>
      <h1>{t('consents.heading')}</h1>
      <p className="lead">{t('consents.lead')}</p>
      <StatusMessage>{status ? t(status.key, status.params) : null}</StatusMessage>
      {consents.isPending ? (
        <Spinner label={t('consents.loading')} />
      ) : consents.isError ? (
        <ErrorAlert error={consents.error}>
          <button type="button" className="button" onClick={() => void consents.refetch()}>
            {t('common.retry')}
          </button>
        </ErrorAlert>
      ) : (
        groups &&
        GROUPS.map((group) => (
          <ConsentGroup
            key={group.status}
            consents={groups[group.status]}
            heading={t(group.heading)}
            none={t(group.none)}
            status={group.status}
            names={names}
            headingRef={group.status === 'revoked' ? revokedHeading : undefined}
            onStatus={setStatus}
            onRevoked={(service) => setStatus({ key: 'consents.revoked', params: { service } })}
          />
        ))
      )}
    </>
  );
}

function ConsentGroup({
  consents,
  heading,
  none,
  status,
  names,
  headingRef,
  onStatus,
  onRevoked,
}: {
  consents: ConsentView[];
  heading: string;
  none: string;
  status: ConsentStatus;
  names: Map<string, string>;
  headingRef: RefObject<HTMLHeadingElement | null> | undefined;
  onStatus: (status: Status) => void;
  onRevoked: (service: string) => void;
}) {
  const headingId = useId();
  return (
    <section className="section" aria-labelledby={headingId} data-testid={`consents-${status}`}>
      <h2 id={headingId} ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
        {heading} <span className="count">({consents.length})</span>
      </h2>
      {consents.length === 0 ? (
        <p>{none}</p>
      ) : (
        <ul className="item-list">
          {consents.map((consent) => (
            <ConsentItem
              key={consent.id}
              consent={consent}
              names={names}
              onStatus={onStatus}
              onRevoked={onRevoked}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ConsentItem({
  consent,
  names,
  onStatus,
  onRevoked,
}: {
  consent: ConsentView;
  names: Map<string, string>;
  onStatus: (status: Status) => void;
  onRevoked: (service: string) => void;
}) {
  const { t, lang } = useI18n();
  const [revoking, setRevoking] = useState(false);
  const service = localized(consent.service.name, lang);
  const status = shownConsentStatus(consent);
  const categories = consent.categories.map((c) => t(categoryMessageKey(c))).join(', ');
  const date = (iso: string) => formatDatePart(iso, lang, 'longDate');
  const receipt = useMutation({
    mutationFn: () => downloadReceipt(consent.id),
    onSuccess: (file) => onStatus({ key: 'consents.receiptSaved', params: { file } }),
  });

  return (
    <li
      className="item consent-item"
      data-testid="consent-item"
      data-consent-id={consent.id}
      data-status={status}
    >
      <h3 className="item-title" data-testid="consent-service">
        {service}
      </h3>
      <p className="chips">
        <span className={`chip chip-status chip-${status}`} data-testid="consent-status">
          {t(`consents.status.${status}`)}
        </span>
        {consent.standing && <span className="chip">{t('consents.standingChip')}</span>}
      </p>
      <dl className="facts">
        <div>
          <dt>{t('consents.purpose')}</dt>
          <dd>{localized(consent.purpose.text, lang)}</dd>
        </div>
        <div>
          <dt>{t('consents.law')}</dt>
          <dd>{t(legalBasisMessageKey(consent.legalBasis))}</dd>
        </div>
        <div>
          <dt>{t('consents.documents')}</dt>
          <dd data-testid="consent-documents">
            {consent.documents.length === 0 ? (
              status === 'active' ? (
                t('consents.documentsNoneYet')
              ) : (
                t('consents.documentsEnded')
              )
            ) : (
              <ul className="plain-list">
                {consent.documents.map((d) => (
                  <li key={d.id} translate="no">
                    {names.get(d.id) ?? t('documents.unreadableName')}
                  </li>
                ))}
              </ul>
            )}
            {consent.standing && status === 'active' && (
              <p className="hint">{t('consents.standingText', { categories })}</p>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('consents.when')}</dt>
          <dd data-testid="consent-when">
            {status === 'active'
              ? t('consents.until', { date: date(consent.expiresAt) })
              : status === 'expired'
                ? t('consents.expiredOn', { date: date(consent.endedAt ?? consent.expiresAt) })
                : t('consents.revokedOn', { date: date(consent.endedAt ?? consent.expiresAt) })}
          </dd>
        </div>
        <div>
          <dt>{t('consents.given')}</dt>
          <dd>{date(consent.createdAt)}</dd>
        </div>
      </dl>
      <div className="actions">
        {status === 'active' && (
          <button
            type="button"
            className="button button-danger"
            data-testid="revoke-consent"
            onClick={() => setRevoking(true)}
          >
            {t('consents.revoke')}
            <span className="visually-hidden"> – {service}</span>
          </button>
        )}
        <button
          type="button"
          className="button button-secondary"
          data-testid="download-receipt"
          aria-busy={receipt.isPending}
          onClick={() => {
            if (!receipt.isPending) receipt.mutate();
          }}
        >
          {t('consents.receipt')}
          <span className="visually-hidden"> – {service}</span>
        </button>
      </div>
      {receipt.isError && <ErrorAlert error={receipt.error} />}
      {revoking && (
        <RevokeDialog
          consent={consent}
          service={service}
          documentNames={consent.documents.map(
            (d) => names.get(d.id) ?? t('documents.unreadableName'),
          )}
          onClose={() => setRevoking(false)}
          onRevoked={() => {
            setRevoking(false);
            onRevoked(service);
          }}
        />
      )}
    </li>
  );
}

function RevokeDialog({
  consent,
  service,
  documentNames,
  onClose,
  onRevoked,
}: {
  consent: ConsentView;
  service: string;
  documentNames: string[];
  onClose: () => void;
  onRevoked: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => revokeConsent(consent.id),
    // The dialog closes first; the list then moves the consent to "Withdrawn".
    onSuccess: onRevoked,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [CONSENTS_KEY] }),
        queryClient.invalidateQueries({ queryKey: [REQUESTS_KEY] }),
      ]),
  });
  return (
    <ModalDialog title={t('revoke.title', { service })} onClose={onClose} testId="revoke-dialog">
      {documentNames.length > 0 && (
        <ul className="plain-list">
          {documentNames.map((name, i) => (
            <li key={consent.documents[i]?.id ?? i} translate="no">
              {name}
            </li>
          ))}
        </ul>
      )}
      <p>{t('revoke.explain', { service })}</p>
      <p>
        <strong>{t('revoke.cannotUndo')}</strong>
      </p>
      <div className="actions dialog-actions">
        <button
          type="button"
          className="button button-danger"
          data-testid="confirm-revoke"
          aria-busy={revoke.isPending}
          onClick={() => {
            if (!revoke.isPending) revoke.mutate();
          }}
        >
          {t('revoke.confirm')}
        </button>
        <button type="button" className="button button-secondary" autoFocus onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
      {revoke.isError && <ErrorAlert error={revoke.error} />}
    </ModalDialog>
  );
}
