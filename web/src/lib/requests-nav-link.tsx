import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import { requestsQuery } from './consent-queries';
import { useT } from './i18n';
import { countUnread, useSeenRequests } from './seen-requests';

/**
 * "Requests" in the navigation, with the number of requests waiting for an answer that the
 * resident has not opened yet (in words for screen readers, not only as a badge).
 */
export function RequestsNavLink({ residentId }: { residentId: string }) {
  const t = useT();
  const requests = useQuery(requestsQuery);
  const seen = useSeenRequests(residentId);
  const unread = requests.data ? countUnread(requests.data.requests, seen) : 0;
  return (
    <NavLink to="/requests" data-testid="requests-link" data-unread={unread}>
      {t('nav.requests')}
      {unread > 0 && (
        <>
          <span className="nav-badge" aria-hidden="true" data-testid="requests-unread">
            {unread}
          </span>
          <span className="visually-hidden">
            {unread === 1 ? t('nav.unreadOne') : t('nav.unreadMany', { count: unread })}
          </span>
        </>
      )}
    </NavLink>
  );
}
