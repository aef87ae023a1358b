import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Spinner } from '../../components/spinner';
import { StatusMessage } from '../../components/status-message';
import { configQuery } from '../../lib/config-query';
import { useT } from '../../lib/i18n';
import { accountCredentialIds, evaluatePasskeyPrf } from '../../lib/vault/passkey-prf';
import { addPasskeySlot, useVaultUnlocked } from '../../lib/vault/vault-client';
import { useVaultState, vaultStateQuery } from '../../lib/vault/vault-queries';
import { AddPassphraseSlotForm } from './add-passphrase-slot-form';
import type { Status } from './queries';
import { ReplaceRecoveryForm } from './replace-recovery-form';
import { SlotItem } from './slot-item';

type Open = 'none' | 'passphrase' | 'recovery';

/**
 * The vault's unlock methods (key slots): list, remove (never the last one), add a passkey or a
 * passphrase, replace the recovery kit. Adding needs the unlocked vault (the master key is in the
 * worker); listing and removing do not.
 */
export function UnlockMethodsSection() {
  const t = useT();
  const queryClient = useQueryClient();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [open, setOpen] = useState<Open>('none');
  const state = useVaultState();
  const unlocked = useVaultUnlocked();

  const addPasskey = useMutation({
    mutationFn: async () => {
      const { prfSalt } = await queryClient.fetchQuery(configQuery);
      // Offer the account's passkeys that do not open the vault yet (all of them if none is
      // left: the worker then says that passkey already has a slot).
      const slotted = new Set((state.data?.slots ?? []).map((s) => s.credentialId));
      const ids = await accountCredentialIds();
      const free = ids.filter((id) => !slotted.has(id));
      await addPasskeySlot(await evaluatePasskeyPrf(prfSalt, free.length > 0 ? free : ids));
    },
    onSuccess: () => setStatus({ key: 'slots.passkeyAdded' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: vaultStateQuery.queryKey }),
  });

  const closeForm = (next: Status | null) => {
    setOpen('none');
    if (next) setStatus(next);
    headingRef.current?.focus();
  };

  let body;
  if (state.isPending) body = <Spinner />;
  else if (state.isError) {
    body = (
      <ErrorAlert error={state.error}>
        <button type="button" className="button" onClick={() => void state.refetch()}>
          {t('common.retry')}
        </button>
      </ErrorAlert>
    );
  } else if (!state.data.enrolled) {
    body = (
      <p>
        {t('slots.notEnrolled')} <Link to="/setup">{t('slots.setUpLink')}</Link>
      </p>
    );
  } else {
    const slots = state.data.slots;
    body = (
      <>
        <ul className="item-list">
          {slots.map((slot) => (
            <SlotItem
              key={slot.id}
              slot={slot}
              isLast={slots.length === 1}
              onRemoved={() => {
                setStatus({ key: 'slots.removed' });
                headingRef.current?.focus();
              }}
            />
          ))}
        </ul>
        {!unlocked ? (
          <p data-testid="slots-locked">
            {t('slots.lockedHint')}{' '}
            <Link to="/unlock" state={{ from: '/account' }}>
              {t('slots.unlockLink')}
            </Link>
          </p>
        ) : (
          <>
            <div className="actions">
              <button
                type="button"
                className="button button-secondary"
                data-testid="add-passkey-slot"
                aria-busy={addPasskey.isPending}
                onClick={() => {
                  if (!addPasskey.isPending) addPasskey.mutate();
                }}
              >
                {t('slots.addPasskey')}
              </button>
              <button
                type="button"
                className="button button-secondary"
                data-testid="add-passphrase"
                aria-expanded={open === 'passphrase'}
                onClick={() => setOpen(open === 'passphrase' ? 'none' : 'passphrase')}
              >
                {t('slots.addPassphrase')}
              </button>
              <button
                type="button"
                className="button button-secondary"
                data-testid="replace-recovery"
                aria-expanded={open === 'recovery'}
                onClick={() => setOpen(open === 'recovery' ? 'none' : 'recovery')}
              >
                {t('slots.replaceRecovery')}
              </button>
            </div>
            <StatusMessage>{addPasskey.isPending ? t('slots.passkeyWaiting') : null}</StatusMessage>
            {addPasskey.isError && <ErrorAlert error={addPasskey.error} />}
            {open === 'passphrase' && (
              <AddPassphraseSlotForm
                onDone={() => closeForm({ key: 'slots.passphraseAdded' })}
                onCancel={() => closeForm(null)}
              />
            )}
            {open === 'recovery' && (
              <ReplaceRecoveryForm
                onDone={() => closeForm({ key: 'slots.recoveryReplaced' })}
                onCancel={() => closeForm(null)}
              />
            )}
          </>
        )}
      </>
    );
  }

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('slots.heading')}
      </h2>
      <p>{t('slots.intro')}</p>
      <StatusMessage>{status ? t(status.key, status.params) : null}</StatusMessage>
      {body}
    </section>
  );
}
