/**
 * Consent (DESIGN §6): the consent receipt, signed as a compact JWS (EdDSA) with the resident's
 * Ed25519 seed, which never leaves this worker. The vault checks it against the request and the
 * approval, then countersigns it.
 */
import { CONSENT_RECEIPT_TYP, signCompactJws } from '../../../../../crypto/src/index.js';
import type { ConsentReceiptPayload } from '../../consent-types';
import { requireUnlocked } from './keyring';

/** Signs `payload` (canonical JSON) with the unlocked vault's Ed25519 key. */
export function signConsentReceipt(payload: ConsentReceiptPayload): string {
  const vault = requireUnlocked();
  if (payload.piiPrincipalId !== vault.residentId) {
    throw new TypeError('a consent receipt names the resident whose vault signs it');
  }
  return signCompactJws(vault.keys.ed25519Seed, CONSENT_RECEIPT_TYP, payload);
}
