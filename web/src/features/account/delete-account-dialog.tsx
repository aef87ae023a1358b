import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { ModalDialog } from '../../components/modal-dialog';
import { ApiError } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { saveFile } from '../../lib/save-file';
import { signOut } from '../../lib/sign-out';
import { lockVault } from '../../lib/vault/vault-client';
import { deleteAccount, type DeletedAccount } from './api/delete-account';

const saveReceipt = (deleted: DeletedAccount) =>
  saveFile(
    new Blob([`${JSON.stringify(deleted.file, null, 2)}\n`], { type: 'application/json' }),
    deleted.fileName,
  );

/**
 * Confirms an account deletion, saying exactly what happens, and asks the resident to type a word
 * (so that a slip of the finger deletes nothing). Once the vault has deleted the account it saves
 * the signed receipt as a download, offers it again, and signs the page out when the resident
 * finishes. Cancel has the focus.
 */
export function DeleteAccountDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const word = t('deleteAccount.word');
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const remove = useMutation({
    mutationFn: deleteAccount,
    onSuccess: async (deleted) => {
      saveReceipt(deleted);
      // The keys in this tab belong to an account that no longer exists.
      await lockVault();
    },
  });
  const leave = useMutation({
    mutationFn: () => signOut(queryClient),
    onSettled: () => navigate('/sign-in', { replace: true }),
  });

  if (remove.isSuccess) {
    const deleted = remove.data;
    const finish = () => {
      if (!leave.isPending) leave.mutate();
    };
    return (
      <ModalDialog title={t('deleteAccount.doneTitle')} onClose={finish} testId="account-deleted">
        <p role="status">{t('deleteAccount.doneText', { file: deleted.fileName })}</p>
        <p>{t('deleteAccount.doneCounts', { ...deleted.payload.deleted })}</p>
        <div className="actions dialog-actions">
          <button
            type="button"
            className="button button-secondary"
            data-testid="download-deletion-receipt"
            onClick={() => saveReceipt(deleted)}
          >
            {t('deleteAccount.download')}
          </button>
          <button
            type="button"
            className="button button-primary"
            data-testid="finish-deletion"
            aria-busy={leave.isPending}
            onClick={finish}
          >
            {t('deleteAccount.finish')}
          </button>
        </div>
      </ModalDialog>
    );
  }

  const needsSignIn =
    remove.error instanceof ApiError && remove.error.code === 'ERR_REAUTH_REQUIRED';
  return (
    <ModalDialog
      title={t('deleteAccount.title')}
      onClose={onClose}
      testId="delete-account-dialog"
      wide
    >
      <p>{t('deleteAccount.whatHappens')}</p>
      <ul className="plain-list">
        <li>{t('deleteAccount.documents')}</li>
        <li>{t('deleteAccount.signIn')}</li>
        <li>{t('deleteAccount.services')}</li>
        <li>{t('deleteAccount.alreadyRead')}</li>
        <li>{t('deleteAccount.log')}</li>
        <li>{t('deleteAccount.backups')}</li>
        <li>{t('deleteAccount.receipt')}</li>
      </ul>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const matches = typed.trim().toLocaleUpperCase() === word.toLocaleUpperCase();
          setMismatch(!matches);
          if (matches && !remove.isPending) remove.mutate();
        }}
      >
        <label htmlFor={inputId}>{t('deleteAccount.typeLabel', { word })}</label>
        <p id={hintId} className="hint">
          {t('deleteAccount.typeHint')}
        </p>
        <input
          id={inputId}
          data-testid="delete-account-confirmation"
          value={typed}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={mismatch || undefined}
          aria-describedby={mismatch ? `${hintId} ${errorId}` : hintId}
          onChange={(event) => setTyped(event.target.value)}
        />
        {mismatch && (
          <p id={errorId} className="field-error" role="alert" data-testid="error">
            {t('deleteAccount.mismatch', { word })}
          </p>
        )}
        <div className="actions dialog-actions">
          <button
            type="submit"
            className="button button-danger"
            data-testid="confirm-delete-account"
            aria-busy={remove.isPending}
          >
            {remove.isPending ? t('deleteAccount.deleting') : t('deleteAccount.confirm')}
          </button>
          <button type="button" className="button button-secondary" autoFocus onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
      {remove.isError && (
        <ErrorAlert error={remove.error}>
          {needsSignIn && (
            <button
              type="button"
              className="button button-primary"
              data-testid="delete-account-sign-in"
              onClick={() => {
                if (!leave.isPending) leave.mutate();
              }}
            >
              {t('deleteAccount.reauth')}
            </button>
          )}
        </ErrorAlert>
      )}
    </ModalDialog>
  );
}
