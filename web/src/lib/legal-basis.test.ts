import { describe, expect, it } from 'vitest';
import type { LegalBasisCode } from './consent-types';
import { legalBasisMessageKey } from './legal-basis';
import { createTranslate } from './translate';

const CODES: LegalBasisCode[] = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
];

describe('legalBasisMessageKey', () => {
  it('explains every GDPR Art. 6(1) basis in both languages, citing its point', () => {
    const points = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const lang of ['en', 'it'] as const) {
      const t = createTranslate(lang);
      CODES.forEach((code, i) => {
        expect(t(legalBasisMessageKey(code))).toContain(`6(1)(${points[i]})`);
      });
    }
  });

  it('says public task in plain words', () => {
    expect(createTranslate('en')(legalBasisMessageKey('public-task'))).toBe(
      'to carry out a task in the public interest or an official duty (GDPR Art. 6(1)(e))',
    );
  });
});
