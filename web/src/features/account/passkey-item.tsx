import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { ErrorAlert } from '../../components/error-alert';
import type { PasskeyView } from '../../lib/api-types';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { removePasskey } from './api/remove-passkey';
import { passkeysQuery, type Status } from './queries';
import { RenamePasskeyForm } from './rename-passkey-form';

type Mode = 'view' | 'rename' | 'confirm-remove';

/** One passkey: its facts, and rename / remove (with a confirmation step). */
export function PasskeyItem({
  passkey,
  onStatus,
  onRemoved,
}: {
  passkey: PasskeyView;
  onStatus: (status: Status) => void;
  onRemoved: (passkey: PasskeyView) => void;
}) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>('view');
  const renameRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const cancelRemoveRef = useRef<HTMLButtonElement>(null);
  const questionId = useId();

  const remove = useMutation({
    mutationFn: () => removePasskey(passkey.id),
    onSuccess: () => {
      queryClient.setQueryData(passkeysQuery.queryKey, (old) =>
        old?.filter((p) => p.id !== passkey.id),
      );
      onRemoved(passkey);
    },
    // Also after a failure: "not found" means the list here is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: passkeysQuery.queryKey }),
  });

  /** Switches mode and moves focus to where the resident continues. */
  function switchTo(next: Mode, focus: () => HTMLElement | null) {
    flushSync(() => setMode(next));
    focus()?.focus();
  }

  return (
    <li className="item" data-testid="passkey-item">
      <h3 className="item-title">{passkey.name}</h3>
      <dl className="facts">
        <div>
          <dt>{t('passkeys.added')}</dt>
          <dd>{formatDateTime(passkey.createdAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('passkeys.lastUsed')}</dt>
          <dd>
            {passkey.lastUsedAt ? formatDateTime(passkey.lastUsedAt, lang) : t('common.never')}
          </dd>
        </div>
        <div>
          <dt>{t('passkeys.backup')}</dt>
          <dd>{passkey.backedUp ? t('passkeys.backedUp') : t('passkeys.notBackedUp')}</dd>
        </div>
      </dl>

      {mode === 'rename' && (
        <RenamePasskeyForm
          passkey={passkey}
          onCancel={() => switchTo('view', () => renameRef.current)}
          onRenamed={(renamed) => {
            onStatus({ key: 'passkeys.renamedStatus', params: { name: renamed.name } });
            switchTo('view', () => renameRef.current);
          }}
        />
      )}

      {mode === 'confirm-remove' && (
        <div className="confirm" role="group" aria-labelledby={questionId}>
          <p id={questionId}>{t('passkeys.removeConfirm', { name: passkey.name })}</p>
          <div className="actions">
            <button
              type="button"
              className="button button-danger"
              data-testid="confirm-remove-passkey"
              aria-busy={remove.isPending}
              onClick={() => {
                if (!remove.isPending) remove.mutate();
              }}
            >
              {t('passkeys.removeYes')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              ref={cancelRemoveRef}
              onClick={() => {
                remove.reset();
                switchTo('view', () => removeRef.current);
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
          {remove.isError && <ErrorAlert error={remove.error} />}
        </div>
      )}

      {mode === 'view' && (
        <div className="actions">
          <button
            type="button"
            className="button button-secondary"
            data-testid="rename-passkey"
            ref={renameRef}
            onClick={() => setMode('rename')}
          >
            {t('passkeys.rename')}
            <span className="visually-hidden"> {passkey.name}</span>
          </button>
          <button
            type="button"
            className="button button-secondary"
            data-testid="remove-passkey"
            ref={removeRef}
            onClick={() => switchTo('confirm-remove', () => cancelRemoveRef.current)}
          >
            {t('passkeys.remove')}
            <span className="visually-hidden"> {passkey.name}</span>
          </button>
        </div>
      )}
    </li>
  );
}
