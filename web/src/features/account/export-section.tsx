import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { StatusMessage } from '../../components/status-message';
import { apiGet } from '../../lib/api';
import { fetchConsentReceipt } from '../../lib/consent-receipt';
import type { ConsentListResponse } from '../../lib/consent-types';
import { exportLog } from '../../lib/export-log';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me-query';
import { saveFile } from '../../lib/save-file';
import type { Translate } from '../../lib/translate';
import {
  downloadDocument,
  listDocuments,
  listVersions,
  useVaultUnlocked,
} from '../../lib/vault/vault-client';
import { useVaultState } from '../../lib/vault/vault-queries';
import {
  buildExport,
  UnreadableDocumentError,
  type ExportProgress,
  type ExportSources,
  type UnreadableVersion,
} from './export/build-export';
import { createReadmeWriter } from './export/readme-text';

/** The vault worker and the API, as "Export everything" reads them. */
const sources: ExportSources = {
  listDocuments,
  listVersions,
  downloadDocument,
  listConsents: async () => (await apiGet<ConsentListResponse>('/api/consents')).consents,
  fetchReceipt: fetchConsentReceipt,
  exportLog,
};

type State =
  | { phase: 'idle' }
  | { phase: 'running'; progress: ExportProgress }
  | { phase: 'done'; file: string; skipped: number }
  | { phase: 'unreadable'; unreadable: UnreadableVersion }
  | { phase: 'failed'; error: unknown }
  | { phase: 'cancelled' };

function stepText(t: Translate, { step }: ExportProgress): string {
  switch (step.kind) {
    case 'document':
      return t('exportAll.step.document', {
        name: step.name,
        index: step.index,
        count: step.count,
      });
    default:
      return t(`exportAll.step.${step.kind}`);
  }
}

/** Quarter steps, for a screen reader: announcing every document would drown everything else. */
function quarter({ done, total }: ExportProgress): number {
  return total <= 0 ? 0 : Math.floor((done / total) * 4) * 25;
}

/**
 * Settings, "Export everything" (issue 6, GDPR Art. 20): one archive made in this browser, with
 * a progress bar that names each step, a way to stop, and — if a document does not decrypt — an
 * error that says what to do, with the choice to export everything else.
 */
export function ExportSection() {
  const { t, lang } = useI18n();
  const headingId = useId();
  const labelId = useId();
  const stepId = useId();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const unlocked = useVaultUnlocked();
  const vault = useVaultState();
  const me = useMe();
  // Leaving the page stops an export: nothing is saved behind the resident's back.
  useEffect(() => () => abort.current?.abort(), []);

  const run = async (skipUnreadable: boolean) => {
    const residentId = me.data?.id;
    if (!residentId) return;
    const controller = new AbortController();
    abort.current = controller;
    // Stopping takes effect at once: whatever this run still finishes is dropped, never saved.
    const current = () => abort.current === controller && !controller.signal.aborted;
    setState({ phase: 'running', progress: { step: { kind: 'listing' }, done: 0, total: 1 } });
    try {
      const built = await buildExport({
        sources,
        readme: createReadmeWriter(t, lang),
        residentId,
        vault: window.location.origin,
        language: lang,
        skipUnreadable,
        signal: controller.signal,
        onProgress: (progress) => {
          if (current()) setState({ phase: 'running', progress });
        },
      });
      if (!current()) return;
      saveFile(built.archive, built.fileName);
      setState({ phase: 'done', file: built.fileName, skipped: built.unreadable.length });
    } catch (error) {
      if (!current()) return;
      if (error instanceof UnreadableDocumentError) {
        setState({ phase: 'unreadable', unreadable: error.unreadable });
      } else setState({ phase: 'failed', error });
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  };

  const stop = () => {
    abort.current?.abort();
    abort.current = null;
    setState({ phase: 'cancelled' });
  };

  let body;
  if (vault.data?.enrolled === false) body = <p>{t('exportAll.notEnrolled')}</p>;
  else if (!unlocked) {
    body = (
      <p data-testid="export-locked">
        {t('exportAll.locked')} <Link to="/unlock">{t('exportAll.unlockLink')}</Link>
      </p>
    );
  } else if (state.phase === 'running') {
    const { progress } = state;
    body = (
      <div className="transfer" data-testid="export-progress">
        <p id={labelId} className="transfer-label">
          {t('exportAll.progressLabel')}
        </p>
        <progress
          data-testid="export-progress-bar"
          value={progress.done}
          max={Math.max(progress.total, 1)}
          aria-labelledby={labelId}
          aria-describedby={stepId}
        />
        <p id={stepId} className="hint" data-testid="export-step" data-step={progress.step.kind}>
          {stepText(t, progress)}
        </p>
        <p className="visually-hidden" role="status">
          {t('exportAll.percent', { percent: quarter(progress) })}
        </p>
        <button type="button" className="button" data-testid="export-cancel" onClick={stop}>
          {t('exportAll.cancel')}
        </button>
      </div>
    );
  } else {
    body = (
      <>
        {state.phase === 'unreadable' && (
          <div className="alert alert-error" role="alert" data-testid="export-unreadable">
            <p>
              <strong>{t('exportAll.unreadableTitle')}</strong>
            </p>
            <p>
              {t('exportAll.unreadable', {
                name: state.unreadable.name ?? t('exportAll.unnamed'),
                version: state.unreadable.version,
              })}
            </p>
            <button
              type="button"
              className="button"
              data-testid="export-without"
              onClick={() => void run(true)}
            >
              {t('exportAll.exportWithout')}
            </button>
          </div>
        )}
        {state.phase === 'failed' && <ErrorAlert error={state.error} />}
        <p className="hint">{t('exportAll.warning')}</p>
        <button
          type="button"
          className="button button-primary"
          data-testid="export-all"
          disabled={!me.data}
          onClick={() => void run(false)}
        >
          {state.phase === 'unreadable' || state.phase === 'failed'
            ? t('exportAll.retry')
            : t('exportAll.button')}
        </button>
      </>
    );
  }

  let status: string | null = null;
  if (state.phase === 'done') {
    status =
      state.skipped === 0
        ? t('exportAll.done', { file: state.file })
        : t('exportAll.doneWithout', { file: state.file, count: state.skipped });
  } else if (state.phase === 'cancelled') status = t('exportAll.cancelled');

  return (
    <section className="section" aria-labelledby={headingId} data-testid="export-section">
      <h2 id={headingId}>{t('exportAll.heading')}</h2>
      <p>{t('exportAll.text')}</p>
      <div data-testid="export-status">
        <StatusMessage>{status}</StatusMessage>
      </div>
      {body}
    </section>
  );
}
