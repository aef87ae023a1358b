import { useT } from '../lib/i18n';

/** A polite, visible "Loading…" status; `label` replaces the default text. */
export function Spinner({ label }: { label?: string }) {
  const t = useT();
  return (
    <p className="spinner" role="status">
      <span className="spinner-icon" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}
