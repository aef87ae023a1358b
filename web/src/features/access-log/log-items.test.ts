import { describe, expect, it } from 'vitest';
import type { AccessLogReport } from '../../lib/vault/protocol';
import { filterLogItems, NO_FILTER, toLogItems } from './log-items';

const R = 'resident-1';
const event = (i: number, fields: Record<string, unknown>) =>
  JSON.stringify({
    action: 'sign-in',
    actor: { id: R, kind: 'resident', name: null },
    at: new Date(2026, 2, 1 + i, 12).toISOString(),
    document: null,
    outcome: 'ok',
    resident: R,
    ...fields,
  });

function report(outcome: AccessLogReport['outcome']): AccessLogReport {
  return {
    origin: 'vault.example/log',
    verifierKey: 'k',
    signer: null,
    entries: [
      { index: 2, leaf: event(0, {}) },
      {
        index: 9,
        leaf: event(1, { action: 'document.read', document: { id: 'd1', category: 'tax' } }),
      },
      { index: 15, leaf: event(2, { actor: { kind: 'service', id: 's', name: 'Registry' } }) },
      { index: 20, leaf: 'not an event' },
    ],
    outcome,
    checkedAt: new Date().toISOString(),
    timings: { fetchMs: 0, verifyMs: 0 },
  };
}

describe('toLogItems', () => {
  it('marks entries verified or pending, newest first', () => {
    const items = toLogItems(
      report({
        status: 'verified',
        size: 16,
        verified: 3,
        pending: [20],
        consistentWith: null,
        kept: true,
      }),
    );
    expect(items.map((i) => [i.index, i.status])).toEqual([
      [20, 'pending'],
      [15, 'verified'],
      [9, 'verified'],
      [2, 'verified'],
    ]);
    expect(items[0]!.event).toBeNull();
  });

  it('marks every entry unverified on an alarm, and the one it is about as failed', () => {
    const items = toLogItems(
      report({
        status: 'alarm',
        alarm: { kind: 'not-included', index: 9, code: 'ERR_PROOF_INVALID' },
        trusted: null,
        receivedCheckpointNote: 'note',
      }),
    );
    expect(items.every((i) => i.status === 'unverified')).toBe(true);
    expect(items.filter((i) => i.failed).map((i) => i.index)).toEqual([9]);
  });
});

describe('filterLogItems', () => {
  const items = toLogItems(
    report({
      status: 'verified',
      size: 21,
      verified: 4,
      pending: [],
      consistentWith: null,
      kept: true,
    }),
  );
  const pick = (filter: Partial<typeof NO_FILTER>) =>
    filterLogItems(items, { ...NO_FILTER, ...filter }).map((i) => i.index);

  it('filters by who, what, document and day (inclusive), hiding unreadable entries', () => {
    expect(pick({})).toEqual([20, 15, 9, 2]);
    expect(pick({ actor: 'service' })).toEqual([15]);
    expect(pick({ action: 'sign-in' })).toEqual([15, 2]);
    expect(pick({ document: 'd1' })).toEqual([9]);
    expect(pick({ from: '2026-03-02' })).toEqual([15, 9]);
    expect(pick({ from: '2026-03-02', to: '2026-03-02' })).toEqual([9]);
    expect(pick({ to: '2026-03-01' })).toEqual([2]);
  });
});
