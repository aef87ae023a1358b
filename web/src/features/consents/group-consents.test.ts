import { describe, expect, it } from 'vitest';
import type { ConsentView } from '../../lib/consent-types';
import { groupConsents } from './group-consents';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const consent = (
  id: string,
  status: ConsentView['status'],
  expiresAt: string,
  endedAt: string | null = null,
): ConsentView => ({
  id,
  requestId: `r-${id}`,
  status,
  service: { id: 's', name: { en: 'S', it: 'S' } },
  purpose: { code: 'p', text: { en: 'P', it: 'P' } },
  legalBasis: 'public-task',
  categories: ['identity'],
  standing: false,
  expiresAt,
  createdAt: '2026-01-01T00:00:00.000Z',
  endedAt,
  documents: [],
  serviceX25519PublicKey: 'k',
});

describe('groupConsents', () => {
  it('groups active, expired and revoked; an active consent past its end counts as expired', () => {
    const groups = groupConsents(
      [
        consent('later', 'active', '2026-06-01T00:00:00.000Z'),
        consent('sooner', 'active', '2026-04-01T00:00:00.000Z'),
        consent('lapsed', 'active', '2026-03-01T00:00:00.000Z'),
        consent('ended', 'expired', '2026-02-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'),
        consent('old-revoke', 'revoked', '2026-06-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'),
        consent('new-revoke', 'revoked', '2026-06-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'),
      ],
      NOW,
    );
    expect(groups.active.map((c) => c.id)).toEqual(['sooner', 'later']);
    expect(groups.expired.map((c) => c.id)).toEqual(['lapsed', 'ended']);
    expect(groups.revoked.map((c) => c.id)).toEqual(['new-revoke', 'old-revoke']);
  });
});
