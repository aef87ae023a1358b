import { isDeepStrictEqual } from 'node:util';
import { canonicalJson } from '../../../../../crypto/src/encoding/canonical-json.js';
import {
  CONSENT_RECEIPT_TYP,
  verifyCompactJws,
} from '../../../../../crypto/src/consent/compact-jws.js';
import type { Ed25519PublicKey } from '../../../../../crypto/src/keys/brands.js';
import type { ConsentReceiptPayload } from '../../../contracts/consent.js';

/** How far a receipt's `iat` may be from the vault's clock, either way. */
export const RECEIPT_IAT_SKEW_S = 10 * 60;

/** What {@link checkConsentReceipt} expects the receipt to say: everything but `iat`. */
export type ExpectedReceipt = Omit<ConsentReceiptPayload, 'iat'>;

export interface CheckConsentReceiptOptions {
  /** The resident's Ed25519 public key, as enrolled. */
  signerPublicKey: Uint8Array;
  expected: ExpectedReceipt;
  now: Date;
}

export type CheckConsentReceiptResult =
  | { ok: true; payload: ConsentReceiptPayload }
  /** `reason` names the first thing wrong (for the server log): 'signature', a field, 'fields'. */
  | { ok: false; reason: string };

const PAYLOAD_FIELDS: readonly (keyof ConsentReceiptPayload)[] = [
  'version',
  'receiptId',
  'requestId',
  'vault',
  'iat',
  'collectionMethod',
  'piiPrincipalId',
  'piiController',
  'purpose',
  'legalBasis',
  'retentionDays',
  'categories',
  'documents',
  'standing',
  'expiresAt',
];

/** Fields whose order carries no meaning: compared as sets. */
const SETS: ReadonlySet<string> = new Set(['categories', 'documents']);

const setKey = (item: unknown) => canonicalJson(item);
const asSorted = (value: unknown) => (Array.isArray(value) ? [...value].map(setKey).sort() : value);

/**
 * Checks a consent receipt (DESIGN §6) before the vault countersigns it: signed by the resident's
 * own Ed25519 key (`typ: consent-receipt+jwt`, EdDSA only), made recently, and saying exactly
 * what the approval does — every field equal to `expected`, no field more or less. Pure: it reads
 * nothing and stores nothing.
 */
export function checkConsentReceipt(
  receipt: string,
  options: CheckConsentReceiptOptions,
): CheckConsentReceiptResult {
  let payload: Record<string, unknown>;
  try {
    payload = verifyCompactJws(
      options.signerPublicKey as Ed25519PublicKey,
      CONSENT_RECEIPT_TYP,
      receipt,
    );
  } catch {
    return { ok: false, reason: 'signature' };
  }
  const keys = Object.keys(payload).sort();
  if (!isDeepStrictEqual(keys, [...PAYLOAD_FIELDS].sort())) return { ok: false, reason: 'fields' };

  const iat = payload['iat'];
  const nowS = options.now.getTime() / 1000;
  if (
    typeof iat !== 'number' ||
    !Number.isInteger(iat) ||
    Math.abs(iat - nowS) > RECEIPT_IAT_SKEW_S
  ) {
    return { ok: false, reason: 'iat' };
  }
  const expected = options.expected as unknown as Record<string, unknown>;
  for (const field of PAYLOAD_FIELDS) {
    if (field === 'iat') continue;
    const same = SETS.has(field)
      ? isDeepStrictEqual(asSorted(payload[field]), asSorted(expected[field]))
      : isDeepStrictEqual(payload[field], expected[field]);
    if (!same) return { ok: false, reason: field };
  }
  return { ok: true, payload: payload as unknown as ConsentReceiptPayload };
}
