import { WebAuthnError } from '@simplewebauthn/browser';
import { ApiError } from './api';
import type { MessageKey } from './messages.en';
import { isMessageKey } from './translate';
import { VaultError } from './vault/vault-error';

/**
 * The message to show for a failure: one per vault error code and per vault-worker code (the
 * type check fails if a code has no message), one per kind of WebAuthn failure, and a generic
 * fallback.
 */
export function errorMessageKey(error: unknown): MessageKey {
  if (error instanceof ApiError) {
    const key: MessageKey = `errors.${error.code}`;
    return isMessageKey(key) ? key : 'errors.generic';
  }
  if (error instanceof VaultError) return `errors.${error.code}`;
  if (error instanceof WebAuthnError) return webAuthnMessageKey(error.code, error.name);
  if (error instanceof DOMException) return webAuthnMessageKey(undefined, error.name);
  return 'errors.generic';
}

function webAuthnMessageKey(code: string | undefined, name: string): MessageKey {
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError') {
    return 'errors.ERR_PASSKEY_ALREADY_REGISTERED';
  }
  if (code === 'ERROR_CEREMONY_ABORTED' || name === 'NotAllowedError' || name === 'AbortError') {
    return 'errors.webauthnCancelled';
  }
  if (
    code === 'ERROR_INVALID_DOMAIN' ||
    code === 'ERROR_INVALID_RP_ID' ||
    name === 'SecurityError'
  ) {
    return 'errors.webauthnSecurity';
  }
  if (
    code === 'ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT' ||
    code === 'ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT' ||
    code === 'ERROR_AUTHENTICATOR_NO_SUPPORTED_PUBKEYCREDPARAMS_ALG' ||
    name === 'NotSupportedError' ||
    name === 'ConstraintError'
  ) {
    return 'errors.webauthnUnsupported';
  }
  return 'errors.webauthnFailed';
}
