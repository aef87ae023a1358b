import { describe, expect, it } from 'vitest';
import type { ResidentRequestView } from './consent-types';
import { countUnread, isUnread } from './seen-requests';

const request = (id: string, status: ResidentRequestView['status']): ResidentRequestView => ({
  id,
  status,
  service: { id: 'registry', name: { en: 'Registry office', it: 'Ufficio anagrafe' } },
  categories: ['identity'],
  purpose: { code: 'p', text: { en: 'Purpose', it: 'Finalità' } },
  legalBasis: 'public-task',
  retentionDays: 30,
  answerBy: '2026-01-01T00:00:00.000Z',
  createdAt: '2025-12-01T00:00:00.000Z',
  answeredAt: null,
  consentId: null,
});

describe('unread requests', () => {
  it('counts pending requests never opened; answered ones are never unread', () => {
    const requests = [
      request('a', 'pending'),
      request('b', 'pending'),
      request('c', 'approved'),
      request('d', 'expired'),
    ];
    expect(countUnread(requests, [])).toBe(2);
    expect(countUnread(requests, ['a'])).toBe(1);
    expect(isUnread(request('c', 'approved'), [])).toBe(false);
  });
});
