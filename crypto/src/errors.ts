/** Stable codes of the failures crypto/ reports. */
export type CryptoErrorCode =
  /** Any failed decryption or authentication: one opaque code, whatever the cause (STYLE §6). */
  | 'ERR_DECRYPT_FAILED'
  /** A key slot could not be opened with the secret given (wrong passkey, passphrase or kit). */
  | 'ERR_SLOT_OPEN_FAILED'
  /** A passphrase slot's Argon2id parameters are below the client's floor (or absurdly high). */
  | 'ERR_WEAK_KDF_PARAMS'
  /** A recovery code that is not well formed (typo, wrong length, bad check characters). */
  | 'ERR_RECOVERY_CODE_INVALID'
  /** An envelope of a format version or type this build does not know. */
  | 'ERR_UNSUPPORTED_FORMAT'
  /**
   * Access log (docs/access-log.md): a Merkle proof that cannot be right whatever its hashes say:
   * an index or tree size out of range, a proof of the wrong number of hashes, a leaf or proof
   * hash that is not 32 bytes.
   */
  | 'ERR_PROOF_MALFORMED'
  /** Access log: a well-formed Merkle proof whose hashes do not lead to the root(s) given. */
  | 'ERR_PROOF_INVALID'
  /** Access log: a signed note that breaks the C2SP signed-note format or its limits. */
  | 'ERR_NOTE_MALFORMED'
  /** Access log: a signed note with no valid signature by any of the keys the caller trusts. */
  | 'ERR_NOTE_UNVERIFIED'
  /** Access log: a signed note with a signature by a trusted key that does not verify. */
  | 'ERR_NOTE_SIGNATURE_INVALID'
  /** Access log: a note verifier key or signer key string that is not well formed. */
  | 'ERR_NOTE_KEY_MALFORMED'
  /** Access log: a checkpoint text that breaks the C2SP tlog-checkpoint format. */
  | 'ERR_CHECKPOINT_MALFORMED'
  /** Access log: a checkpoint signed correctly but for another log (its origin line differs). */
  | 'ERR_CHECKPOINT_WRONG_ORIGIN'
  /** Access log: a tile path that is not the one canonical C2SP tlog-tiles path of a tile. */
  | 'ERR_TILE_PATH_MALFORMED'
  /** Consent receipt: a compact JWS that is malformed, not EdDSA, or whose signature fails. */
  | 'ERR_JWS_INVALID'
  /** Export archive: a file or the whole archive would need Zip64 (4 GiB or 65,535 files). */
  | 'ERR_ARCHIVE_TOO_LARGE'
  /** Export archive: not a ZIP archive this reader can check (damaged, compressed, Zip64…). */
  | 'ERR_ARCHIVE_INVALID'
  /** Export archive: an entry whose bytes do not match its CRC-32 (changed or damaged). */
  | 'ERR_ARCHIVE_CHECKSUM';

/**
 * The one error family of crypto/. Messages are for developers; callers act on `code`. Decryption
 * failures never say which check failed.
 */
export class CryptoError extends Error {
  readonly code: CryptoErrorCode;
  constructor(code: CryptoErrorCode, message: string = code) {
    super(message);
    this.name = 'CryptoError';
    this.code = code;
  }
}

/** Type guard for {@link CryptoError}, optionally of one code. */
export function isCryptoError(value: unknown, code?: CryptoErrorCode): value is CryptoError {
  return value instanceof CryptoError && (code === undefined || value.code === code);
}
