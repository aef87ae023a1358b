/**
 * RFC 6962 §2.1 (= RFC 9162 §2.1.1) Merkle tree hashing with SHA-256, the domain separation that
 * keeps a leaf from ever being read as an interior node: a leaf is hashed behind a 0x00 byte, a
 * node behind a 0x01 byte.
 */
import { concatBytes } from '../lib/bytes.js';
import { sodium } from '../sodium.js';
import { type Hash, HASH_BYTES } from './hash.js';

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** SHA-256 through libsodium's `crypto_hash_sha256`. */
export function sha256(bytes: Uint8Array): Hash {
  return sodium().crypto_hash_sha256(bytes) as Hash;
}

/** The hash of a log entry: SHA-256(0x00 ‖ entry). Any length of entry, including none. */
export function leafHash(entry: Uint8Array): Hash {
  return sha256(concatBytes(LEAF_PREFIX, entry));
}

/**
 * The hash of an interior node: SHA-256(0x01 ‖ left ‖ right). Throws `TypeError` unless both
 * children are 32 bytes.
 */
export function nodeHash(left: Hash, right: Hash): Hash {
  if (left.length !== HASH_BYTES || right.length !== HASH_BYTES) {
    throw new TypeError(`node children must be ${HASH_BYTES}-byte hashes`);
  }
  return sha256(concatBytes(NODE_PREFIX, left, right));
}

/** The root of the empty tree: SHA-256 of the empty string (RFC 6962 §2.1, MTH({})). */
export function emptyRoot(): Hash {
  return sha256(new Uint8Array(0));
}
