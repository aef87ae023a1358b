import { MIN_PADDED_BYTES } from '../format/v1.js';

/**
 * The padded size of a plaintext of `length` bytes: Padmé (Nikitin et al., PETS 2019) applied to
 * length + 1 (room for the 0x80 marker), and never less than {@link MIN_PADDED_BYTES}. Padmé leaks
 * O(log log n) bits of the size and costs at most 12 % of overhead.
 */
export function paddedLength(length: number): number {
  if (!Number.isSafeInteger(length) || length < 0) throw new TypeError('length out of range');
  const l = length + 1;
  if (l <= MIN_PADDED_BYTES) return MIN_PADDED_BYTES;
  const e = Math.floor(Math.log2(l));
  const s = Math.floor(Math.log2(e)) + 1;
  const lastBits = e - s;
  const mask = 2 ** lastBits - 1;
  // (l + mask) & ~mask without 32-bit overflow.
  return Math.ceil(l / (mask + 1)) * (mask + 1);
}
