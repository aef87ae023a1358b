import { createHash, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint, compactVerify, importJWK } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadOrCreateReceiptSigner, receiptSha256 } from './receipt-signer.js';

const dirs: string[] = [];
const tempFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-receipt-key-'));
  dirs.push(dir);
  return path.join(dir, 'keys', 'receipt-signer.key');
};

afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadOrCreateReceiptSigner', () => {
  it('creates a 0600 Ed25519 key on first start and loads the same key afterwards', async () => {
    const file = tempFile();
    const first = loadOrCreateReceiptSigner(file, 'https://vault.example.city');
    expect(first.created).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['receipt-signer.key']);
    const again = loadOrCreateReceiptSigner(file, 'https://vault.example.city');
    expect(again.created).toBe(false);
    expect(again.signer.publicJwk).toEqual(first.signer.publicJwk);
    const { kid, alg, use, ...jwk } = first.signer.publicJwk;
    expect({ alg, use, kty: jwk['kty'], crv: jwk['crv'] }).toEqual({
      alg: 'EdDSA',
      use: 'sig',
      kty: 'OKP',
      crv: 'Ed25519',
    });
    expect(kid).toBe(await calculateJwkThumbprint(jwk));
    expect(first.signer.publicJwk).not.toHaveProperty('d');
  });

  it('two nodes starting at once on one volume: both see no key, one creates it, both load that one', () => {
    const file = tempFile();
    // The race: each node checks for the key before either has written it.
    vi.spyOn(fs, 'existsSync').mockReturnValue(false);
    const a = loadOrCreateReceiptSigner(file, 'https://vault.example.city');
    const b = loadOrCreateReceiptSigner(file, 'https://vault.example.city');
    expect([a.created, b.created]).toEqual([true, false]);
    expect(b.signer.publicJwk).toEqual(a.signer.publicJwk);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['receipt-signer.key']);
  });

  it('countersigns the receipt’s SHA-256, verifiable with jose against the public JWK', async () => {
    const { signer } = loadOrCreateReceiptSigner(tempFile(), 'https://vault.example.city');
    const receipt = 'eyJhbGciOiJFZERTQSJ9.eyJ2IjoxfQ.c2lnbmF0dXJl';
    const at = new Date('2026-11-28T16:00:00Z');
    const jws = await signer.countersign(receipt, 'consent-1', at);
    const { payload, protectedHeader } = await compactVerify(
      jws,
      await importJWK(signer.publicJwk, 'EdDSA'),
    );
    expect(protectedHeader).toEqual({
      alg: 'EdDSA',
      typ: 'consent-countersignature+jwt',
      kid: signer.publicJwk['kid'],
    });
    // Canonical JSON: keys sorted, no spaces.
    expect(Buffer.from(payload).toString('utf8')).toBe(
      JSON.stringify({
        consentId: 'consent-1',
        countersignedAt: '2026-11-28T16:00:00.000Z',
        receiptSha256: createHash('sha256').update(receipt).digest('base64url'),
        vault: 'https://vault.example.city',
      }),
    );
    expect(receiptSha256(receipt)).toBe(createHash('sha256').update(receipt).digest('base64url'));
  });

  it('signs a deletion receipt under its own typ, over the canonical JSON of the payload', async () => {
    const { signer } = loadOrCreateReceiptSigner(tempFile(), 'https://vault.example.city');
    const payload = {
      version: 'cv-deletion-receipt/1' as const,
      sub: 'resident-1',
      iss: 'https://vault.example.city',
      iat: 1795881600,
      deletedAt: '2026-11-28T16:00:00.000Z',
      deleted: {
        documents: 1,
        versions: 1,
        chunks: 1,
        wrappedKeys: 1,
        keySlots: 2,
        publicKeys: 2,
        passkeys: 1,
        sessions: 1,
        requests: 0,
        grantsEnded: 0,
        serviceKeys: 0,
        eidLinks: 1,
      },
      log: { origin: 'vault.example.city/log', index: 7, leafHash: 'AAAA' },
    };
    const jws = await signer.signDeletionReceipt(payload);
    const verified = await compactVerify(jws, await importJWK(signer.publicJwk, 'EdDSA'));
    expect(verified.protectedHeader).toEqual({
      alg: 'EdDSA',
      typ: 'account-deletion-receipt+jwt',
      kid: signer.publicJwk['kid'],
    });
    const text = Buffer.from(verified.payload).toString('utf8');
    expect(JSON.parse(text)).toEqual(payload);
    // Canonical: keys sorted at every level, so `deleted` comes before `iat` and `iss`.
    expect(text.indexOf('"deleted"')).toBeLessThan(text.indexOf('"iat"'));
    expect(text.startsWith('{"deleted":{"chunks":1,')).toBe(true);
  });

  it('refuses a key file that holds another kind of key', () => {
    const file = tempFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    fs.writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    expect(() => loadOrCreateReceiptSigner(file, 'https://vault.example.city')).toThrow(
      /not an Ed25519 key/,
    );
  });
});
