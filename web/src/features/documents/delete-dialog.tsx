import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/error-alert';
import { ModalDialog } from '../../components/modal-dialog';
import { apiDelete } from '../../lib/api';
import { useT } from '../../lib/i18n';
import type { DocumentSummary } from '../../lib/vault/protocol';
import { vaultStateQuery } from '../../lib/vault/vault-queries';
import { documentsQuery } from './queries';

/**
 * Confirms a deletion, saying exactly what happens: the document, every version and every copy
 * of its key are deleted (crypto-shredding), and nobody can bring it back. Cancel has the focus.
 */
export function DeleteDialog({
  documentId,
  name,
  onClose,
  onDeleted,
}: {
  documentId: string;
  name: string;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => apiDelete(`/api/documents/${encodeURIComponent(documentId)}`),
    onSuccess: () => {
      queryClient.setQueryData(documentsQuery.queryKey, (old: DocumentSummary[] | undefined) =>
        old?.filter((d) => d.id !== documentId),
      );
      onDeleted();
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: documentsQuery.queryKey }),
        queryClient.invalidateQueries({ queryKey: vaultStateQuery.queryKey }),
      ]),
  });
  return (
    <ModalDialog title={t('delete.title', { name })} onClose={onClose} testId="delete-dialog">
      <p>{t('delete.explain')}</p>
      <p>
        <strong>{t('delete.permanent')}</strong>
      </p>
      <div className="actions dialog-actions">
        <button
          type="button"
          className="button button-danger"
          data-testid="confirm-delete"
          aria-busy={remove.isPending}
          onClick={() => {
            if (!remove.isPending) remove.mutate();
          }}
        >
          {t('delete.confirm')}
        </button>
        <button type="button" className="button button-secondary" autoFocus onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
      {remove.isError && <ErrorAlert error={remove.error} />}
    </ModalDialog>
  );
}
