import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Spinner } from '../../components/spinner';
import { StatusMessage } from '../../components/status-message';
import { formatBytes } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useVaultState } from '../../lib/vault/vault-queries';
import { DocumentList } from './document-list';
import { documentsQuery } from './queries';
import type { Status } from './status';
import { UploadForm } from './upload-form';

/** The start page of an unlocked vault: upload, then the list with search and filters. */
export function DocumentsPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('documents.title'));
  const { data: me } = useMe();
  const vaultState = useVaultState();
  const documents = useQuery(documentsQuery);
  const listHeadingId = useId();
  const listHeadingRef = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<Status>(null);
  if (!me) return null;
  const quota = vaultState.data?.quota;

  return (
    <>
      <h1 data-testid="welcome">{t('documents.heading', { name: me.displayName })}</h1>
      <p className="lead">{t('documents.lead')}</p>
      {quota && (
        <p className="hint" data-testid="quota">
          {t('documents.quota', {
            used: formatBytes(quota.usedBytes, lang),
            limit: formatBytes(quota.limitBytes, lang),
          })}
        </p>
      )}
      <StatusMessage>{status ? t(status.key, status.params) : null}</StatusMessage>
      <UploadForm onStatus={setStatus} />
      <section className="section" aria-labelledby={listHeadingId}>
        <h2 id={listHeadingId} ref={listHeadingRef} tabIndex={-1}>
          {t('documents.listHeading')}
        </h2>
        {documents.isPending ? (
          <Spinner label={t('documents.decrypting')} />
        ) : documents.isError ? (
          <ErrorAlert error={documents.error}>
            <button type="button" className="button" onClick={() => void documents.refetch()}>
              {t('common.retry')}
            </button>
          </ErrorAlert>
        ) : (
          <DocumentList
            documents={documents.data}
            onStatus={setStatus}
            onDeleted={(name) => {
              setStatus({ key: 'documents.deleted', params: { name } });
              listHeadingRef.current?.focus();
            }}
          />
        )}
      </section>
    </>
  );
}
