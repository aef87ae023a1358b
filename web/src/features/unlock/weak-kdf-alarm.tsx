import { useT } from '../../lib/i18n';

/**
 * The loud warning for a passphrase slot whose Argon2id parameters are below crypto/'s floor:
 * only a tampered server offers those, to make a passphrase cheap to guess. The passphrase was
 * not used; the resident must not type it anywhere else.
 */
export function WeakKdfAlarm() {
  const t = useT();
  return (
    <div className="alert alert-alarm" role="alert" data-testid="error">
      <h2>{t('unlock.weakKdfHeading')}</h2>
      <p>{t('errors.ERR_WEAK_KDF_PARAMS')}</p>
      <ul>
        <li>{t('unlock.weakKdfDoNotType')}</li>
        <li>{t('unlock.weakKdfUseOther')}</li>
        <li>{t('unlock.weakKdfContact')}</li>
      </ul>
    </div>
  );
}
