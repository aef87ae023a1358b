import { CryptoError } from '../errors.js';
import { type Hash, HASH_BYTES, hashEquals } from './hash.js';
import { emptyRoot, nodeHash } from './merkle-hash.js';
import { isPowerOfTwo, isTreeNumber, proofSteps } from './tree-math.js';

/**
 * Checks that the tree of `size2` leaves with root `root2` extends the tree of `size1` leaves with
 * root `root1`: RFC 9162 §2.1.4.2, with the proof length checked up front. Returns nothing on
 * success.
 *
 * - size1 = size2: the proof must be empty and root1 = root2 (byte for byte); for size 0 both
 *   must be SHA-256() as well, the only root an empty tree has.
 * - 0 < size1 < size2: prepend root1 to the proof if size1 is a power of two; fn = size1 − 1,
 *   sn = size2 − 1, shifted right together while LSB(fn) is set; fr = sr = the first hash; per
 *   further hash c, if LSB(fn) is set or fn = sn then fr = HASH(0x01 ‖ c ‖ fr) and
 *   sr = HASH(0x01 ‖ c ‖ sr) (then shift while LSB(fn) is clear and fn ≠ 0), else
 *   sr = HASH(0x01 ‖ sr ‖ c); shift both; finally fr must be root1 and sr root2.
 *
 * Throws {@link CryptoError} `ERR_PROOF_MALFORMED` unless the sizes are safe integers with
 * size1 ≤ size2 and not 0 = size1 < size2 (a proof from the empty tree proves nothing), every
 * proof hash is 32 bytes and the proof has exactly the length the RFC loop consumes; and
 * `ERR_PROOF_INVALID` when the hashes do not lead to both roots. Roots are only compared, never
 * parsed: a root of the wrong length does not match (`ERR_PROOF_INVALID`).
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  if (!isTreeNumber(size1) || !isTreeNumber(size2) || size1 > size2) {
    throw new CryptoError('ERR_PROOF_MALFORMED', 'consistency proof: needs size1 ≤ size2');
  }
  if (proof.some((p) => p.length !== HASH_BYTES)) {
    throw new CryptoError('ERR_PROOF_MALFORMED', 'consistency proof: a hash is not 32 bytes');
  }
  if (size1 === size2) {
    if (proof.length !== 0) {
      throw new CryptoError('ERR_PROOF_MALFORMED', 'consistency proof: must be empty');
    }
    const ok = hashEquals(root1, root2) && (size1 > 0 || hashEquals(root1, emptyRoot()));
    if (!ok) throw new CryptoError('ERR_PROOF_INVALID', 'consistency proof: roots differ');
    return;
  }
  if (size1 === 0) {
    throw new CryptoError('ERR_PROOF_MALFORMED', 'consistency proof: from the empty tree');
  }

  // Step 4 of RFC 9162 §2.1.4.2: skip the levels where the old tree's right edge is complete.
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  const steps = proofSteps(fn, sn);
  // Step 2: if size1 is a power of two, root1 is the first hash of the path, not sent.
  const seeded = isPowerOfTwo(size1);
  const expected = steps.length + (seeded ? 0 : 1);
  if (proof.length !== expected) {
    throw new CryptoError(
      'ERR_PROOF_MALFORMED',
      `consistency proof: ${proof.length} hashes, sizes ${size1} → ${size2} need ${expected}`,
    );
  }
  if (seeded && root1.length !== HASH_BYTES) {
    throw new CryptoError('ERR_PROOF_INVALID', 'consistency proof: root1 is not a hash');
  }
  const path = (seeded ? [root1, ...proof] : proof) as Hash[];
  let fr = path[0]!;
  let sr = path[0]!;
  steps.forEach((siblingOnLeft, i) => {
    const c = path[i + 1]!;
    if (siblingOnLeft) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
    } else {
      sr = nodeHash(sr, c);
    }
  });
  if (!hashEquals(fr, root1) || !hashEquals(sr, root2)) {
    throw new CryptoError('ERR_PROOF_INVALID', 'consistency proof: does not lead to both roots');
  }
}
