import { describe, expect, it } from 'vitest';
import { formatBytes, formatDatePart } from './format';

describe('formatBytes', () => {
  it('uses decimal units with at most one decimal', () => {
    expect(formatBytes(0, 'en')).toBe('0 bytes');
    expect(formatBytes(999, 'en')).toBe('999 bytes');
    expect(formatBytes(1500, 'en')).toBe('1.5 kB');
    expect(formatBytes(2_345_678, 'en')).toBe('2.3 MB');
    expect(formatBytes(1_000_000_000, 'en')).toBe('1 GB');
  });

  it('follows the language', () => {
    expect(formatBytes(1_500_000, 'it')).toBe('1,5 MB');
  });
});

describe('formatDatePart', () => {
  it('writes dates for sentences and chart labels in both languages', () => {
    const at = new Date(2026, 2, 3, 10, 42);
    expect(formatDatePart(at, 'en', 'longDate')).toBe('3 March 2026');
    expect(formatDatePart(at, 'it', 'longDate')).toBe('3 marzo 2026');
    expect(formatDatePart(at, 'en', 'time')).toBe('10:42');
    expect(formatDatePart(at.toISOString(), 'it', 'time')).toBe('10:42');
    expect(formatDatePart(at, 'en', 'dayMonth')).toBe('3 Mar');
    expect(formatDatePart(at, 'en', 'monthYear')).toBe('Mar 2026');
    expect(formatDatePart('not a date', 'en', 'longDate')).toBe('not a date');
  });
});
