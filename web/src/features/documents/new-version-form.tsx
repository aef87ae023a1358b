import { useId, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { TransferProgress } from '../../components/transfer-progress';
import { useT } from '../../lib/i18n';
import type { DocumentSummary } from '../../lib/vault/protocol';
import { uploadDocument } from '../../lib/vault/vault-client';
import { useTransfer } from './use-transfer';

/** Uploads a file as the next version of a document (same category, a fresh key). */
export function NewVersionForm({
  document,
  name,
  onCancel,
  onUploaded,
}: {
  document: DocumentSummary;
  name: string;
  onCancel: () => void;
  onUploaded: (name: string) => Promise<void>;
}) {
  const t = useT();
  const fileId = useId();
  const errorId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const upload = useTransfer(uploadDocument);
  const running = upload.state.status === 'running';

  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setMissing(!file);
        if (!file || running) return;
        const result = await upload.start({
          file,
          category: document.category,
          documentId: document.id,
          currentVersion: document.version,
        });
        if (result) await onUploaded(result.details?.name ?? file.name);
      }}
    >
      <label htmlFor={fileId}>{t('documents.newVersionLabel', { name })}</label>
      <input
        id={fileId}
        type="file"
        data-testid="new-version-file"
        disabled={running}
        autoFocus // opened by the resident's own click, so moving focus here is expected
        aria-invalid={missing || undefined}
        aria-describedby={missing ? errorId : undefined}
        onChange={(event) => setFile(event.target.files?.[0] ?? null)}
      />
      {missing && (
        <p id={errorId} className="field-error" role="alert" data-testid="error">
          {t('upload.fileRequired')}
        </p>
      )}
      <div className="actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="new-version-submit"
          aria-disabled={running || undefined}
        >
          {t('documents.newVersionSubmit')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          data-testid={running ? 'upload-cancel' : undefined}
          onClick={() => {
            if (running) upload.cancel();
            else onCancel();
          }}
        >
          {running ? t('upload.cancel') : t('common.cancel')}
        </button>
      </div>
      {upload.state.status === 'running' && (
        <TransferProgress
          label={t('upload.progressLabel', { name: file?.name ?? '' })}
          progress={upload.state.progress}
          testId="upload-progress"
        />
      )}
      {upload.state.status === 'cancelled' && (
        <p className="notice" role="status">
          {t('upload.cancelled')}
        </p>
      )}
      {upload.state.status === 'failed' && <ErrorAlert error={upload.state.error} />}
    </form>
  );
}
