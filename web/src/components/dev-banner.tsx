import { useConfig } from '../lib/config-query';
import { useT } from '../lib/i18n';

/** A loud notice while the local eID stand-in is mounted (never in production). */
export function DevBanner() {
  const t = useT();
  const { data: config } = useConfig();
  if (!config?.devEid) return null;
  return (
    <div className="dev-banner" data-testid="dev-banner">
      <p>
        <strong>{t('devBanner.title')}</strong> {t('devBanner.body')}
      </p>
    </div>
  );
}
