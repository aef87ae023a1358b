import { CryptoError } from '../errors.js';
import { type Hash, HASH_BYTES, hashEquals } from './hash.js';
import { nodeHash } from './merkle-hash.js';
import { isTreeNumber, proofSteps } from './tree-math.js';

/**
 * The root that an inclusion proof leads to: steps 1–4 of RFC 9162 §2.1.3.2 (fn = index,
 * sn = size − 1, r = leafHash; per proof hash p, r = HASH(0x01 ‖ p ‖ r) if LSB(fn) is set or
 * fn = sn, else r = HASH(0x01 ‖ r ‖ p); shift both), with the proof length checked up front.
 *
 * Throws {@link CryptoError} `ERR_PROOF_MALFORMED` unless `index` and `size` are safe integers
 * with 0 ≤ index < size, the leaf hash and every proof hash are 32 bytes, and the proof has
 * exactly as many hashes as the RFC loop consumes for this index and size.
 */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Hash {
  if (!isTreeNumber(index) || !isTreeNumber(size) || index >= size) {
    throw new CryptoError('ERR_PROOF_MALFORMED', 'inclusion proof: needs 0 ≤ index < size');
  }
  if (leafHash.length !== HASH_BYTES) {
    throw new CryptoError('ERR_PROOF_MALFORMED', 'inclusion proof: leaf hash is not 32 bytes');
  }
  if (proof.some((p) => p.length !== HASH_BYTES)) {
    throw new CryptoError('ERR_PROOF_MALFORMED', 'inclusion proof: a hash is not 32 bytes');
  }
  const steps = proofSteps(index, size - 1);
  if (proof.length !== steps.length) {
    throw new CryptoError(
      'ERR_PROOF_MALFORMED',
      `inclusion proof: ${proof.length} hashes, index ${index} in size ${size} needs ${steps.length}`,
    );
  }
  let r = leafHash as Hash;
  steps.forEach((siblingOnLeft, i) => {
    const p = proof[i] as Hash;
    r = siblingOnLeft ? nodeHash(p, r) : nodeHash(r, p);
  });
  return r;
}

/**
 * Checks that `leafHash` is the leaf at `index` of the tree of `size` leaves whose root is `root`
 * (RFC 9162 §2.1.3.2). Returns nothing on success.
 *
 * Throws {@link CryptoError} `ERR_PROOF_MALFORMED` for a proof that cannot be right whatever its
 * hashes (see {@link rootFromInclusionProof}), and `ERR_PROOF_INVALID` when the proof leads to
 * another root. `root` is only compared, never parsed: a root of the wrong length is a root that
 * does not match (`ERR_PROOF_INVALID`).
 */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  if (!hashEquals(computed, root)) {
    throw new CryptoError('ERR_PROOF_INVALID', 'inclusion proof: leads to another root');
  }
}
