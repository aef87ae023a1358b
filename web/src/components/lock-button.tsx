import { useT } from '../lib/i18n';
import { lockVault, useVaultUnlocked } from '../lib/vault/vault-client';

/** "Lock the vault" in the header, while it is unlocked. */
export function LockButton() {
  const t = useT();
  const unlocked = useVaultUnlocked();
  if (!unlocked) return null;
  return (
    <button
      type="button"
      className="button button-secondary"
      data-testid="lock-now"
      onClick={() => {
        // The button disappears with the lock: keep keyboard focus on the page, not lost.
        document.getElementById('main')?.focus();
        void lockVault();
      }}
    >
      {t('header.lock')}
    </button>
  );
}
