import { compactVerify, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from '../encoding/base64url.js';
import { isCryptoError } from '../errors.js';
import { generateResidentKeys } from '../keys/resident-keys.js';
import { sodiumReady } from '../sodium.js';
import { CONSENT_RECEIPT_TYP, signCompactJws, verifyCompactJws } from './compact-jws.js';

const enc = (value: unknown) => toBase64url(new TextEncoder().encode(JSON.stringify(value)));

describe('compact JWS, EdDSA (consent receipts)', () => {
  beforeAll(async () => {
    await sodiumReady();
  });

  const payload = { receiptId: 'r-1', documents: [{ id: 'd', version: 1 }], standing: false };

  it('verifies what it signs, and any JOSE library does too', async () => {
    const keys = generateResidentKeys();
    const jws = signCompactJws(keys.ed25519Seed, CONSENT_RECEIPT_TYP, payload);
    expect(verifyCompactJws(keys.ed25519PublicKey, CONSENT_RECEIPT_TYP, jws)).toEqual(payload);
    const key = await importJWK(
      { kty: 'OKP', crv: 'Ed25519', x: toBase64url(keys.ed25519PublicKey) },
      'EdDSA',
    );
    const checked = await compactVerify(jws, key, { algorithms: ['EdDSA'] });
    expect(JSON.parse(new TextDecoder().decode(checked.payload))).toEqual(payload);
    expect(checked.protectedHeader).toEqual({ alg: 'EdDSA', typ: CONSENT_RECEIPT_TYP });
  });

  it('is deterministic: the same receipt, whatever its key order, has the same bytes', () => {
    const keys = generateResidentKeys();
    const a = signCompactJws(keys.ed25519Seed, 'x', { b: 1, a: [2, { d: 3, c: 4 }] });
    const b = signCompactJws(keys.ed25519Seed, 'x', { a: [2, { c: 4, d: 3 }], b: 1 });
    expect(a).toBe(b);
  });

  const refused = (publicKey: Uint8Array, jws: string, typ = CONSENT_RECEIPT_TYP) => {
    try {
      verifyCompactJws(publicKey as never, typ, jws);
    } catch (error) {
      return isCryptoError(error) ? error.code : `not a CryptoError: ${String(error)}`;
    }
    return 'accepted';
  };

  it('refuses tampering, another key, another typ, alg none and HS256, crit, malformed tokens', () => {
    const keys = generateResidentKeys();
    const other = generateResidentKeys();
    const jws = signCompactJws(keys.ed25519Seed, CONSENT_RECEIPT_TYP, payload);
    const [h, p, s] = jws.split('.') as [string, string, string];
    const tamperedPayload = enc({ ...payload, standing: true });
    const sig = fromBase64url(s);
    sig[0] = (sig[0] ?? 0) ^ 1;
    const cases: [string, string, Uint8Array?, string?][] = [
      ['payload changed', `${h}.${tamperedPayload}.${s}`],
      ['signature flipped', `${h}.${p}.${toBase64url(sig)}`],
      ['another key', jws, other.ed25519PublicKey],
      ['another typ', jws, keys.ed25519PublicKey, 'other+jwt'],
      ['alg none', `${enc({ alg: 'none', typ: CONSENT_RECEIPT_TYP })}.${p}.${s}`],
      ['alg HS256', `${enc({ alg: 'HS256', typ: CONSENT_RECEIPT_TYP })}.${p}.${s}`],
      ['crit', `${enc({ alg: 'EdDSA', typ: CONSENT_RECEIPT_TYP, crit: ['exp'] })}.${p}.${s}`],
      ['four parts', `${jws}.${s}`],
      ['empty signature', `${h}.${p}.`],
      ['payload not an object', `${h}.${enc([1, 2])}.${s}`],
      ['too long', `${h}.${'A'.repeat(20_000)}.${s}`],
    ];
    for (const [label, token, key, typ] of cases) {
      expect([label, refused(key ?? keys.ed25519PublicKey, token, typ)]).toEqual([
        label,
        'ERR_JWS_INVALID',
      ]);
    }
  });
});
