import { beforeAll, describe, expect, it } from 'vitest';
import { CryptoError } from '../errors.js';
import type { DocumentContext } from '../format/associated-data.js';
import {
  CHUNK_CIPHERTEXT_BYTES,
  CHUNK_OVERHEAD_BYTES,
  CHUNK_PLAINTEXT_BYTES,
  STREAM_HEADER_BYTES,
} from '../format/v1.js';
import type { DocumentKey } from '../keys/brands.js';
import { concatBytes } from '../lib/bytes.js';
import { sodium, sodiumReady } from '../sodium.js';
import { generateDocumentKey } from './document-keys.js';
import {
  createDocumentDecryptor,
  createDocumentEncryptor,
  streamLayout,
  type StreamLayout,
} from './document-stream.js';
import { paddedLength } from './padding.js';
import { prng } from '../testing/test-helpers.js';

beforeAll(async () => {
  await sodiumReady();
});

// --- helpers --------------------------------------------------------------------------------------

function pseudoRandomBytes(rand: () => number, n: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

/**
 * Cuts `bytes` at random boundaries: empty pieces, tiny ones, pieces around the chunk size and
 * pieces spanning several chunks, so that every framing path of push() is taken.
 */
function randomSplit(rand: () => number, bytes: Uint8Array): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const r = rand();
    const size =
      r < 0.1
        ? 0
        : r < 0.4
          ? Math.floor(rand() * 64)
          : r < 0.8
            ? Math.floor(rand() * (CHUNK_CIPHERTEXT_BYTES + 64))
            : Math.floor(rand() * 3 * CHUNK_CIPHERTEXT_BYTES);
    pieces.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  if (rand() < 0.5) pieces.push(new Uint8Array(0));
  return pieces;
}

const ctx: DocumentContext = {
  documentId: '6f1c2a7e-3b7d-4f0e-9a51-2d8c4e6b9f10',
  version: 1,
  ownerId: 'resident-7c1e',
};

interface Encrypted {
  header: Uint8Array;
  chunks: Uint8Array[];
  layout: StreamLayout;
  /** How many chunks push() handed out before finish(). */
  pushedChunks: number;
}

function encrypt(
  dk: DocumentKey,
  plaintext: Uint8Array,
  pieces: Uint8Array[] = [plaintext],
  context: DocumentContext = ctx,
): Encrypted {
  const enc = createDocumentEncryptor(dk, context, plaintext.length);
  const chunks: Uint8Array[] = [];
  for (const piece of pieces) chunks.push(...enc.push(piece));
  const pushedChunks = chunks.length;
  chunks.push(...enc.finish());
  return { header: enc.header, chunks, layout: enc.layout, pushedChunks };
}

type ReadResult =
  | { ok: true; document: Uint8Array }
  | { ok: false; error: unknown; document: undefined; bytesReturnedBeforeFailure: number };

/**
 * Reads a document the way callers must (the API contract of DocumentDecryptor): hold every
 * piece push() returns, and release the document only once finish() has returned. On any error
 * the held pieces are wiped and nothing is released — pieces returned before the failure are
 * verified chunks of a stream that is not whole, and must never be shown as the document.
 */
function readDocument(
  dk: DocumentKey,
  header: Uint8Array,
  plaintextLength: number,
  ciphertextPieces: Uint8Array[],
  context: DocumentContext = ctx,
): ReadResult {
  const held: Uint8Array[] = [];
  let returned = 0;
  try {
    const dec = createDocumentDecryptor(dk, context, header, plaintextLength);
    for (const piece of ciphertextPieces) {
      for (const out of dec.push(piece)) {
        held.push(out);
        returned += out.length;
      }
    }
    held.push(...dec.finish());
    return { ok: true, document: concatBytes(...held) };
  } catch (error) {
    for (const piece of held) piece.fill(0);
    return { ok: false, error, document: undefined, bytesReturnedBeforeFailure: returned };
  }
}

/** The one opaque failure, and no document released. */
function expectRejected(result: ReadResult): Extract<ReadResult, { ok: false }> {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.document).toBeUndefined();
  expect(result.error).toBeInstanceOf(CryptoError);
  expect((result.error as CryptoError).code).toBe('ERR_DECRYPT_FAILED');
  return result;
}

const AD_LABEL_DOCUMENT = 'citizen-vault/document/v1';

/**
 * Builds a content stream by hand with the sodium accessor, following docs/crypto.md "Content":
 * chunk plaintexts and tags as given, so that tests can make streams the encryptor never would.
 */
function craftStream(
  dk: DocumentKey,
  messages: { plaintext: Uint8Array; tag: number }[],
  context: DocumentContext = ctx,
): { header: Uint8Array; chunks: Uint8Array[] } {
  const s = sodium();
  const key = s.crypto_kdf_derive_from_key(32, 1, 'cvdocv01', dk);
  const { state, header } = s.crypto_secretstream_xchacha20poly1305_init_push(key);
  const ad = new TextEncoder().encode(
    [AD_LABEL_DOCUMENT, context.documentId, String(context.version), context.ownerId].join('\0'),
  );
  const chunks = messages.map((m) =>
    s.crypto_secretstream_xchacha20poly1305_push(state, m.plaintext, ad, m.tag),
  );
  return { header, chunks };
}

/** plaintext ‖ 0x80 ‖ 0x00… up to `padded` bytes (ISO/IEC 7816-4). */
function pad(plaintext: Uint8Array, padded = paddedLength(plaintext.length)): Uint8Array {
  const out = new Uint8Array(padded);
  out.set(plaintext);
  out[plaintext.length] = 0x80;
  return out;
}

/** Splits a padded plaintext into 64 KiB chunk plaintexts. */
function chunkPlaintexts(padded: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < padded.length; i += CHUNK_PLAINTEXT_BYTES) {
    out.push(padded.subarray(i, i + CHUNK_PLAINTEXT_BYTES));
  }
  return out;
}

const TAG = {
  message: 0,
  push: 1,
  rekey: 2,
  final: 3,
};

// --- round trips ----------------------------------------------------------------------------------

const SIZES = [0, 1, 255, 256, 65_535, 65_536, 65_537, 3 * 65_536, 200_000];

describe('round trip', () => {
  it('agrees with libsodium on the tag values it relies on', () => {
    const s = sodium();
    expect(s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE).toBe(TAG.message);
    expect(s.crypto_secretstream_xchacha20poly1305_TAG_PUSH).toBe(TAG.push);
    expect(s.crypto_secretstream_xchacha20poly1305_TAG_REKEY).toBe(TAG.rekey);
    expect(s.crypto_secretstream_xchacha20poly1305_TAG_FINAL).toBe(TAG.final);
    expect(s.crypto_secretstream_xchacha20poly1305_ABYTES).toBe(CHUNK_OVERHEAD_BYTES);
    expect(s.crypto_secretstream_xchacha20poly1305_HEADERBYTES).toBe(STREAM_HEADER_BYTES);
  });

  it.each(SIZES)(
    '%i bytes: random boundaries on push and on decrypt give the same bytes back',
    (size) => {
      for (const seed of [size + 1, size * 7 + 13]) {
        const rand = prng(seed);
        const dk = generateDocumentKey();
        const plaintext = pseudoRandomBytes(rand, size);
        const { header, chunks, layout } = encrypt(dk, plaintext, randomSplit(rand, plaintext));
        const ciphertext = concatBytes(...chunks);
        expect(ciphertext.length).toBe(layout.ciphertextLength);
        const result = readDocument(dk, header, size, randomSplit(rand, ciphertext));
        expect(result.ok, `seed ${seed}`).toBe(true);
        if (!result.ok) return;
        expect(result.document.length).toBe(size);
        expect(Buffer.from(result.document).equals(Buffer.from(plaintext)), `seed ${seed}`).toBe(
          true,
        );
      }
    },
  );

  it('pushes and decrypts one byte at a time across a chunk boundary (65 537 bytes)', () => {
    const rand = prng(42);
    const dk = generateDocumentKey();
    const plaintext = pseudoRandomBytes(rand, 65_537);
    const bytes = Array.from({ length: plaintext.length }, (_, i) => plaintext.subarray(i, i + 1));
    const { header, chunks } = encrypt(dk, plaintext, bytes);
    const ciphertext = concatBytes(...chunks);
    const single = Array.from({ length: ciphertext.length }, (_, i) =>
      ciphertext.subarray(i, i + 1),
    );
    const result = readDocument(dk, header, plaintext.length, single);
    expect(result.ok && Buffer.from(result.document).equals(Buffer.from(plaintext))).toBe(true);
  });

  it('encrypts the same plaintext differently every time (fresh header)', () => {
    const dk = generateDocumentKey();
    const plaintext = new Uint8Array(1000).fill(7);
    const a = encrypt(dk, plaintext);
    const b = encrypt(dk, plaintext);
    expect(Buffer.from(a.header).equals(Buffer.from(b.header))).toBe(false);
    expect(Buffer.from(a.chunks[0]!).equals(Buffer.from(b.chunks[0]!))).toBe(false);
  });
});

describe('layout', () => {
  it.each(SIZES)('%i bytes: chunkCount and ciphertextLength match the chunks produced', (size) => {
    const dk = generateDocumentKey();
    const plaintext = pseudoRandomBytes(prng(size), size);
    const { header, chunks, layout, pushedChunks } = encrypt(dk, plaintext);
    expect(layout).toEqual(streamLayout(size));
    expect(layout.plaintextLength).toBe(size);
    expect(layout.paddedLength).toBe(paddedLength(size));
    expect(header.length).toBe(STREAM_HEADER_BYTES);
    expect(chunks).toHaveLength(layout.chunkCount);
    expect(layout.chunkCount).toBe(Math.ceil(layout.paddedLength / CHUNK_PLAINTEXT_BYTES));
    expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(layout.ciphertextLength);
    expect(layout.ciphertextLength).toBe(
      layout.paddedLength + layout.chunkCount * CHUNK_OVERHEAD_BYTES,
    );
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBe(CHUNK_CIPHERTEXT_BYTES);
    const last = chunks.at(-1)!;
    expect(last.length).toBe(
      layout.paddedLength - (layout.chunkCount - 1) * CHUNK_PLAINTEXT_BYTES + CHUNK_OVERHEAD_BYTES,
    );
    // Streaming: every whole chunk of real bytes leaves push() at once, not at finish().
    expect(pushedChunks).toBe(
      Math.min(Math.floor(size / CHUNK_PLAINTEXT_BYTES), layout.chunkCount - 1),
    );
  });

  it('hides the exact size: every length in a bucket gives the same ciphertext length', () => {
    const lengths = [0, 1, 100, 255].map((n) => streamLayout(n).ciphertextLength);
    expect(new Set(lengths).size).toBe(1);
    expect(lengths[0]).toBe(256 + CHUNK_OVERHEAD_BYTES);
  });
});

// --- tampering ------------------------------------------------------------------------------------

describe('tampering: every case is ERR_DECRYPT_FAILED and releases no document', () => {
  // 200 000 bytes: padded to 200 704, four chunks (three full, the last 4 096 + 17 bytes).
  const SIZE = 200_000;
  let dk: DocumentKey;
  let plaintext: Uint8Array;
  let enc: Encrypted;

  beforeAll(() => {
    dk = generateDocumentKey();
    plaintext = pseudoRandomBytes(prng(7), SIZE);
    enc = encrypt(dk, plaintext);
    expect(enc.chunks).toHaveLength(4);
  });

  const read = (chunks: Uint8Array[], header = enc.header, length = SIZE, context = ctx) =>
    readDocument(dk, header, length, chunks, context);

  it('control: the untouched stream decrypts', () => {
    const result = read(enc.chunks);
    expect(result.ok && Buffer.from(result.document).equals(Buffer.from(plaintext))).toBe(true);
  });

  it.each([
    ['first', 0],
    ['middle', 1],
    ['last', 3],
  ])('a flipped bit in the %s chunk', (_, index) => {
    for (const at of [0, 1000, enc.chunks[index]!.length - 1]) {
      const chunks = enc.chunks.map((c) => c.slice());
      chunks[index]![at]! ^= 0x10;
      const failure = expectRejected(read(chunks));
      // Chunks before the tampered one were verified and handed out; they are still not the document.
      expect(failure.bytesReturnedBeforeFailure).toBe(index * CHUNK_PLAINTEXT_BYTES);
    }
  });

  it('a flipped bit in a re-split stream (the flip lands mid-piece)', () => {
    const ciphertext = concatBytes(...enc.chunks);
    ciphertext[CHUNK_CIPHERTEXT_BYTES + 5]! ^= 0x01;
    expectRejected(read(randomSplit(prng(99), ciphertext)));
  });

  it('truncation: the last chunk dropped', () => {
    const failure = expectRejected(read(enc.chunks.slice(0, -1)));
    expect(failure.bytesReturnedBeforeFailure).toBe(3 * CHUNK_PLAINTEXT_BYTES);
  });

  it('truncation: the last two chunks dropped, and everything dropped', () => {
    expectRejected(read(enc.chunks.slice(0, 2)));
    expectRejected(read([]));
  });

  it.each([1, 16, 17, 18, 4000, 4113])('truncation: %i bytes dropped off the end', (n) => {
    const ciphertext = concatBytes(...enc.chunks);
    expectRejected(read([ciphertext.subarray(0, ciphertext.length - n)]));
  });

  it('truncation: a document whose last chunk is full (65 535 bytes, one chunk) cut short', () => {
    const small = pseudoRandomBytes(prng(3), 65_535);
    const e = encrypt(dk, small);
    expect(e.chunks).toHaveLength(1);
    expect(e.chunks[0]!.length).toBe(CHUNK_CIPHERTEXT_BYTES);
    expectRejected(readDocument(dk, e.header, small.length, [e.chunks[0]!.subarray(0, -1)]));
  });

  it('a dropped FINAL tag: the same chunks, the last one tagged MESSAGE', () => {
    const parts = chunkPlaintexts(pad(plaintext));
    const control = craftStream(
      dk,
      parts.map((p, i) => ({
        plaintext: p,
        tag: i === parts.length - 1 ? TAG.final : TAG.message,
      })),
    );
    const ok = read(control.chunks, control.header);
    expect(ok.ok && Buffer.from(ok.document).equals(Buffer.from(plaintext))).toBe(true);

    const noFinal = craftStream(
      dk,
      parts.map((p) => ({ plaintext: p, tag: TAG.message })),
    );
    const failure = expectRejected(read(noFinal.chunks, noFinal.header));
    expect(failure.bytesReturnedBeforeFailure).toBe(3 * CHUNK_PLAINTEXT_BYTES);
  });

  it('a FINAL tag too early (on the second of four chunks)', () => {
    const parts = chunkPlaintexts(pad(plaintext));
    const early = craftStream(
      dk,
      parts.map((p, i) => ({ plaintext: p, tag: i === 1 || i === 3 ? TAG.final : TAG.message })),
    );
    expectRejected(read(early.chunks, early.header));
  });

  it.each([
    ['PUSH', TAG.push],
    ['REKEY', TAG.rekey],
  ])('a chunk tagged %s (valid for libsodium, not for format v1)', (_, tag) => {
    const parts = chunkPlaintexts(pad(plaintext));
    const odd = craftStream(
      dk,
      parts.map((p, i) => ({
        plaintext: p,
        tag: i === parts.length - 1 ? TAG.final : i === 1 ? tag : TAG.message,
      })),
    );
    expectRejected(read(odd.chunks, odd.header));
  });

  it('reordered chunks', () => {
    const [c0, c1, c2, c3] = enc.chunks;
    expectRejected(read([c0!, c2!, c1!, c3!]));
    expectRejected(read([c1!, c0!, c2!, c3!]));
  });

  it('a duplicated chunk', () => {
    const [c0, c1, c2, c3] = enc.chunks;
    expectRejected(read([c0!, c0!, c1!, c2!, c3!]));
    expectRejected(read([c0!, c1!, c1!, c2!, c3!]));
    expectRejected(read([c0!, c1!, c2!, c3!, c3!]));
  });

  it('a chunk after FINAL: a copy of an earlier chunk appended', () => {
    expectRejected(read([...enc.chunks, enc.chunks[0]!]));
  });

  it('a chunk after FINAL: a correctly encrypted chunk continuing the stream', () => {
    // One full FINAL chunk (65 535 bytes pad to exactly 65 536), then one more chunk that
    // libsodium itself would accept: only the format's "nothing after FINAL" rule catches it.
    const small = pseudoRandomBytes(prng(5), 65_535);
    for (const extra of [new Uint8Array(100), new Uint8Array(CHUNK_PLAINTEXT_BYTES)]) {
      for (const extraTag of [TAG.message, TAG.final]) {
        const crafted = craftStream(dk, [
          { plaintext: pad(small), tag: TAG.final },
          { plaintext: extra, tag: extraTag },
        ]);
        const control = readDocument(dk, crafted.header, small.length, crafted.chunks.slice(0, 1));
        expect(control.ok).toBe(true);
        expectRejected(readDocument(dk, crafted.header, small.length, crafted.chunks));
      }
    }
  });

  it('a chunk after FINAL is refused on arrival, not only at finish()', () => {
    const small = pseudoRandomBytes(prng(6), 65_535);
    const crafted = craftStream(dk, [
      { plaintext: pad(small), tag: TAG.final },
      { plaintext: new Uint8Array(CHUNK_PLAINTEXT_BYTES), tag: TAG.message },
    ]);
    const dec = createDocumentDecryptor(dk, ctx, crafted.header, small.length);
    expect(dec.push(crafted.chunks[0]!)).toHaveLength(1);
    expect(() => dec.push(crafted.chunks[1]!)).toThrow(
      expect.objectContaining({ code: 'ERR_DECRYPT_FAILED' }),
    );
    expect(() => dec.finish()).toThrow(expect.objectContaining({ code: 'ERR_DECRYPT_FAILED' }));
  });

  it('a wrong header: flipped bit, another stream’s header, wrong length', () => {
    const flipped = enc.header.slice();
    flipped[0]! ^= 0x01;
    expectRejected(read(enc.chunks, flipped));
    expectRejected(read(enc.chunks, encrypt(dk, plaintext).header));
    expectRejected(read(enc.chunks, enc.header.subarray(0, STREAM_HEADER_BYTES - 1)));
    expectRejected(read(enc.chunks, concatBytes(enc.header, new Uint8Array(1))));
  });

  it.each([
    ['another document id', { ...ctx, documentId: '6f1c2a7e-3b7d-4f0e-9a51-2d8c4e6b9f11' }],
    ['another version', { ...ctx, version: 2 }],
    ['another owner', { ...ctx, ownerId: 'resident-7c1f' }],
  ])('ciphertext moved to %s', (_, other: DocumentContext) => {
    const failure = expectRejected(read(enc.chunks, enc.header, SIZE, other));
    expect(failure.bytesReturnedBeforeFailure).toBe(0);
  });

  it('a wrong key', () => {
    expectRejected(readDocument(generateDocumentKey(), enc.header, SIZE, enc.chunks));
  });

  it('a wrong declared length (the metadata lies about the size)', () => {
    // Same bucket, so the chunk count and sizes agree: the padding check must catch it.
    expect(streamLayout(SIZE + 1).paddedLength).toBe(enc.layout.paddedLength);
    expectRejected(read(enc.chunks, enc.header, SIZE + 1));
    expectRejected(read(enc.chunks, enc.header, SIZE - 1));
    // Another bucket: the chunk count or the last chunk's size disagree.
    expectRejected(read(enc.chunks, enc.header, 100));
    expectRejected(read(enc.chunks, enc.header, 300_000));
  });

  it('stays failed: after an error, push() and finish() keep failing', () => {
    const chunks = enc.chunks.map((c) => c.slice());
    chunks[1]![10]! ^= 1;
    const dec = createDocumentDecryptor(dk, ctx, enc.header, SIZE);
    expect(dec.push(chunks[0]!)).toHaveLength(1);
    expect(() => dec.push(chunks[1]!)).toThrow(CryptoError);
    // A caller that retries with the genuine chunk gets nothing either.
    expect(() => dec.push(enc.chunks[1]!)).toThrow(
      expect.objectContaining({ code: 'ERR_DECRYPT_FAILED' }),
    );
    expect(() => dec.push(enc.chunks[2]!)).toThrow(
      expect.objectContaining({ code: 'ERR_DECRYPT_FAILED' }),
    );
    expect(() => dec.finish()).toThrow(expect.objectContaining({ code: 'ERR_DECRYPT_FAILED' }));
  });
});

// --- padding ---------------------------------------------------------------------------------------

describe('padding must be exactly 0x80 00 … up to the bucket', () => {
  const SIZE = 1000; // Padmé bucket: 1 024 bytes, one chunk.
  let dk: DocumentKey;
  let plaintext: Uint8Array;

  beforeAll(() => {
    dk = generateDocumentKey();
    plaintext = pseudoRandomBytes(prng(11), SIZE);
  });

  const readOne = (padded: Uint8Array, length = SIZE) => {
    const crafted = craftStream(dk, [{ plaintext: padded, tag: TAG.final }]);
    return readDocument(dk, crafted.header, length, crafted.chunks);
  };

  it('control: a hand-made stream with correct padding decrypts', () => {
    expect(paddedLength(SIZE)).toBe(1024);
    const result = readOne(pad(plaintext));
    expect(result.ok && Buffer.from(result.document).equals(Buffer.from(plaintext))).toBe(true);
  });

  it('0x00 where the 0x80 marker belongs', () => {
    const padded = pad(plaintext);
    padded[SIZE] = 0x00;
    expectRejected(readOne(padded));
  });

  it.each([0x01, 0x80, 0xff])('a non-zero byte (0x%s) after the marker', (byte) => {
    for (const at of [SIZE + 1, paddedLength(SIZE) - 1]) {
      const padded = pad(plaintext);
      padded[at] = byte;
      expectRejected(readOne(padded));
    }
  });

  it('a marker other than 0x80', () => {
    const padded = pad(plaintext);
    padded[SIZE] = 0x81;
    expectRejected(readOne(padded));
  });

  it('padding to another bucket (one block more or less)', () => {
    expectRejected(readOne(pad(plaintext, paddedLength(SIZE) + 16)));
    expectRejected(readOne(pad(plaintext, paddedLength(SIZE) - 16)));
    expectRejected(readOne(plaintext.slice()));
  });

  it('padding that crosses a chunk boundary is checked in every chunk', () => {
    // 4 200 000 bytes pad to 4 325 376 (Padmé, 128 KiB steps): 66 chunks, the last two pure padding.
    const size = 4_200_000;
    const layout = streamLayout(size);
    expect(layout.chunkCount).toBe(66);
    const big = pseudoRandomBytes(prng(12), size);
    const parts = chunkPlaintexts(pad(big));
    const good = craftStream(
      dk,
      parts.map((p, i) => ({
        plaintext: p,
        tag: i === parts.length - 1 ? TAG.final : TAG.message,
      })),
    );
    const ok = readDocument(dk, good.header, size, good.chunks);
    expect(ok.ok && Buffer.from(ok.document).equals(Buffer.from(big))).toBe(true);

    const badParts = parts.map((p) => p.slice());
    badParts[64]![CHUNK_PLAINTEXT_BYTES - 1] = 0x01; // in the padding of a MESSAGE chunk
    const bad = craftStream(
      dk,
      badParts.map((p, i) => ({
        plaintext: p,
        tag: i === badParts.length - 1 ? TAG.final : TAG.message,
      })),
    );
    const failure = expectRejected(readDocument(dk, bad.header, size, bad.chunks));
    expect(failure.bytesReturnedBeforeFailure).toBe(64 * CHUNK_PLAINTEXT_BYTES);
  });
});

// --- encryptor misuse ------------------------------------------------------------------------------

describe('encryptor misuse throws TypeError', () => {
  it('more bytes than declared, in one push or over several', () => {
    const dk = generateDocumentKey();
    expect(() => createDocumentEncryptor(dk, ctx, 10).push(new Uint8Array(11))).toThrow(TypeError);
    const enc = createDocumentEncryptor(dk, ctx, 10);
    enc.push(new Uint8Array(6));
    expect(() => enc.push(new Uint8Array(5))).toThrow(TypeError);
  });

  it('fewer bytes than declared at finish()', () => {
    const enc = createDocumentEncryptor(generateDocumentKey(), ctx, 70_000);
    enc.push(new Uint8Array(69_999));
    expect(() => enc.finish()).toThrow(TypeError);
  });

  it('push() after finish(), and finish() twice', () => {
    const enc = createDocumentEncryptor(generateDocumentKey(), ctx, 1);
    enc.push(new Uint8Array(1));
    enc.finish();
    expect(() => enc.push(new Uint8Array(0))).toThrow(TypeError);
    expect(() => enc.finish()).toThrow(TypeError);
  });

  it('a negative or fractional declared length', () => {
    expect(() => createDocumentEncryptor(generateDocumentKey(), ctx, -1)).toThrow(TypeError);
    expect(() => createDocumentEncryptor(generateDocumentKey(), ctx, 1.5)).toThrow(TypeError);
  });
});
