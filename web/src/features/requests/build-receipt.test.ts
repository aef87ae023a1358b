import { describe, expect, it } from 'vitest';
import type { ResidentRequestView } from '../../lib/consent-types';
import { buildReceiptPayload } from './build-receipt';

const request: ResidentRequestView = {
  id: 'a0e9c7a4-4f43-4f2e-9b7c-0f3b7a3c2d10',
  status: 'pending',
  service: { id: 'registry', name: { en: 'Registry office', it: 'Ufficio anagrafe' } },
  categories: ['identity', 'residence'],
  purpose: {
    code: 'residence-certificate',
    text: { en: 'Issue a residence certificate', it: 'Rilasciare un certificato' },
  },
  legalBasis: 'public-task',
  retentionDays: 90,
  answerBy: '2026-04-01T00:00:00.000Z',
  createdAt: '2026-03-01T00:00:00.000Z',
  answeredAt: null,
  consentId: null,
};

describe('buildReceiptPayload', () => {
  it('binds the request as shown and the resident’s choices, with iat in seconds', () => {
    const payload = buildReceiptPayload({
      request,
      consentId: '7f1d3c2e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
      residentId: 'resident-1',
      vault: 'https://vault.example',
      documents: [{ id: 'd1', version: 2, wrappedKey: 'not in the receipt' } as never],
      categories: ['identity'],
      standing: true,
      expiresAt: '2026-04-09T21:59:59.000Z',
      now: new Date('2026-03-10T14:30:00.999Z'),
    });
    expect(payload).toEqual({
      version: 'cv-consent-receipt/1',
      receiptId: '7f1d3c2e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
      requestId: request.id,
      vault: 'https://vault.example',
      iat: 1773153000,
      collectionMethod: 'citizen-vault-web',
      piiPrincipalId: 'resident-1',
      piiController: request.service,
      purpose: request.purpose,
      legalBasis: 'public-task',
      retentionDays: 90,
      categories: ['identity'],
      documents: [{ id: 'd1', version: 2 }],
      standing: true,
      expiresAt: '2026-04-09T21:59:59.000Z',
    });
  });
});
