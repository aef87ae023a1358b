import type { ReactNode } from 'react';
import { errorMessageKey } from '../lib/errors';
import { useT } from '../lib/i18n';

/**
 * Shows a failure as a translated message that says what to do next (never the server's own
 * text), with an optional follow-up action such as a retry button or a link.
 */
export function ErrorAlert({ error, children }: { error: unknown; children?: ReactNode }) {
  const t = useT();
  return (
    <div className="alert alert-error" role="alert" data-testid="error">
      <p>{t(errorMessageKey(error))}</p>
      {children}
    </div>
  );
}
