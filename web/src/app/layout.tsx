import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { SiteFooter } from '../components/site-footer';
import { SiteHeader } from '../components/site-header';
import { SkipLink } from '../components/skip-link';
import { useConfig } from '../lib/config-query';
import { LiveNotices } from '../lib/live-notices';
import { useResidentEvents } from '../lib/resident-events';
import { idleLockMinutes, useIdleLock } from '../lib/vault/idle-lock';

/**
 * The page shell: skip link, header, `<main id="main">`, footer. After a client-side
 * navigation that follows something the resident did (a header link, a finished set-up whose
 * button is gone), focus moves to `main` so keyboard and screen-reader users start at the new
 * page. Redirects on load leave focus alone, so the skip link stays the first thing Tab reaches.
 * The vault locks itself after a while without activity. While it is unlocked, the resident's
 * live events (new requests, reads by city services, deposits) arrive as polite notices.
 */
export function Layout() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);
  const interacted = useRef(false);
  const { data: config } = useConfig();
  useIdleLock(idleLockMinutes(config));
  const { notices, dismiss } = useResidentEvents();

  useEffect(() => {
    const onInteraction = () => {
      interacted.current = true;
    };
    document.addEventListener('pointerdown', onInteraction, { capture: true });
    document.addEventListener('keydown', onInteraction, { capture: true });
    return () => {
      document.removeEventListener('pointerdown', onInteraction, { capture: true });
      document.removeEventListener('keydown', onInteraction, { capture: true });
    };
  }, []);

  useEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    const focusInPage = document.activeElement && document.activeElement !== document.body;
    if (focusInPage || interacted.current) mainRef.current?.focus();
  }, [pathname]);

  return (
    <div className="page">
      <SkipLink />
      <SiteHeader />
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        <LiveNotices notices={notices} onDismiss={dismiss} />
        <Outlet />
      </main>
      <SiteFooter />
    </div>
  );
}
