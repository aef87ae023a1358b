import { CryptoError } from '../errors.js';
import { documentAd, type DocumentContext } from '../format/associated-data.js';
import {
  CHUNK_CIPHERTEXT_BYTES,
  CHUNK_OVERHEAD_BYTES,
  CHUNK_PLAINTEXT_BYTES,
  STREAM_HEADER_BYTES,
} from '../format/v1.js';
import type { DocumentKey } from '../keys/brands.js';
import { sodium } from '../sodium.js';
import { contentKeyOf } from './document-keys.js';
import { paddedLength } from './padding.js';

/** Sizes of an encrypted document, known before the first byte is encrypted. */
export interface StreamLayout {
  plaintextLength: number;
  paddedLength: number;
  chunkCount: number;
  /** Bytes of all chunks together (what the server stores; the header travels apart). */
  ciphertextLength: number;
}

/** The layout of a document of `plaintextLength` bytes (docs/crypto.md "Content"). */
export function streamLayout(plaintextLength: number): StreamLayout {
  const padded = paddedLength(plaintextLength);
  const chunkCount = Math.ceil(padded / CHUNK_PLAINTEXT_BYTES);
  return {
    plaintextLength,
    paddedLength: padded,
    chunkCount,
    ciphertextLength: padded + chunkCount * CHUNK_OVERHEAD_BYTES,
  };
}

/** Encrypts a document as it is read: push pieces of any size, get whole ciphertext chunks. */
export interface DocumentEncryptor {
  readonly header: Uint8Array<ArrayBuffer>;
  readonly layout: StreamLayout;
  /** Encrypts what fills whole chunks; keeps the rest for the next call. */
  push(plaintext: Uint8Array): Uint8Array<ArrayBuffer>[];
  /** After exactly `plaintextLength` bytes: pads, encrypts the rest, tags the last chunk FINAL. */
  finish(): Uint8Array<ArrayBuffer>[];
}

/**
 * Starts encrypting one document version: crypto_secretstream_xchacha20poly1305 under the
 * document key's content subkey, 64 KiB plaintext chunks, every chunk's associated data binding
 * document id, version, owner and format version, ISO/IEC 7816-4 padding to a Padmé bucket.
 */
export function createDocumentEncryptor(
  dk: DocumentKey,
  ctx: DocumentContext,
  plaintextLength: number,
): DocumentEncryptor {
  const s = sodium();
  const layout = streamLayout(plaintextLength);
  const key = contentKeyOf(dk);
  const { state, header } = s.crypto_secretstream_xchacha20poly1305_init_push(key);
  s.memzero(key);
  const ad = documentAd(ctx);
  const buffer = new Uint8Array(CHUNK_PLAINTEXT_BYTES);
  let filled = 0;
  let consumed = 0;
  let emitted = 0;
  let done = false;

  const emit = (chunk: Uint8Array, out: Uint8Array<ArrayBuffer>[]) => {
    emitted += 1;
    const tag =
      emitted === layout.chunkCount
        ? s.crypto_secretstream_xchacha20poly1305_TAG_FINAL
        : s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    out.push(
      s.crypto_secretstream_xchacha20poly1305_push(
        state,
        chunk,
        ad,
        tag,
      ) as Uint8Array<ArrayBuffer>,
    );
  };

  return {
    header: header as Uint8Array<ArrayBuffer>,
    layout,
    push(plaintext) {
      if (done) throw new TypeError('push after finish');
      if (consumed + plaintext.length > plaintextLength) {
        throw new TypeError('more plaintext than declared');
      }
      consumed += plaintext.length;
      const out: Uint8Array<ArrayBuffer>[] = [];
      let offset = 0;
      while (offset < plaintext.length) {
        const take = Math.min(CHUNK_PLAINTEXT_BYTES - filled, plaintext.length - offset);
        buffer.set(plaintext.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        // Hold back a full buffer until more data (or finish) shows it is not the last chunk.
        if (filled === CHUNK_PLAINTEXT_BYTES && emitted + 1 < layout.chunkCount) {
          emit(buffer, out);
          filled = 0;
        }
      }
      return out;
    },
    finish() {
      if (done) throw new TypeError('finish called twice');
      if (consumed !== plaintextLength) throw new TypeError('less plaintext than declared');
      done = true;
      const out: Uint8Array<ArrayBuffer>[] = [];
      // Padding: 0x80 then zeros up to the padded length, chunk by chunk.
      let marker = true;
      let remaining = layout.paddedLength - consumed;
      while (emitted < layout.chunkCount) {
        while (filled < CHUNK_PLAINTEXT_BYTES && remaining > 0) {
          buffer[filled++] = marker ? 0x80 : 0x00;
          marker = false;
          remaining -= 1;
        }
        emit(buffer.subarray(0, filled), out);
        filled = 0;
      }
      s.memzero(buffer);
      return out;
    },
  };
}

/** Decrypts a document as its ciphertext arrives, in pieces of any size. */
export interface DocumentDecryptor {
  /** Verifies and decrypts every whole chunk in the pieces so far; returns real plaintext only. */
  push(ciphertext: Uint8Array): Uint8Array<ArrayBuffer>[];
  /**
   * Decrypts what is left (the last, usually short, chunk) and returns its plaintext. Succeeds
   * only if the FINAL chunk was seen, nothing followed it, and the padding is exact.
   */
  finish(): Uint8Array<ArrayBuffer>[];
}

const fail = (): never => {
  throw new CryptoError('ERR_DECRYPT_FAILED');
};

/**
 * Starts decrypting one document version. Any tampering — a flipped bit, a truncated, dropped,
 * reordered or duplicated chunk, a chunk after FINAL, a stream moved to another document, version
 * or resident — ends in the one error ERR_DECRYPT_FAILED, and callers must not show plaintext
 * until {@link DocumentDecryptor.finish} has returned.
 */
export function createDocumentDecryptor(
  dk: DocumentKey,
  ctx: DocumentContext,
  header: Uint8Array,
  plaintextLength: number,
): DocumentDecryptor {
  const s = sodium();
  if (header.length !== STREAM_HEADER_BYTES) fail();
  const layout = streamLayout(plaintextLength);
  const key = contentKeyOf(dk);
  let state: ReturnType<Sodium['crypto_secretstream_xchacha20poly1305_init_pull']>;
  try {
    state = s.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
  } catch {
    fail();
  } finally {
    s.memzero(key);
  }
  const ad = documentAd(ctx);
  const frame = new Uint8Array(CHUNK_CIPHERTEXT_BYTES);
  let framed = 0;
  let chunks = 0;
  let plainSeen = 0;
  let finalSeen = false;
  let failed = false;

  const open = (cipher: Uint8Array, out: Uint8Array<ArrayBuffer>[]) => {
    if (finalSeen) fail();
    const result = s.crypto_secretstream_xchacha20poly1305_pull(state!, cipher, ad);
    if (result === false) return fail();
    chunks += 1;
    const isFinal = result.tag === s.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    if (isFinal !== (chunks === layout.chunkCount)) fail();
    if (result.tag !== s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE && !isFinal) fail();
    finalSeen = isFinal;
    const message = result.message as Uint8Array<ArrayBuffer>;
    const expectedLength = isFinal
      ? layout.paddedLength - (layout.chunkCount - 1) * CHUNK_PLAINTEXT_BYTES
      : CHUNK_PLAINTEXT_BYTES;
    if (message.length !== expectedLength) fail();
    // Real bytes first, then the padding, which must be exactly 0x80 00 00 … .
    const realHere = Math.max(0, Math.min(message.length, plaintextLength - plainSeen));
    for (let i = realHere; i < message.length; i++) {
      const position = plainSeen + i;
      const expected = position === plaintextLength ? 0x80 : 0x00;
      if (message[i] !== expected) fail();
    }
    plainSeen += message.length;
    if (realHere > 0) out.push(message.subarray(0, realHere));
  };

  const guard = <T>(fn: () => T): T => {
    if (failed) fail();
    try {
      return fn();
    } catch (error) {
      failed = true;
      throw error instanceof CryptoError ? error : new CryptoError('ERR_DECRYPT_FAILED');
    }
  };

  return {
    push(ciphertext) {
      return guard(() => {
        const out: Uint8Array<ArrayBuffer>[] = [];
        let offset = 0;
        while (offset < ciphertext.length) {
          const take = Math.min(CHUNK_CIPHERTEXT_BYTES - framed, ciphertext.length - offset);
          frame.set(ciphertext.subarray(offset, offset + take), framed);
          framed += take;
          offset += take;
          // A full frame may still be the FINAL chunk; the last chunk can also be full.
          if (framed === CHUNK_CIPHERTEXT_BYTES) {
            open(frame, out);
            framed = 0;
          }
        }
        return out;
      });
    },
    finish() {
      return guard(() => {
        const out: Uint8Array<ArrayBuffer>[] = [];
        if (framed > 0) {
          open(frame.subarray(0, framed), out);
          framed = 0;
        }
        if (!finalSeen || chunks !== layout.chunkCount) fail();
        return out;
      });
    },
  };
}

type Sodium = ReturnType<typeof sodium>;
