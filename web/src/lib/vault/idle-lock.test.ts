import { describe, expect, it } from 'vitest';
import type { PublicConfig } from '../api-types';
import { DEFAULT_IDLE_LOCK_MINUTES, idleLockMinutes } from './idle-lock';

const base = { devEid: false, eidName: 'eID', prfSalt: 'x' } as unknown as PublicConfig;

describe('idleLockMinutes', () => {
  it('defaults to 15 minutes', () => {
    expect(DEFAULT_IDLE_LOCK_MINUTES).toBe(15);
    expect(idleLockMinutes(undefined)).toBe(15);
    expect(idleLockMinutes(base)).toBe(15); // an older server that sends no value
  });

  it('takes a sensible value from the server and ignores anything else', () => {
    const withValue = (v: unknown) => ({ ...base, idleLockMinutes: v }) as PublicConfig;
    expect(idleLockMinutes(withValue(5))).toBe(5);
    expect(idleLockMinutes(withValue(0))).toBe(15);
    expect(idleLockMinutes(withValue(-3))).toBe(15);
    expect(idleLockMinutes(withValue('10'))).toBe(15);
    expect(idleLockMinutes(withValue(Number.NaN))).toBe(15);
    expect(idleLockMinutes(withValue(100_000))).toBe(15);
  });
});
