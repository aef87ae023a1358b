import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { ModalDialog } from '../../components/modal-dialog';
import { TransferProgress } from '../../components/transfer-progress';
import { useT } from '../../lib/i18n';
import { downloadDocument } from '../../lib/vault/vault-client';
import { previewBlobType, type PreviewKind } from './preview-kind';
import { useTransfer } from './use-transfer';

/**
 * Shows an image or a PDF in the page, from a `blob:` URL of the decrypted, verified file (the
 * worker hands it over only after the whole stream checked out). The URL is revoked on close.
 */
export function PreviewDialog({
  documentId,
  name,
  kind,
  onClose,
}: {
  documentId: string;
  name: string;
  kind: Exclude<PreviewKind, null>;
  onClose: () => void;
}) {
  const t = useT();
  const { state, start } = useTransfer(downloadDocument);
  const [url, setUrl] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    let objectUrl: string | null = null;
    void start({ documentId }).then((file) => {
      if (!file || !alive) return;
      const blob = new Blob([file.blob], { type: previewBlobType(kind, file.type) });
      objectUrl = URL.createObjectURL(blob);
      setUrl(objectUrl);
    });
    return () => {
      alive = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [documentId, kind, start]);

  return (
    <ModalDialog title={name} onClose={onClose} testId="preview-dialog" wide>
      {state.status === 'running' && (
        <TransferProgress
          label={t('preview.loading', { name })}
          progress={state.progress}
          testId="preview-progress"
        />
      )}
      {state.status === 'failed' && <ErrorAlert error={state.error} />}
      {url && kind === 'image' && (
        <img
          className="preview-image"
          src={url}
          alt={t('preview.imageAlt', { name })}
          data-testid="preview-image"
        />
      )}
      {url && kind === 'pdf' && (
        <iframe
          className="preview-frame"
          src={url}
          title={t('preview.pdfTitle', { name })}
          data-testid="preview-pdf"
        />
      )}
      <div className="actions dialog-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="preview-close"
          autoFocus
          onClick={onClose}
        >
          {t('preview.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
