import type { LegalBasisCode } from './consent-types';
import type { MessageKey } from './messages.en';

/**
 * GDPR Art. 6(1) lawful bases in plain words ("to carry out a task in the public interest or an
 * official duty (GDPR Art. 6(1)(e))"), with the article for whoever wants to look it up.
 */
export function legalBasisMessageKey(code: LegalBasisCode): MessageKey {
  return `legalBasis.${code}`;
}
