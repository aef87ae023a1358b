import { describe, expect, it } from 'vitest';
import { MIN_PASSPHRASE_LENGTH, passphraseStrength } from './passphrase-strength';

describe('passphraseStrength', () => {
  it('refuses anything below the minimum that crypto/ enforces, counted after NFKC', () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(12);
    expect(passphraseStrength('short')).toBe('too-short');
    expect(passphraseStrength('a'.repeat(11))).toBe('too-short');
    // U+FB01 (ﬁ) becomes two letters under NFKC, as crypto/ counts it.
    expect(passphraseStrength('\uFB01'.repeat(6))).not.toBe('too-short');
  });

  it('rates by length and variety', () => {
    expect(passphraseStrength('abcdefghijkl')).toBe('fair');
    expect(passphraseStrength('aaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBe('fair');
    expect(passphraseStrength('abcdefghijklmnop')).toBe('good');
    expect(passphraseStrength('correct horse battery staple')).toBe('strong');
    expect(passphraseStrength('Tr0ub4dor&3xyz!!')).toBe('strong');
  });
});
