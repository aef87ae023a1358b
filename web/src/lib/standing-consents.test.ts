import { describe, expect, it } from 'vitest';
import type { DocumentView } from './api-types';
import type { ConsentView } from './consent-types';
import { documentsToSeal } from './standing-consents';

const consent = (over: Partial<ConsentView> = {}): ConsentView => ({
  id: 'c1',
  requestId: 'r1',
  status: 'active',
  service: { id: 's', name: { en: 'Registry office', it: 'Ufficio anagrafe' } },
  purpose: { code: 'p', text: { en: 'Purpose', it: 'Finalità' } },
  legalBasis: 'public-task',
  categories: ['identity'],
  standing: true,
  expiresAt: '2026-12-31T00:00:00.000Z',
  createdAt: '2026-01-10T00:00:00.000Z',
  endedAt: null,
  documents: [{ id: 'shared', version: 1 }],
  serviceX25519PublicKey: 'k',
  ...over,
});

const doc = (
  id: string,
  category: DocumentView['category'],
  createdAt: string,
  version = 1,
): DocumentView => ({
  id,
  category,
  createdAt,
  updatedAt: createdAt,
  issuer: null,
  versionCount: version,
  current: {
    version,
    size: 1,
    chunkCount: 1,
    header: 'h',
    wrappedKey: `wk-${id}-${version}`,
    metadata: 'm',
    createdAt,
  },
  issuedBy: null,
});

describe('documentsToSeal', () => {
  const docs = [
    doc('shared', 'identity', '2026-01-01T00:00:00.000Z'),
    doc('older-unchosen', 'identity', '2026-01-02T00:00:00.000Z'),
    doc('new', 'identity', '2026-02-01T00:00:00.000Z'),
    doc('new-other-category', 'tax', '2026-02-01T00:00:00.000Z'),
  ];

  it('seals documents added after the consent in its categories, not the ones left unchosen', () => {
    expect(documentsToSeal(consent(), docs)).toEqual([
      { id: 'new', version: 1, wrappedKey: 'wk-new-1' },
    ]);
  });

  it('seals a newer version of a shared document', () => {
    const updated = [doc('shared', 'identity', '2026-01-01T00:00:00.000Z', 2)];
    expect(documentsToSeal(consent(), updated)).toEqual([
      { id: 'shared', version: 2, wrappedKey: 'wk-shared-2' },
    ]);
  });

  it('does nothing for a consent that is not standing or not active', () => {
    expect(documentsToSeal(consent({ standing: false }), docs)).toEqual([]);
    expect(documentsToSeal(consent({ status: 'revoked' }), docs)).toEqual([]);
  });
});
