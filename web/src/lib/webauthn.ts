/**
 * PRF handling around the WebAuthn ceremonies (WebAuthn L3 §10.1.4, the `prf` extension).
 *
 * The PRF output is key material for unlocking the vault in the browser. It must never reach
 * the server, storage or logs: we ask for it with {@link withPrf}, then {@link stripPrf} takes it
 * out of the credential response before the response is sent, and the bytes live only in this
 * module's memory until {@link forgetPrfOutputs}.
 */
import type {
  AuthenticationExtensionsClientInputs,
  AuthenticationExtensionsClientOutputs,
} from '@simplewebauthn/browser';
import { fromBase64url } from '../../../crypto/src/index.js';

/**
 * Returns a copy of WebAuthn options JSON that asks the authenticator to evaluate the PRF on
 * the vault's salt. The salt must be bytes (a `Uint8Array`), not a string: the browser passes
 * `extensions` through as-is.
 */
export function withPrf<T extends { extensions?: AuthenticationExtensionsClientInputs }>(
  optionsJSON: T,
  prfSaltB64url: string,
): T & { extensions: AuthenticationExtensionsClientInputs } {
  const first = fromBase64url(prfSaltB64url);
  if (first.length !== 32) throw new TypeError('PRF salt must be 32 bytes');
  return { ...optionsJSON, extensions: { ...optionsJSON.extensions, prf: { eval: { first } } } };
}

/**
 * Removes `clientExtensionResults.prf` from a credential response, in place, and returns a copy
 * of the PRF output (`results.first`), or `null` when the authenticator gave none. Call it on
 * every response before it is sent anywhere.
 */
export function stripPrf(response: {
  clientExtensionResults: AuthenticationExtensionsClientOutputs;
}): Uint8Array<ArrayBuffer> | null {
  const prf = response.clientExtensionResults.prf;
  delete response.clientExtensionResults.prf;
  const first = prf?.results?.first;
  if (!first) return null;
  const view = ArrayBuffer.isView(first)
    ? new Uint8Array(first.buffer, first.byteOffset, first.byteLength)
    : new Uint8Array(first);
  const copy = view.slice();
  view.fill(0);
  return copy;
}

/** PRF outputs by credential id, for the vault unlock. Memory only, by design. */
const prfOutputs = new Map<string, Uint8Array<ArrayBuffer>>();
let latestCredentialId: string | null = null;

/** Keeps the PRF output of a credential the server has just accepted. */
export function rememberPrfOutput(credentialId: string, output: Uint8Array<ArrayBuffer>): void {
  prfOutputs.get(credentialId)?.fill(0);
  prfOutputs.set(credentialId, output);
  latestCredentialId = credentialId;
}

/** The PRF output of the most recent ceremony, if any; for the vault unlock. */
export function latestPrfOutput(): {
  credentialId: string;
  output: Uint8Array<ArrayBuffer>;
} | null {
  if (latestCredentialId === null) return null;
  const output = prfOutputs.get(latestCredentialId);
  return output ? { credentialId: latestCredentialId, output } : null;
}

/** Wipes every PRF output held in memory (at sign-out). */
export function forgetPrfOutputs(): void {
  for (const output of prfOutputs.values()) output.fill(0);
  prfOutputs.clear();
  latestCredentialId = null;
}
