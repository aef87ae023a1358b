import { describe, expect, it } from 'vitest';
import { createRateMeter, describeTimeLeft, secondsLeft } from './progress';

describe('createRateMeter', () => {
  it('takes the first measurement as it is, then smooths', () => {
    const meter = createRateMeter(0, 3000);
    expect(meter.sample(1000, 1000)).toBe(1000);
    // A sudden burst moves the average only part of the way.
    const next = meter.sample(11_000, 2000);
    expect(next).toBeGreaterThan(1000);
    expect(next).toBeLessThan(10_000);
    // Samples at the same instant change nothing.
    expect(meter.sample(12_000, 2000)).toBe(next);
  });

  it('converges on a steady speed', () => {
    const meter = createRateMeter(0);
    let rate = 0;
    for (let s = 1; s <= 60; s++) rate = meter.sample(s * 500_000, s * 1000);
    expect(rate).toBeCloseTo(500_000, 0);
  });
});

describe('secondsLeft', () => {
  it('is remaining bytes over speed; null without a speed; 0 when done', () => {
    expect(secondsLeft(25, 125, 10)).toBe(10);
    expect(secondsLeft(0, 100, 0)).toBeNull();
    expect(secondsLeft(100, 100, 0)).toBe(0);
  });
});

describe('describeTimeLeft', () => {
  it.each([
    [null, { key: 'estimating' }],
    [Number.POSITIVE_INFINITY, { key: 'estimating' }],
    [0, { key: 'almostDone' }],
    [4.9, { key: 'almostDone' }],
    [5, { key: 'seconds', count: 5 }],
    [11, { key: 'seconds', count: 15 }],
    [59.9, { key: 'seconds', count: 55 }],
    [60, { key: 'minutes', count: 1 }],
    [89, { key: 'minutes', count: 1 }],
    [150, { key: 'minutes', count: 3 }],
    [89 * 60, { key: 'minutes', count: 89 }],
    [90 * 60, { key: 'hours', count: 2 }],
    [5 * 3600, { key: 'hours', count: 5 }],
  ])('%s s → %j', (seconds, expected) => {
    expect(describeTimeLeft(seconds)).toEqual(expected);
  });
});
