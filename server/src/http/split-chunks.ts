import { CHUNK_CIPHERTEXT_BYTES } from '../contracts/index.js';

/**
 * Splits a request body of back-to-back chunk ciphertexts into chunks. Every chunk but a document's
 * last is exactly CHUNK_CIPHERTEXT_BYTES long, so the boundaries follow from the bytes alone: a
 * short piece can only be the body's last, and storage refuses it unless it is the document's last
 * chunk with exactly the length the declared size leaves for it. The pieces are views, not copies.
 */
export function splitChunks(body: Buffer): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < body.length; offset += CHUNK_CIPHERTEXT_BYTES) {
    chunks.push(body.subarray(offset, Math.min(offset + CHUNK_CIPHERTEXT_BYTES, body.length)));
  }
  return chunks;
}
