/** The shortest passphrase a slot accepts (crypto/ refuses shorter ones too). */
export const MIN_PASSPHRASE_LENGTH = 12;

/** A rough strength rating, for a hint next to the field; never a gate beyond the minimum. */
export type PassphraseStrength = 'too-short' | 'fair' | 'good' | 'strong';

/**
 * Rates a passphrase by what matters most against guessing: length (as crypto/ counts it, after
 * NFKC), and some variety. A long sentence of words is "strong"; 12 letters of one kind are
 * "fair"; repeated characters count once.
 */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  const normal = passphrase.normalize('NFKC');
  const length = [...normal].length;
  if (length < MIN_PASSPHRASE_LENGTH) return 'too-short';
  const distinct = new Set(normal.toLowerCase()).size;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9\s]/, /\s/].filter((re) =>
    re.test(normal),
  ).length;
  let score = 0;
  if (length >= 16) score += 1;
  if (length >= 24) score += 1;
  if (classes >= 3) score += 1;
  if (distinct < 6) score = 0;
  if (score >= 2) return 'strong';
  if (score === 1) return 'good';
  return 'fair';
}
