import { useEffect } from 'react';
import type { PublicConfig } from '../api-types';
import { isVaultBusy, lockVault, useVaultUnlocked } from './vault-client';

/** Minutes without activity after which an unlocked vault locks, unless the server says else. */
export const DEFAULT_IDLE_LOCK_MINUTES = 15;

/**
 * The idle-lock delay: `idleLockMinutes` from the public config (`VAULT_IDLE_LOCK_MINUTES`) when
 * the server sends a sensible one, else {@link DEFAULT_IDLE_LOCK_MINUTES}.
 */
export function idleLockMinutes(config: PublicConfig | undefined): number {
  const value = (config as { idleLockMinutes?: unknown } | undefined)?.idleLockMinutes;
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 && value <= 24 * 60
    ? value
    : DEFAULT_IDLE_LOCK_MINUTES;
}

/** What counts as the resident being there. */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks the vault after `minutes` without activity. A running upload or download counts as
 * activity. Timers in a background tab may fire late, so the check is against the clock, and
 * it is repeated when the tab becomes visible again.
 */
export function useIdleLock(minutes: number): void {
  const unlocked = useVaultUnlocked();
  useEffect(() => {
    if (!unlocked) return;
    const limitMs = minutes * 60_000;
    let lastActivity = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const check = () => {
      const idleFor = Date.now() - lastActivity;
      if (isVaultBusy()) lastActivity = Date.now();
      else if (idleFor >= limitMs) {
        void lockVault();
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(check, Math.max(1000, limitMs - (Date.now() - lastActivity)));
    };
    const onActivity = () => {
      lastActivity = Date.now();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') check();
    };

    for (const type of ACTIVITY_EVENTS) {
      document.addEventListener(type, onActivity, { passive: true, capture: true });
    }
    document.addEventListener('visibilitychange', onVisibility);
    timer = setTimeout(check, limitMs);
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) {
        document.removeEventListener(type, onActivity, { capture: true });
      }
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [unlocked, minutes]);
}
