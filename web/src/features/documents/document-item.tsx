import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { TransferProgress } from '../../components/transfer-progress';
import { formatBytes, formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { localized } from '../../lib/localized';
import { categoryMessageKey } from '../../lib/vault/categories';
import type { DocumentSummary } from '../../lib/vault/protocol';
import { downloadDocument } from '../../lib/vault/vault-client';
import { DeleteDialog } from './delete-dialog';
import { NewVersionForm } from './new-version-form';
import { PreviewDialog } from './preview-dialog';
import { documentsQuery } from './queries';
import { previewKind } from './preview-kind';
import { saveFile } from '../../lib/save-file';
import type { Status } from './status';
import { useTransfer } from './use-transfer';

type Open = 'none' | 'preview' | 'delete' | 'new-version';

/** One document: its decrypted name and facts, and preview, download, new version, delete. */
export function DocumentItem({
  document,
  onStatus,
  onDeleted,
}: {
  document: DocumentSummary;
  onStatus: (status: Status) => void;
  onDeleted: (name: string) => void;
}) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Open>('none');
  const newVersionRef = useRef<HTMLButtonElement>(null);
  const download = useTransfer(downloadDocument);
  const details = document.details;
  const name = details?.name ?? t('documents.unreadableName');
  const preview = details ? previewKind(details.type) : null;

  return (
    <li className="item document-item" data-testid="document-item" data-document-id={document.id}>
      <h3 className="item-title" data-testid="document-name" translate="no">
        {name}
      </h3>
      <p className="chips">
        <span className="chip" data-testid="document-category">
          {t(categoryMessageKey(document.category))}
        </span>
        {document.issuedBy ? (
          <span className="chip chip-issuer" data-testid="issuer-badge">
            {t('documents.issuedBy', { issuer: localized(document.issuedBy.name, lang) })}
          </span>
        ) : (
          document.issuer && (
            <span className="chip chip-issuer" data-testid="issuer-badge">
              {t('documents.issuedBy', { issuer: document.issuer })}
            </span>
          )
        )}
      </p>
      {details?.title && <p>{details.title}</p>}
      {!details && (
        <p className="field-error" data-testid="document-unreadable">
          {t('documents.unreadable')}
        </p>
      )}
      <dl className="facts">
        {details && (
          <div>
            <dt>{t('documents.size')}</dt>
            <dd>{formatBytes(details.size, lang)}</dd>
          </div>
        )}
        <div>
          <dt>{t('documents.updated')}</dt>
          <dd>{formatDateTime(document.updatedAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('documents.version')}</dt>
          <dd>
            {t('documents.versionOf', { version: document.version, count: document.versionCount })}
          </dd>
        </div>
      </dl>

      <div className="actions">
        {details && preview && (
          <button
            type="button"
            className="button button-secondary"
            data-testid="preview-open"
            onClick={() => setOpen('preview')}
          >
            {t('documents.preview')}
            <span className="visually-hidden"> {name}</span>
          </button>
        )}
        {details && (
          <button
            type="button"
            className="button button-secondary"
            data-testid="download"
            aria-disabled={download.state.status === 'running' || undefined}
            onClick={async () => {
              if (download.state.status === 'running') return;
              const file = await download.start({ documentId: document.id });
              if (file) {
                saveFile(file.blob, file.name);
                onStatus({ key: 'documents.downloaded', params: { name: file.name } });
              }
            }}
          >
            {t('documents.download')}
            <span className="visually-hidden"> {name}</span>
          </button>
        )}
        <button
          type="button"
          className="button button-secondary"
          data-testid="new-version"
          ref={newVersionRef}
          aria-expanded={open === 'new-version'}
          onClick={() => setOpen(open === 'new-version' ? 'none' : 'new-version')}
        >
          {t('documents.newVersion')}
          <span className="visually-hidden"> {name}</span>
        </button>
        <button
          type="button"
          className="button button-danger"
          data-testid="delete-document"
          onClick={() => setOpen('delete')}
        >
          {t('documents.delete')}
          <span className="visually-hidden"> {name}</span>
        </button>
      </div>
      {!details && <p className="hint">{t('documents.noPreviewUnreadable')}</p>}
      {details && !preview && <p className="hint">{t('documents.noPreview')}</p>}

      {download.state.status === 'running' && (
        <div className="transfer-box">
          <TransferProgress
            label={t('documents.downloading', { name })}
            progress={download.state.progress}
            testId="download-progress"
          />
          <button
            type="button"
            className="button button-secondary"
            data-testid="download-cancel"
            onClick={download.cancel}
          >
            {t('documents.cancelDownload')}
          </button>
        </div>
      )}
      {download.state.status === 'failed' && <ErrorAlert error={download.state.error} />}

      {open === 'new-version' && (
        <NewVersionForm
          document={document}
          name={name}
          onCancel={() => {
            setOpen('none');
            newVersionRef.current?.focus();
          }}
          onUploaded={async (newName) => {
            setOpen('none');
            onStatus({ key: 'documents.newVersionDone', params: { name: newName } });
            newVersionRef.current?.focus();
            await queryClient.invalidateQueries({ queryKey: documentsQuery.queryKey });
          }}
        />
      )}
      {open === 'preview' && details && preview && (
        <PreviewDialog
          documentId={document.id}
          name={name}
          kind={preview}
          onClose={() => setOpen('none')}
        />
      )}
      {open === 'delete' && (
        <DeleteDialog
          documentId={document.id}
          name={name}
          onClose={() => setOpen('none')}
          onDeleted={() => onDeleted(name)}
        />
      )}
    </li>
  );
}
