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
  | 'ERR_UNSUPPORTED_FORMAT';

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
