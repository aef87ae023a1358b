import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { SiteFooter } from '../components/site-footer';
import { SiteHeader } from '../components/site-header';
import { SkipLink } from '../components/skip-link';

/**
 * The page shell: skip link, header, `<main id="main">`, footer. After a client-side
 * navigation that the resident started from a control that is still on screen (a header link),
 * focus moves to `main` so keyboard and screen-reader users start at the new page. Redirects on
 * load leave focus alone, so the skip link stays the first thing Tab reaches.
 */
export function Layout() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);

  useEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    if (document.activeElement && document.activeElement !== document.body) {
      mainRef.current?.focus();
    }
  }, [pathname]);

  return (
    <div className="page">
      <SkipLink />
      <SiteHeader />
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        <Outlet />
      </main>
      <SiteFooter />
    </div>
  );
}
