import type { CryptoErrorCode } from '../../../../crypto/src/index.js';

/** Codes of vault failures that are neither a server answer nor a WebAuthn failure. */
export type VaultErrorCode =
  | CryptoErrorCode
  /** The vault was locked (sign-out, idle, lock button, closed tab) while this was running. */
  | 'ERR_VAULT_LOCKED'
  /** The worker that holds the keys stopped or could not start. */
  | 'ERR_VAULT_WORKER'
  /** The authenticator did not evaluate the PRF: this passkey cannot unlock a vault. */
  | 'ERR_PASSKEY_NO_PRF'
  /** The passkey chosen already has a key slot. */
  | 'ERR_PASSKEY_SLOT_EXISTS'
  /** A file that changed or could not be read while it was being uploaded. */
  | 'ERR_FILE_READ';

/**
 * A failure inside the vault worker or around it, carried to the page by its stable `code` only
 * (crypto/ failures keep their code; their detail never leaves the worker).
 */
export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly code: VaultErrorCode;
  constructor(code: VaultErrorCode, message: string = code) {
    super(message);
    this.code = code;
  }
}

/** True for a {@link VaultError}, optionally of one code. */
export function isVaultError(value: unknown, code?: VaultErrorCode): value is VaultError {
  return value instanceof VaultError && (code === undefined || value.code === code);
}
