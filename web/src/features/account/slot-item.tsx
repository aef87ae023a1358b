import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { ErrorAlert } from '../../components/error-alert';
import { apiDelete } from '../../lib/api';
import type { KeySlotKind, KeySlotView } from '../../lib/api-types';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages.en';
import { vaultStateQuery } from '../../lib/vault/vault-queries';

const kindKeys: Record<KeySlotKind, MessageKey> = {
  passkey: 'slots.kindPasskey',
  passphrase: 'slots.kindPassphrase',
  recovery: 'slots.kindRecovery',
};

/** One unlock method: what it is, when it was added, and remove (not the last one). */
export function SlotItem({
  slot,
  isLast,
  onRemoved,
}: {
  slot: KeySlotView;
  isLast: boolean;
  onRemoved: () => void;
}) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const removeRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  const lastHintId = useId();
  const kind = t(kindKeys[slot.kind]);

  const remove = useMutation({
    mutationFn: () => apiDelete(`/api/vault/slots/${encodeURIComponent(slot.id)}`),
    onSuccess: onRemoved,
    onSettled: () => queryClient.invalidateQueries({ queryKey: vaultStateQuery.queryKey }),
  });

  return (
    <li className="item" data-testid="slot-item" data-slot-kind={slot.kind}>
      <h3 className="item-title">{kind}</h3>
      <dl className="facts">
        <div>
          <dt>{t('slots.added')}</dt>
          <dd>{formatDateTime(slot.createdAt, lang)}</dd>
        </div>
      </dl>
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby={questionId}>
          <p id={questionId}>{t(`slots.removeConfirm.${slot.kind}`)}</p>
          <div className="actions">
            <button
              type="button"
              className="button button-danger"
              data-testid="confirm-remove-slot"
              aria-busy={remove.isPending}
              onClick={() => {
                if (!remove.isPending) remove.mutate();
              }}
            >
              {t('slots.removeYes')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              ref={cancelRef}
              onClick={() => {
                remove.reset();
                flushSync(() => setConfirming(false));
                removeRef.current?.focus();
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
          {remove.isError && <ErrorAlert error={remove.error} />}
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button button-secondary"
            data-testid="remove-slot"
            ref={removeRef}
            disabled={isLast}
            aria-describedby={isLast ? lastHintId : undefined}
            onClick={() => {
              flushSync(() => setConfirming(true));
              cancelRef.current?.focus();
            }}
          >
            {t('slots.remove')}
            <span className="visually-hidden"> {kind}</span>
          </button>
          {isLast && (
            <p id={lastHintId} className="hint">
              {t('slots.lastHint')}
            </p>
          )}
        </div>
      )}
    </li>
  );
}
