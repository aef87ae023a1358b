import { describe, expect, it } from 'vitest';
import type { ResidentRequestView } from '../../lib/consent-types';
import { isAnswerable, splitRequests } from './request-status';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const request = (
  id: string,
  status: ResidentRequestView['status'],
  answerBy: string,
): ResidentRequestView => ({
  id,
  status,
  service: { id: 's', name: { en: 'S', it: 'S' } },
  categories: ['identity'],
  purpose: { code: 'p', text: { en: 'P', it: 'P' } },
  legalBasis: 'consent',
  retentionDays: 0,
  answerBy,
  createdAt: '2026-03-01T00:00:00.000Z',
  answeredAt: null,
  consentId: null,
});

describe('splitRequests', () => {
  it('puts pending requests first, soonest deadline first; the answered and lapsed after', () => {
    const requests = [
      request('late', 'pending', '2026-04-01T00:00:00.000Z'),
      request('done', 'approved', '2026-04-01T00:00:00.000Z'),
      request('soon', 'pending', '2026-03-11T00:00:00.000Z'),
      request('lapsed', 'pending', '2026-03-09T00:00:00.000Z'),
    ];
    const { waiting, answered } = splitRequests(requests, NOW);
    expect(waiting.map((r) => r.id)).toEqual(['soon', 'late']);
    expect(answered.map((r) => r.id)).toEqual(['done', 'lapsed']);
    expect(isAnswerable(request('x', 'expired', '2026-04-01T00:00:00.000Z'), NOW)).toBe(false);
  });
});
