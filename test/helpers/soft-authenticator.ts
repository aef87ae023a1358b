/**
 * A software WebAuthn authenticator (plus the "client" half a browser would do) for integration
 * tests. It answers the options JSON produced by @simplewebauthn/server with real, correctly
 * signed registration and authentication responses, so tests can drive the passkey flows over
 * HTTP without a browser.
 *
 * - Key type: ES256 (ECDSA P-256 + SHA-256), COSE alg -7.
 * - Attestation: 'none' (empty attStmt).
 * - Flags: UP and UV set by default, AT set on registration, BE/BS never set (single-device).
 * - Only node:crypto is used; a minimal CBOR encoder lives at the bottom of this file.
 *
 * Overrides exist so tests can produce responses that a correct server must reject
 * (wrong origin, wrong RP ID, missing UV/UP, replayed counter, wrong challenge, wrong type, ...).
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';

export interface SoftCredential {
  /** Raw credential id (32 random bytes). */
  credentialId: Uint8Array;
  /** The credential id, base64url (what the server stores and sends in allowCredentials). */
  credentialIdB64: string;
  /** base64url user handle, i.e. optionsJSON.user.id from registration. */
  userHandle: string;
  /** RP ID the credential was created for (after overrides). */
  rpId: string;
  /** Signature counter last reported by the authenticator (0 after registration). */
  counter: number;
  /** ES256 (P-256) private key. */
  privateKey: KeyObject;
  /** ES256 (P-256) public key. */
  publicKey: KeyObject;
}

export interface SoftAuthenticatorOptions {
  /** Origin the "browser" runs on, e.g. 'http://localhost:1234'. */
  origin: string;
  /** 16-byte AAGUID; defaults to all zeros. */
  aaguid?: Uint8Array;
}

export interface RegisterOverrides {
  origin?: string;
  rpId?: string;
  userVerified?: boolean;
  userPresent?: boolean;
  /** Challenge put into clientDataJSON instead of optionsJSON.challenge. */
  challenge?: string;
  /** clientDataJSON.type instead of 'webauthn.create'. */
  type?: string;
}

export interface AuthenticateOverrides {
  origin?: string;
  rpId?: string;
  userVerified?: boolean;
  userPresent?: boolean;
  /** Counter to report. When given, the credential's stored counter is NOT changed. */
  counter?: number;
  /** Challenge put into clientDataJSON instead of optionsJSON.challenge. */
  challenge?: string;
  /** base64url user handle to return; null omits it; undefined returns credential.userHandle. */
  userHandle?: string | null;
  /** clientDataJSON.type instead of 'webauthn.get'. */
  type?: string;
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;
const COSE_ALG_ES256 = -7;

export class SoftAuthenticator {
  readonly origin: string;
  readonly aaguid: Uint8Array;

  constructor(opts: SoftAuthenticatorOptions) {
    if (!opts || typeof opts.origin !== 'string' || opts.origin === '') {
      throw new TypeError('SoftAuthenticator: opts.origin is required');
    }
    const aaguid = opts.aaguid ?? new Uint8Array(16);
    if (aaguid.length !== 16) {
      throw new TypeError(`SoftAuthenticator: aaguid must be 16 bytes, got ${aaguid.length}`);
    }
    this.origin = opts.origin;
    this.aaguid = Uint8Array.from(aaguid);
  }

  /**
   * Answers creation options JSON → RegistrationResponseJSON (attestation 'none') plus the new
   * credential, whose `counter` is 0.
   */
  register(
    optionsJSON: PublicKeyCredentialCreationOptionsJSON,
    overrides: RegisterOverrides = {},
  ): { response: RegistrationResponseJSON; credential: SoftCredential } {
    const params = optionsJSON.pubKeyCredParams ?? [];
    if (params.length > 0 && !params.some((p) => p.alg === COSE_ALG_ES256)) {
      throw new Error('SoftAuthenticator: pubKeyCredParams does not allow ES256 (-7)');
    }

    const origin = overrides.origin ?? this.origin;
    const rpId = overrides.rpId ?? optionsJSON.rp.id ?? new URL(origin).hostname;

    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const credentialId = new Uint8Array(randomBytes(32));
    const credentialIdB64 = b64url(credentialId);

    const clientDataJSON = encodeClientData({
      type: overrides.type ?? 'webauthn.create',
      challenge: overrides.challenge ?? optionsJSON.challenge,
      origin,
    });

    const flags = makeFlags(overrides.userPresent, overrides.userVerified) | FLAG_AT;
    const coseKey = coseEC2PublicKey(publicKey);
    const attestedCredentialData = concat(
      this.aaguid,
      u16be(credentialId.length),
      credentialId,
      coseKey,
    );
    const authData = concat(sha256(rpId), Uint8Array.of(flags), u32be(0), attestedCredentialData);

    const attestationObject = cborEncode(
      new Map<CborKey, CborValue>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );

    const response: RegistrationResponseJSON = {
      id: credentialIdB64,
      rawId: credentialIdB64,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        authenticatorData: b64url(authData),
        transports: ['internal'],
        publicKeyAlgorithm: COSE_ALG_ES256,
        publicKey: b64url(publicKey.export({ format: 'der', type: 'spki' })),
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };

    const credential: SoftCredential = {
      credentialId,
      credentialIdB64,
      userHandle: optionsJSON.user.id,
      rpId,
      counter: 0,
      privateKey,
      publicKey,
    };

    return { response, credential };
  }

  /**
   * Answers request options JSON → AuthenticationResponseJSON for a credential registered before.
   * Increments `credential.counter` by 1 (and reports the new value) unless `overrides.counter`
   * is given, in which case that value is reported and the credential is left untouched.
   *
   * Note: `optionsJSON.allowCredentials` is not checked — the caller picks the credential.
   */
  authenticate(
    optionsJSON: PublicKeyCredentialRequestOptionsJSON,
    credential: SoftCredential,
    overrides: AuthenticateOverrides = {},
  ): AuthenticationResponseJSON {
    const origin = overrides.origin ?? this.origin;
    const rpId = overrides.rpId ?? optionsJSON.rpId ?? new URL(origin).hostname;

    let counter: number;
    if (overrides.counter !== undefined) {
      counter = overrides.counter;
    } else {
      credential.counter += 1;
      counter = credential.counter;
    }

    const clientDataJSON = encodeClientData({
      type: overrides.type ?? 'webauthn.get',
      challenge: overrides.challenge ?? optionsJSON.challenge,
      origin,
    });

    const flags = makeFlags(overrides.userPresent, overrides.userVerified);
    const authData = concat(sha256(rpId), Uint8Array.of(flags), u32be(counter));
    const signature = sign(
      'sha256',
      concat(authData, sha256(clientDataJSON)),
      credential.privateKey,
    );

    const userHandle =
      overrides.userHandle === undefined ? credential.userHandle : overrides.userHandle;

    return {
      id: credential.credentialIdB64,
      rawId: credential.credentialIdB64,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(userHandle === null ? {} : { userHandle }),
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Byte helpers

export function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

function sha256(data: Uint8Array | string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function u16be(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new RangeError(`u16 out of range: ${n}`);
  return Uint8Array.of(n >>> 8, n & 0xff);
}

function u32be(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new RangeError(`u32 out of range: ${n}`);
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, false);
  return out;
}

function makeFlags(userPresent: boolean | undefined, userVerified: boolean | undefined): number {
  let flags = 0;
  if (userPresent ?? true) flags |= FLAG_UP;
  if (userVerified ?? true) flags |= FLAG_UV;
  return flags;
}

function encodeClientData(data: { type: string; challenge: string; origin: string }): Uint8Array {
  const json = JSON.stringify({
    type: data.type,
    challenge: data.challenge,
    origin: data.origin,
    crossOrigin: false,
  });
  return new Uint8Array(Buffer.from(json, 'utf8'));
}

/** COSE_Key for an EC2 P-256 ES256 public key: {1: 2, 3: -7, -1: 1, -2: x, -3: y}. */
function coseEC2PublicKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) {
    throw new Error('SoftAuthenticator: expected a P-256 EC public key');
  }
  const x = new Uint8Array(Buffer.from(jwk.x, 'base64url'));
  const y = new Uint8Array(Buffer.from(jwk.y, 'base64url'));
  if (x.length !== 32 || y.length !== 32) {
    throw new Error('SoftAuthenticator: P-256 coordinates must be 32 bytes');
  }
  return cborEncode(
    new Map<CborKey, CborValue>([
      [1, 2], // kty: EC2
      [3, COSE_ALG_ES256], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, x],
      [-3, y],
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// Minimal CBOR encoder (RFC 8949): unsigned/negative integers, byte strings, text strings,
// arrays, and maps with integer or text keys (insertion order is kept — callers supply the
// canonical CTAP2 order). Also booleans and null for convenience.

export type CborKey = number | string;
export type CborValue =
  number | string | Uint8Array | boolean | null | CborValue[] | Map<CborKey, CborValue>;

export function cborEncode(value: CborValue): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  encodeItem(value, chunks);
  return concat(...chunks);
}

function encodeHead(major: number, n: number, out: Uint8Array[]): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`CBOR: bad length/value ${n}`);
  const mt = major << 5;
  if (n < 24) {
    out.push(Uint8Array.of(mt | n));
  } else if (n <= 0xff) {
    out.push(Uint8Array.of(mt | 24, n));
  } else if (n <= 0xffff) {
    out.push(Uint8Array.of(mt | 25, n >>> 8, n & 0xff));
  } else if (n <= 0xffffffff) {
    const b = new Uint8Array(5);
    b[0] = mt | 26;
    new DataView(b.buffer).setUint32(1, n, false);
    out.push(b);
  } else {
    const b = new Uint8Array(9);
    b[0] = mt | 27;
    new DataView(b.buffer).setBigUint64(1, BigInt(n), false);
    out.push(b);
  }
}

function encodeItem(value: CborValue, out: Uint8Array[]): void {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      throw new RangeError(`CBOR: only integers supported: ${value}`);
    if (value >= 0) encodeHead(0, value, out);
    else encodeHead(1, -1 - value, out);
  } else if (typeof value === 'string') {
    const bytes = new Uint8Array(Buffer.from(value, 'utf8'));
    encodeHead(3, bytes.length, out);
    out.push(bytes);
  } else if (value instanceof Uint8Array) {
    encodeHead(2, value.length, out);
    out.push(value);
  } else if (typeof value === 'boolean') {
    out.push(Uint8Array.of(value ? 0xf5 : 0xf4));
  } else if (value === null) {
    out.push(Uint8Array.of(0xf6));
  } else if (Array.isArray(value)) {
    encodeHead(4, value.length, out);
    for (const item of value) encodeItem(item, out);
  } else if (value instanceof Map) {
    encodeHead(5, value.size, out);
    for (const [k, v] of value) {
      encodeItem(k, out);
      encodeItem(v, out);
    }
  } else {
    throw new TypeError('CBOR: unsupported value');
  }
}
