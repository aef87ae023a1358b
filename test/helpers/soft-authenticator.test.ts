import { createHash, createVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  WebAuthnCredential,
} from '@simplewebauthn/server';
import {
  cose,
  decodeAttestationObject,
  decodeCredentialPublicKey,
  isoCBOR,
  parseAuthenticatorData,
} from '@simplewebauthn/server/helpers';
import { SoftAuthenticator, b64url, cborEncode } from './soft-authenticator.js';
import type { CborKey, CborValue, SoftCredential } from './soft-authenticator.js';

const ORIGIN = 'http://localhost:1234';
const RP_ID = 'localhost';

function regOptions(): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: 'Citizen Vault',
    rpID: RP_ID,
    userName: 'alice@example.org',
    userID: new TextEncoder().encode('user-alice-0001'),
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
}

function authOptions(credential?: SoftCredential): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: RP_ID,
    userVerification: 'required',
    ...(credential ? { allowCredentials: [{ id: credential.credentialIdB64 }] } : {}),
  });
}

function verifyReg(
  response: RegistrationResponseJSON,
  options: PublicKeyCredentialCreationOptionsJSON,
  requireUserVerification = true,
) {
  return verifyRegistrationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    requireUserVerification,
  });
}

function verifyAuth(
  response: AuthenticationResponseJSON,
  options: PublicKeyCredentialRequestOptionsJSON,
  credential: WebAuthnCredential,
  requireUserVerification = true,
) {
  return verifyAuthenticationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    credential,
    requireUserVerification,
  });
}

/** Registers a fresh credential and returns what the server would have stored. */
async function registered(auth: SoftAuthenticator) {
  const options = await regOptions();
  const { response, credential } = auth.register(options);
  const result = await verifyReg(response, options);
  if (!result.verified) throw new Error('registration did not verify');
  return { credential, stored: result.registrationInfo.credential, options };
}

function flipByte(b64: string, index: number): string {
  const bytes = Buffer.from(b64, 'base64url');
  const i = index < 0 ? bytes.length + index : index;
  bytes[i] = (bytes[i] ?? 0) ^ 0x01;
  return bytes.toString('base64url');
}

describe('CBOR encoder', () => {
  it('round-trips through the library decoder', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const value = new Map<CborKey, CborValue>([
      [1, 2],
      [-7, 'x'],
      ['k', [0, 23, 24, 255, 256, 65535, 65536, 2 ** 32, -1, -24, -25, -257]],
      ['b', bytes],
      ['m', new Map([['nested', true]])],
    ]);
    const encoded = cborEncode(value);
    const decoded = isoCBOR.decodeFirst<Map<number | string, unknown>>(encoded);
    expect(decoded.get(1)).toBe(2);
    expect(decoded.get(-7)).toBe('x');
    expect(decoded.get('k')).toEqual([
      0,
      23,
      24,
      255,
      256,
      65535,
      65536,
      2 ** 32,
      -1,
      -24,
      -25,
      -257,
    ]);
    expect(Buffer.from(decoded.get('b') as Uint8Array)).toEqual(Buffer.from(bytes));
    expect((decoded.get('m') as Map<string, unknown>).get('nested')).toBe(true);
  });

  it('produces canonical heads', () => {
    expect(Buffer.from(cborEncode(0)).toString('hex')).toBe('00');
    expect(Buffer.from(cborEncode(23)).toString('hex')).toBe('17');
    expect(Buffer.from(cborEncode(24)).toString('hex')).toBe('1818');
    expect(Buffer.from(cborEncode(1000)).toString('hex')).toBe('1903e8');
    expect(Buffer.from(cborEncode(-1)).toString('hex')).toBe('20');
    expect(Buffer.from(cborEncode(-7)).toString('hex')).toBe('26');
    expect(Buffer.from(cborEncode(-100)).toString('hex')).toBe('3863');
    expect(Buffer.from(cborEncode('a')).toString('hex')).toBe('6161');
    expect(Buffer.from(cborEncode(new Uint8Array([0xff]))).toString('hex')).toBe('41ff');
    expect(Buffer.from(cborEncode([1, 2])).toString('hex')).toBe('820102');
    expect(Buffer.from(cborEncode(new Map([[1, 2]]))).toString('hex')).toBe('a10102');
  });
});

describe('SoftAuthenticator', () => {
  it('requires an origin and a 16-byte aaguid', () => {
    expect(() => new SoftAuthenticator({ origin: '' })).toThrow(/origin/);
    expect(() => new SoftAuthenticator({ origin: ORIGIN, aaguid: new Uint8Array(4) })).toThrow(
      /aaguid/,
    );
  });

  it('registration verifies with the real library (credential id, counter 0)', async () => {
    const aaguid = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    const auth = new SoftAuthenticator({ origin: ORIGIN, aaguid });
    const options = await regOptions();
    const { response, credential } = auth.register(options);

    expect(response.id).toBe(credential.credentialIdB64);
    expect(response.rawId).toBe(credential.credentialIdB64);
    expect(response.type).toBe('public-key');
    expect(response.authenticatorAttachment).toBe('platform');
    expect(response.response.transports).toEqual(['internal']);
    expect(response.clientExtensionResults).toEqual({});
    expect(credential.credentialId).toHaveLength(32);
    expect(credential.userHandle).toBe(options.user.id);
    expect(credential.rpId).toBe(RP_ID);
    expect(credential.counter).toBe(0);

    const clientData = JSON.parse(
      Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    expect(clientData).toEqual({
      type: 'webauthn.create',
      challenge: options.challenge,
      origin: ORIGIN,
      crossOrigin: false,
    });

    const att = decodeAttestationObject(
      new Uint8Array(Buffer.from(response.response.attestationObject, 'base64url')),
    );
    expect(att.get('fmt')).toBe('none');
    const parsed = parseAuthenticatorData(att.get('authData'));
    expect(parsed.flags).toMatchObject({ up: true, uv: true, at: true, be: false, bs: false });
    expect(parsed.counter).toBe(0);
    expect(parsed.credentialID && b64url(parsed.credentialID)).toBe(credential.credentialIdB64);
    if (!parsed.credentialPublicKey) throw new Error('no credential public key');
    const coseKey = decodeCredentialPublicKey(parsed.credentialPublicKey);
    if (!cose.isCOSEPublicKeyEC2(coseKey)) throw new Error('expected an EC2 COSE key');
    expect(coseKey.get(cose.COSEKEYS.kty)).toBe(2); // EC2
    expect(coseKey.get(cose.COSEKEYS.alg)).toBe(-7); // ES256
    expect(coseKey.get(cose.COSEKEYS.crv)).toBe(1); // P-256
    expect(coseKey.get(cose.COSEKEYS.x)).toHaveLength(32);
    expect(coseKey.get(cose.COSEKEYS.y)).toHaveLength(32);

    const result = await verifyReg(response, options);
    expect(result.verified).toBe(true);
    if (!result.verified) return;
    const info = result.registrationInfo;
    expect(info.fmt).toBe('none');
    expect(info.credential.id).toBe(credential.credentialIdB64);
    expect(info.credential.counter).toBe(0);
    expect(info.userVerified).toBe(true);
    expect(info.credentialDeviceType).toBe('singleDevice');
    expect(info.credentialBackedUp).toBe(false);
    expect(info.origin).toBe(ORIGIN);
    expect(info.rpID).toBe(RP_ID);
    expect(info.aaguid).toBe('01020304-0506-0708-090a-0b0c0d0e0f10');
  });

  it('authentication verifies with the real library (newCounter 1, then 2)', async () => {
    const auth = new SoftAuthenticator({ origin: ORIGIN });
    const { credential, stored, options: reg } = await registered(auth);

    const options = await authOptions(credential);
    const response = auth.authenticate(options, credential);
    expect(credential.counter).toBe(1);
    expect(response.id).toBe(credential.credentialIdB64);
    expect(response.response.userHandle).toBe(reg.user.id);

    const clientData = JSON.parse(
      Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    expect(clientData).toEqual({
      type: 'webauthn.get',
      challenge: options.challenge,
      origin: ORIGIN,
      crossOrigin: false,
    });

    const result = await verifyAuth(response, options, stored);
    expect(result.verified).toBe(true);
    expect(result.authenticationInfo.newCounter).toBe(1);
    expect(result.authenticationInfo.credentialID).toBe(credential.credentialIdB64);
    expect(result.authenticationInfo.userVerified).toBe(true);

    // Second sign-in with the counter the server stored.
    const options2 = await authOptions();
    const response2 = auth.authenticate(options2, credential);
    const result2 = await verifyAuth(response2, options2, { ...stored, counter: 1 });
    expect(result2.verified).toBe(true);
    expect(result2.authenticationInfo.newCounter).toBe(2);
  });

  it('signature is DER ECDSA over authData ‖ SHA-256(clientDataJSON)', async () => {
    const auth = new SoftAuthenticator({ origin: ORIGIN });
    const { credential } = await registered(auth);
    const response = auth.authenticate(await authOptions(), credential);
    const authData = Buffer.from(response.response.authenticatorData, 'base64url');
    const cdHash = createHash('sha256')
      .update(Buffer.from(response.response.clientDataJSON, 'base64url'))
      .digest();
    const ok = createVerify('sha256')
      .update(Buffer.concat([authData, cdHash]))
      .verify(credential.publicKey, Buffer.from(response.response.signature, 'base64url'));
    expect(ok).toBe(true);
    expect(authData).toHaveLength(37);
  });

  it('honours userHandle, counter and UV overrides', async () => {
    const auth = new SoftAuthenticator({ origin: ORIGIN });
    const { credential, stored } = await registered(auth);

    const options = await authOptions();
    const noHandle = auth.authenticate(options, credential, { userHandle: null });
    expect('userHandle' in noHandle.response).toBe(false);
    expect(credential.counter).toBe(1);

    const custom = auth.authenticate(options, credential, { userHandle: 'abc', counter: 42 });
    expect(custom.response.userHandle).toBe('abc');
    expect(credential.counter).toBe(1); // explicit counter leaves stored counter alone
    const parsed = parseAuthenticatorData(
      new Uint8Array(Buffer.from(custom.response.authenticatorData, 'base64url')),
    );
    expect(parsed.counter).toBe(42);

    // UV off is fine when the RP does not require it.
    const noUv = auth.authenticate(options, credential, { userVerified: false });
    const result = await verifyAuth(noUv, options, stored, false);
    expect(result.verified).toBe(true);
    expect(result.authenticationInfo.userVerified).toBe(false);
  });

  describe('the library rejects', () => {
    it('a wrong origin', async () => {
      const auth = new SoftAuthenticator({ origin: ORIGIN });
      const options = await regOptions();
      const { response } = auth.register(options, { origin: 'http://evil.example:1234' });
      await expect(verifyReg(response, options)).rejects.toThrow(/Unexpected \w+ response origin/);

      const { credential, stored } = await registered(auth);
      const aOpts = await authOptions();
      const aResp = auth.authenticate(aOpts, credential, { origin: 'http://localhost:9999' });
      await expect(verifyAuth(aResp, aOpts, stored)).rejects.toThrow(
        /Unexpected \w+ response origin/,
      );
    });

    it('a wrong rpId', async () => {
      const auth = new SoftAuthenticator({ origin: ORIGIN });
      const options = await regOptions();
      const { response } = auth.register(options, { rpId: 'evil.example' });
      await expect(verifyReg(response, options)).rejects.toThrow(/Unexpected RP ID hash/);

      const { credential, stored } = await registered(auth);
      const aOpts = await authOptions();
      const aResp = auth.authenticate(aOpts, credential, { rpId: 'evil.example' });
      await expect(verifyAuth(aResp, aOpts, stored)).rejects.toThrow(/Unexpected RP ID hash/);
    });

    it('UV missing when requireUserVerification is true', async () => {
      const auth = new SoftAuthenticator({ origin: ORIGIN });
      const options = await regOptions();
      const { response } = auth.register(options, { userVerified: false });
      await expect(verifyReg(response, options, true)).rejects.toThrow(/User verification/);

      const { credential, stored } = await registered(auth);
      const aOpts = await authOptions();
      const aResp = auth.authenticate(aOpts, credential, { userVerified: false });
      await expect(verifyAuth(aResp, aOpts, stored, true)).rejects.toThrow(/User verification/);
    });

    it('UP missing', async () => {
      const auth = new SoftAuthenticator({ origin: ORIGIN });
      const options = await regOptions();
      const { response } = auth.register(options, { userPresent: false });
      await expect(verifyReg(response, options)).rejects.toThrow(/User presence was required/);
    });

    it('a wrong challenge or type', async () => {
      const auth = new SoftAuthenticator({ origin: ORIGIN });
      const options = await regOptions();
      const { response } = auth.register(options, { challenge: 'bm90LXRoZS1jaGFsbGVuZ2U' });
      await expect(verifyReg(response, options)).rejects.toThrow(/challenge/i);
      const { response: wrongType } = auth.register(options, { type: 'webauthn.get' });
      await expect(verifyReg(wrongType, options)).rejects.toThrow(/type/i);
    });

    it('a tampered signature (one byte flipped)', async () => {
      const auth = new SoftAuthenticator({ origin: ORIGIN });
      const { credential, stored } = await registered(auth);
      const options = await authOptions();
      const response = auth.authenticate(options, credential);
      const tampered: AuthenticationResponseJSON = {
        ...response,
        response: { ...response.response, signature: flipByte(response.response.signature, -1) },
      };
      const result = await verifyAuth(tampered, options, stored);
      expect(result.verified).toBe(false);

      // And the untampered one still verifies.
      expect((await verifyAuth(response, options, stored)).verified).toBe(true);
    });
  });
});
