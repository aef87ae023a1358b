import { CryptoError } from '../errors.js';
import { metadataAd, type DocumentContext } from '../format/associated-data.js';
import { AEAD_NONCE_BYTES, ENVELOPE_TYPE, FORMAT_V1, METADATA_BLOCK_BYTES } from '../format/v1.js';
import type { DocumentKey } from '../keys/brands.js';
import { concatBytes } from '../lib/bytes.js';
import { sodium } from '../sodium.js';
import { metadataKeyOf } from './document-keys.js';

/** What the resident's browser knows about a document and the server must not. */
export interface DocumentMetadata {
  /** The file name. */
  name: string;
  /** MIME type. */
  type: string;
  /** Exact plaintext length in bytes (the stream is padded). */
  size: number;
  title?: string;
  notes?: string;
  /** Fields an issuing city service adds (later issue). */
  issuer?: Record<string, string>;
}

const HEAD = new Uint8Array([FORMAT_V1, ENVELOPE_TYPE.metadata]);
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Encrypts metadata as one JSON object under the document key's metadata subkey, padded with
 * spaces to a multiple of 256 bytes so that name lengths do not show.
 */
export function encryptMetadata(
  dk: DocumentKey,
  ctx: DocumentContext,
  metadata: DocumentMetadata,
): Uint8Array<ArrayBuffer> {
  if (!Number.isSafeInteger(metadata.size) || metadata.size < 0) {
    throw new TypeError('metadata.size must be the plaintext length');
  }
  const s = sodium();
  const json = encoder.encode(JSON.stringify(metadata));
  const padded = new Uint8Array(
    Math.ceil((json.length + 1) / METADATA_BLOCK_BYTES) * METADATA_BLOCK_BYTES,
  );
  padded.fill(0x20);
  padded.set(json);
  const key = metadataKeyOf(dk);
  const nonce = s.randombytes_buf(AEAD_NONCE_BYTES);
  const ciphertext = s.crypto_aead_xchacha20poly1305_ietf_encrypt(
    padded,
    concatBytes(metadataAd(ctx), HEAD),
    null,
    nonce,
    key,
  );
  s.memzero(key);
  return concatBytes(HEAD, nonce, ciphertext);
}

/** Decrypts and validates a metadata envelope; any failure is ERR_DECRYPT_FAILED. */
export function decryptMetadata(
  dk: DocumentKey,
  ctx: DocumentContext,
  envelope: Uint8Array,
): DocumentMetadata {
  const s = sodium();
  if (
    envelope.length < 2 + AEAD_NONCE_BYTES + 16 ||
    envelope[0] !== HEAD[0] ||
    envelope[1] !== HEAD[1]
  ) {
    throw new CryptoError('ERR_UNSUPPORTED_FORMAT', 'not a v1 metadata envelope');
  }
  const key = metadataKeyOf(dk);
  try {
    const plaintext = s.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      envelope.subarray(2 + AEAD_NONCE_BYTES),
      concatBytes(metadataAd(ctx), HEAD),
      envelope.subarray(2, 2 + AEAD_NONCE_BYTES),
      key,
    );
    const value = JSON.parse(decoder.decode(plaintext)) as unknown;
    if (!isMetadata(value)) throw new Error('shape');
    return value;
  } catch {
    throw new CryptoError('ERR_DECRYPT_FAILED');
  } finally {
    s.memzero(key);
  }
}

/**
 * Checks every field against {@link DocumentMetadata}. The envelope is authentic, but its author
 * may be a city service depositing a document, so the shape is checked, not assumed: a `title`
 * that is an object must not reach a page that renders it as text.
 */
function isMetadata(v: unknown): v is DocumentMetadata {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const m = v as Record<string, unknown>;
  const optionalString = (x: unknown) => x === undefined || typeof x === 'string';
  const issuer = m['issuer'];
  return (
    typeof m['name'] === 'string' &&
    typeof m['type'] === 'string' &&
    typeof m['size'] === 'number' &&
    Number.isSafeInteger(m['size']) &&
    (m['size'] as number) >= 0 &&
    optionalString(m['title']) &&
    optionalString(m['notes']) &&
    (issuer === undefined ||
      (typeof issuer === 'object' &&
        issuer !== null &&
        !Array.isArray(issuer) &&
        Object.values(issuer).every((x) => typeof x === 'string')))
  );
}
