import { Link, NavLink } from 'react-router';
import { useT } from '../lib/i18n';
import { useMe } from '../lib/me-query';
import { DevBanner } from './dev-banner';
import { LanguageSelect } from './language-select';
import { RequestsNavLink } from '../lib/requests-nav-link';
import { LockButton } from './lock-button';
import { SignOutButton } from './sign-out-button';

/** The banner landmark: dev notice, name, navigation, language and sign-out. */
export function SiteHeader() {
  const t = useT();
  const { data: me } = useMe();
  return (
    <header className="site-header">
      <DevBanner />
      <div className="header-bar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <LanguageSelect />
      </div>
      <div className="header-bar header-nav">
        <nav aria-label={t('nav.label')}>
          <ul className="nav-list">
            {me ? (
              <>
                <li>
                  <NavLink to="/" end>
                    {t('nav.home')}
                  </NavLink>
                </li>
                <li>
                  <RequestsNavLink residentId={me.id} />
                </li>
                <li>
                  <NavLink to="/consents" data-testid="consents-link">
                    {t('nav.consents')}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/access-log" data-testid="access-log-link">
                    {t('nav.accessLog')}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/account" data-testid="account-link">
                    {t('nav.account')}
                  </NavLink>
                </li>
              </>
            ) : (
              <li>
                <NavLink to="/sign-in">{t('nav.signIn')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
        {me && (
          <div className="header-actions">
            <LockButton />
            <SignOutButton />
          </div>
        )}
      </div>
    </header>
  );
}
