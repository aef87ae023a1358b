import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONSENT_RECEIPT_TYP,
  generateResidentKeys,
  signCompactJws,
  sodiumReady,
  type ResidentKeys,
} from '../../../../../crypto/src/index.js';
import type { ConsentReceiptPayload } from '../../../contracts/consent.js';
import {
  checkConsentReceipt,
  RECEIPT_IAT_SKEW_S,
  type ExpectedReceipt,
} from './check-consent-receipt.js';

const now = new Date('2026-11-28T16:00:00Z');
const nowS = now.getTime() / 1000;
let anna: ResidentKeys;

beforeAll(async () => {
  await sodiumReady();
  anna = generateResidentKeys();
});

const expected: ExpectedReceipt = {
  version: 'cv-consent-receipt/1',
  receiptId: '6f1c1f52-3c1e-4a54-9a77-0d1b2c3d4e5f',
  requestId: '0a5d7c2e-9b8f-4e3d-8c2b-1a0f9e8d7c6b',
  vault: 'https://vault.example.city',
  collectionMethod: 'citizen-vault-web',
  piiPrincipalId: 'resident-1',
  piiController: { id: 'registry-office', name: { en: 'Registry office', it: 'Anagrafe' } },
  purpose: { code: 'residence-certificate', text: { en: 'Certificate', it: 'Certificato' } },
  legalBasis: 'public-task',
  retentionDays: 30,
  categories: ['identity', 'residence'],
  documents: [
    { id: '11111111-1111-4111-8111-111111111111', version: 1 },
    { id: '22222222-2222-4222-8222-222222222222', version: 3 },
  ],
  standing: false,
  expiresAt: '2026-12-28T16:00:00.000Z',
};

const sign = (payload: unknown, keys = anna) =>
  signCompactJws(keys.ed25519Seed, CONSENT_RECEIPT_TYP, payload);
const check = (receipt: string) =>
  checkConsentReceipt(receipt, { signerPublicKey: anna.ed25519PublicKey, expected, now });
const payload = (changes: Partial<ConsentReceiptPayload> = {}): ConsentReceiptPayload => ({
  ...structuredClone(expected),
  iat: nowS,
  ...changes,
});

describe('checkConsentReceipt', () => {
  it('accepts the receipt that says exactly what the approval does, and returns its payload', () => {
    expect(check(sign(payload()))).toEqual({ ok: true, payload: payload() });
  });

  it('compares categories and documents as sets, not as lists', () => {
    const reordered = payload({
      categories: ['residence', 'identity'],
      documents: [
        { version: 3, id: '22222222-2222-4222-8222-222222222222' },
        expected.documents[0]!,
      ],
    });
    expect(check(sign(reordered)).ok).toBe(true);
    const duplicated = payload({ documents: [...expected.documents, expected.documents[0]!] });
    expect(check(sign(duplicated))).toEqual({ ok: false, reason: 'documents' });
  });

  it('names the first field that differs', () => {
    const cases: [Partial<ConsentReceiptPayload>, string][] = [
      [{ version: 'cv-consent-receipt/2' as 'cv-consent-receipt/1' }, 'version'],
      [{ receiptId: 'another' }, 'receiptId'],
      [{ requestId: 'another' }, 'requestId'],
      [{ vault: 'https://vault.example.city/' }, 'vault'],
      [{ collectionMethod: 'paper' as 'citizen-vault-web' }, 'collectionMethod'],
      [{ piiPrincipalId: 'resident-2' }, 'piiPrincipalId'],
      [
        { piiController: { id: 'registry-office', name: { en: 'Registry', it: 'Anagrafe' } } },
        'piiController',
      ],
      [
        { purpose: { code: 'residence-certificate', text: { en: 'Certificate', it: '' } } },
        'purpose',
      ],
      [{ legalBasis: 'consent' }, 'legalBasis'],
      [{ retentionDays: 31 }, 'retentionDays'],
      [{ categories: ['identity'] }, 'categories'],
      [{ documents: [expected.documents[0]!] }, 'documents'],
      [{ standing: true }, 'standing'],
      [{ expiresAt: '2026-12-28T16:00:00Z' }, 'expiresAt'],
    ];
    for (const [change, reason] of cases) {
      expect(check(sign(payload(change))), reason).toEqual({ ok: false, reason });
    }
  });

  it(`takes iat within ±${RECEIPT_IAT_SKEW_S} s of the clock, as a number`, () => {
    expect(check(sign(payload({ iat: nowS - RECEIPT_IAT_SKEW_S }))).ok).toBe(true);
    expect(check(sign(payload({ iat: nowS + RECEIPT_IAT_SKEW_S }))).ok).toBe(true);
    for (const iat of [nowS - RECEIPT_IAT_SKEW_S - 1, nowS + RECEIPT_IAT_SKEW_S + 1]) {
      expect(check(sign(payload({ iat })))).toEqual({ ok: false, reason: 'iat' });
    }
    expect(check(sign({ ...payload(), iat: String(nowS) }))).toEqual({ ok: false, reason: 'iat' });
  });

  it('refuses a field more or less', () => {
    expect(check(sign({ ...payload(), jurisdiction: 'IT' }))).toEqual({
      ok: false,
      reason: 'fields',
    });
    const { standing: _standing, ...short } = payload();
    expect(check(sign(short))).toEqual({ ok: false, reason: 'fields' });
  });

  it('refuses another signer, another typ, and a token that is not a JWS', () => {
    expect(check(sign(payload(), generateResidentKeys()))).toEqual({
      ok: false,
      reason: 'signature',
    });
    expect(check(signCompactJws(anna.ed25519Seed, 'JWT', payload()))).toEqual({
      ok: false,
      reason: 'signature',
    });
    const [h, , s] = sign(payload()).split('.');
    const other = Buffer.from(JSON.stringify(payload({ retentionDays: 1 }))).toString('base64url');
    expect(check(`${h}.${other}.${s}`)).toEqual({ ok: false, reason: 'signature' });
    expect(check('not.a.jws')).toEqual({ ok: false, reason: 'signature' });
  });
});
