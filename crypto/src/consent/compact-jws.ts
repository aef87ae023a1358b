import { canonicalJson } from '../encoding/canonical-json.js';
import { fromBase64url, toBase64url } from '../encoding/base64url.js';
import { CryptoError } from '../errors.js';
import type { Ed25519PublicKey, Ed25519Seed } from '../keys/brands.js';
import { sodium } from '../sodium.js';

/**
 * Compact JWS (RFC 7515 §7.1) with `alg: "EdDSA"` over Ed25519 (RFC 8037), made with libsodium so
 * that the browser signs with the resident's own key (DESIGN §6: the consent receipt). The payload
 * is serialised as RFC 8785 canonical JSON, so the same receipt always has the same bytes; any
 * JOSE library verifies it with the signer's public key as an OKP JWK.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
/** Longest token accepted for verification (a consent receipt is ~1–2 KiB). */
export const MAX_COMPACT_JWS_LENGTH = 16 * 1024;

/** Signs `payload` (canonical JSON) with the Ed25519 key made from `seed`; returns `h.p.s`. */
export function signCompactJws(seed: Ed25519Seed, typ: string, payload: unknown): string {
  const s = sodium();
  const header = toBase64url(encoder.encode(canonicalJson({ alg: 'EdDSA', typ })));
  const body = toBase64url(encoder.encode(canonicalJson(payload)));
  const pair = s.crypto_sign_seed_keypair(seed);
  try {
    const signature = s.crypto_sign_detached(encoder.encode(`${header}.${body}`), pair.privateKey);
    return `${header}.${body}.${toBase64url(signature)}`;
  } finally {
    s.memzero(pair.privateKey);
  }
}

/**
 * Verifies a compact JWS made by {@link signCompactJws} (or any EdDSA signer) with `publicKey` and
 * returns its payload. Throws `ERR_JWS_INVALID` for anything else: another `alg` (`none`, HS256…),
 * another `typ`, a `crit` header, a malformed token, a payload that is not a JSON object, or a
 * signature that does not verify.
 */
export function verifyCompactJws(
  publicKey: Ed25519PublicKey,
  typ: string,
  jws: string,
): Record<string, unknown> {
  const invalid = (why: string) => new CryptoError('ERR_JWS_INVALID', `compact JWS: ${why}`);
  if (jws.length > MAX_COMPACT_JWS_LENGTH) throw invalid('too long');
  const parts = jws.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) {
    throw invalid('not three base64url parts');
  }
  const [h, p, sig] = parts as [string, string, string];
  const header = parseObject(h);
  if (header === null) throw invalid('header is not a JSON object');
  if (header['alg'] !== 'EdDSA') throw invalid('alg is not EdDSA');
  if (header['typ'] !== typ) throw invalid(`typ is not ${typ}`);
  if ('crit' in header) throw invalid('crit is not supported');
  let signature: Uint8Array;
  try {
    signature = fromBase64url(sig);
  } catch {
    throw invalid('signature is not base64url');
  }
  const ok =
    signature.length === 64 &&
    sodium().crypto_sign_verify_detached(signature, encoder.encode(`${h}.${p}`), publicKey);
  if (!ok) throw invalid('signature does not verify');
  const payload = parseObject(p);
  if (payload === null) throw invalid('payload is not a JSON object');
  return payload;
}

function parseObject(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(decoder.decode(fromBase64url(part)));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The `typ` of a consent receipt (a JWT-like signed JSON object). */
export const CONSENT_RECEIPT_TYP = 'consent-receipt+jwt';
