import { describe, expect, it } from 'vitest';
import { formatBytes } from './format';

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
