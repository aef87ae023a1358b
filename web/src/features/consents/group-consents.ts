import type { ConsentStatus, ConsentView } from '../../lib/consent-types';

/** The consents page's groups. */
export interface ConsentGroups {
  active: ConsentView[];
  expired: ConsentView[];
  revoked: ConsentView[];
}

/** The status to show: an active consent past its end date has expired (the vault ends it). */
export function shownConsentStatus(consent: ConsentView, now = Date.now()): ConsentStatus {
  if (consent.status === 'active' && new Date(consent.expiresAt).getTime() <= now) return 'expired';
  return consent.status;
}

/**
 * Active consents (soonest end first), then expired and revoked ones (most recently ended
 * first).
 */
export function groupConsents(consents: readonly ConsentView[], now = Date.now()): ConsentGroups {
  const groups: ConsentGroups = { active: [], expired: [], revoked: [] };
  for (const consent of consents) groups[shownConsentStatus(consent, now)].push(consent);
  groups.active.sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  const endedFirst = (a: ConsentView, b: ConsentView) =>
    (b.endedAt ?? b.expiresAt).localeCompare(a.endedAt ?? a.expiresAt);
  groups.expired.sort(endedFirst);
  groups.revoked.sort(endedFirst);
  return groups;
}
