import { describe, expect, it } from 'vitest';
import type { AccessLogReport } from '../../lib/vault/protocol';
import { pendingForMs } from './queries';

const leaf = (at: string) =>
  JSON.stringify({ action: 'sign-in', actor: { kind: 'resident', id: 'r' }, at, resident: 'r' });

function report(pending: number[]): AccessLogReport {
  return {
    origin: 'o',
    verifierKey: 'k',
    signer: null,
    entries: [
      { index: 1, leaf: leaf('2026-03-03T10:00:00Z') },
      { index: 7, leaf: leaf('2026-03-03T10:41:00Z') },
      { index: 9, leaf: leaf('2026-03-03T10:41:50Z') },
    ],
    outcome: {
      status: 'verified',
      size: 7,
      verified: 1,
      pending,
      consistentWith: null,
      kept: true,
    },
    checkedAt: '2026-03-03T10:42:00Z',
    timings: { fetchMs: 0, verifyMs: 0 },
  };
}

describe('pendingForMs', () => {
  it('is how long the oldest pending entry has waited, or 0', () => {
    const now = Date.parse('2026-03-03T10:42:00Z');
    expect(pendingForMs(report([]), now)).toBe(0);
    expect(pendingForMs(report([9]), now)).toBe(10_000);
    expect(pendingForMs(report([7, 9]), now)).toBe(60_000);
  });
});
