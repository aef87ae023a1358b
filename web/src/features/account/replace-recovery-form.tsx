import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { KitSavedCheckbox, RecoveryKit } from '../../components/recovery-kit';
import { Spinner } from '../../components/spinner';
import { useT } from '../../lib/i18n';
import { useMe } from '../../lib/me-query';
import { commitRecoveryKit, prepareRecoveryKit } from '../../lib/vault/vault-client';
import { UNLOCKED_KEY, vaultStateQuery } from '../../lib/vault/vault-queries';

/**
 * A new recovery kit: made in the worker and shown first; only once the resident confirms they
 * saved it does `PUT /api/vault/recovery` put it in force, and the old kit stops working.
 */
export function ReplaceRecoveryForm({
  onDone,
  onCancel,
}: {
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [saved, setSaved] = useState(false);
  const [tried, setTried] = useState(false);
  // A query (not an effect) so that a re-render never makes a second kit; gone when locked.
  const kit = useQuery({
    queryKey: [UNLOCKED_KEY, 'new-recovery-kit'],
    queryFn: prepareRecoveryKit,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const commit = useMutation({
    mutationFn: commitRecoveryKit,
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: [UNLOCKED_KEY, 'new-recovery-kit'] });
      onDone();
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: vaultStateQuery.queryKey }),
  });

  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (saved && kit.data && !commit.isPending) commit.mutate();
      }}
    >
      <h3>{t('slots.replaceRecoveryHeading')}</h3>
      <p>{t('slots.replaceRecoveryText')}</p>
      {kit.isPending ? (
        <Spinner />
      ) : kit.isError ? (
        <ErrorAlert error={kit.error} />
      ) : (
        <>
          <RecoveryKit code={kit.data} residentName={me?.displayName ?? ''} />
          <KitSavedCheckbox checked={saved} onChange={setSaved} showError={tried} />
        </>
      )}
      <div className="actions no-print">
        <button
          type="submit"
          className="button button-danger"
          data-testid="replace-recovery-confirm"
          aria-busy={commit.isPending}
          disabled={!kit.data}
        >
          {t('slots.replaceRecoveryConfirm')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            queryClient.removeQueries({ queryKey: [UNLOCKED_KEY, 'new-recovery-kit'] });
            onCancel();
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
      {commit.isError && <ErrorAlert error={commit.error} />}
    </form>
  );
}
