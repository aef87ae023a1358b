/**
 * A live region for short confirmations ("Passkey added."). It is always rendered, even when
 * empty, so screen readers announce the text when it changes.
 */
export function StatusMessage({ children }: { children?: string | null }) {
  return (
    <p className="status-message" role="status">
      {children}
    </p>
  );
}
