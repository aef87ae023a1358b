import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { TransferProgress } from '../../components/transfer-progress';
import type { DocumentCategory } from '../../lib/api-types';
import { useT } from '../../lib/i18n';
import { CATEGORIES, categoryMessageKey, isCategory } from '../../lib/vault/categories';
import { uploadDocument } from '../../lib/vault/vault-client';
import { vaultStateQuery } from '../../lib/vault/vault-queries';
import { documentsQuery } from './queries';
import type { Status } from './status';
import { useTransfer } from './use-transfer';

type Problem = 'file' | 'category';

/**
 * Adds a document: a file, a category, and the upload (encrypted in the vault worker, in chunks,
 * with progress and a cancel button). Every control is labelled and works with the keyboard alone.
 */
export function UploadForm({ onStatus }: { onStatus: (status: Status) => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const headingId = useId();
  const fileId = useId();
  const fileErrorId = useId();
  const categoryId = useId();
  const categoryErrorId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [category, setCategory] = useState<DocumentCategory | ''>('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const upload = useTransfer(uploadDocument);
  const running = upload.state.status === 'running';

  async function submit() {
    const found: Problem[] = [];
    if (!file) found.push('file');
    if (category === '') found.push('category');
    setProblems(found);
    if (!file || category === '' || running) return;
    const name = file.name;
    const result = await upload.start({ file, category });
    if (result) {
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
      onStatus({ key: 'upload.done', params: { name } });
      upload.reset();
    } else {
      onStatus(null);
    }
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: documentsQuery.queryKey }),
      queryClient.invalidateQueries({ queryKey: vaultStateQuery.queryKey }),
    ]);
  }

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('upload.heading')}</h2>
      <p>{t('upload.intro')}</p>
      <form
        className="upload-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor={fileId}>{t('upload.fileLabel')}</label>
          <input
            id={fileId}
            ref={fileRef}
            type="file"
            data-testid="upload-file"
            disabled={running}
            aria-invalid={problems.includes('file') || undefined}
            aria-describedby={problems.includes('file') ? fileErrorId : undefined}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          {problems.includes('file') && (
            <p id={fileErrorId} className="field-error" data-testid="error">
              {t('upload.fileRequired')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={categoryId}>{t('upload.categoryLabel')}</label>
          <select
            id={categoryId}
            data-testid="upload-category"
            value={category}
            disabled={running}
            aria-invalid={problems.includes('category') || undefined}
            aria-describedby={problems.includes('category') ? categoryErrorId : undefined}
            onChange={(event) => {
              const value = event.target.value;
              setCategory(isCategory(value) ? value : '');
            }}
          >
            <option value="">{t('upload.categoryChoose')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(categoryMessageKey(c))}
              </option>
            ))}
          </select>
          {problems.includes('category') && (
            <p id={categoryErrorId} className="field-error" data-testid="error">
              {t('upload.categoryRequired')}
            </p>
          )}
        </div>
        {problems.length > 0 && (
          <p className="visually-hidden" role="alert">
            {problems
              .map((p) => t(p === 'file' ? 'upload.fileRequired' : 'upload.categoryRequired'))
              .join(' ')}
          </p>
        )}
        <div className="actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="upload-submit"
            aria-disabled={running || undefined}
          >
            {t('upload.submit')}
          </button>
        </div>
      </form>
      {upload.state.status === 'running' && (
        <div className="transfer-box">
          <TransferProgress
            label={t('upload.progressLabel', { name: file?.name ?? '' })}
            progress={upload.state.progress}
            testId="upload-progress"
          />
          <button
            type="button"
            className="button button-secondary"
            data-testid="upload-cancel"
            onClick={upload.cancel}
          >
            {t('upload.cancel')}
          </button>
        </div>
      )}
      {upload.state.status === 'cancelled' && (
        <p className="notice" role="status">
          {t('upload.cancelled')}
        </p>
      )}
      {upload.state.status === 'failed' && <ErrorAlert error={upload.state.error} />}
    </section>
  );
}
