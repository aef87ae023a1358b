/**
 * WebAuthn ceremonies whose only purpose is the PRF output that opens a passkey slot (WebAuthn
 * L3 §10.1.4). They run on the page (workers have no `navigator.credentials`); the output goes
 * straight to the vault worker and is wiped here.
 *
 * The assertion of an unlock ceremony is never sent anywhere: the vault does not authenticate
 * anyone with it (the session already did that), so its challenge is made here. What protects the
 * slot is that only the authenticator can compute the PRF output.
 */
import {
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { toBase64url } from '../../../../crypto/src/encoding/base64url.js';
import { apiGet, apiPost } from '../api';
import type {
  PasskeyCreationOptionsResponse,
  PasskeyListResponse,
  PasskeyResponse,
  PasskeyView,
} from '../api-types';
import { forgetPrfOutputs, latestPrfOutput, stripPrf, withPrf } from '../webauthn';
import type { PasskeySecret } from './protocol';
import { VaultError } from './vault-error';

/** How long the browser waits for the resident at the authenticator. */
const CEREMONY_TIMEOUT_MS = 120_000;

/**
 * Asks a passkey to evaluate the PRF on the vault's salt. `credentialIds` limits the choice to
 * those passkeys; empty lets the resident pick any passkey of this site. Throws
 * ERR_PASSKEY_NO_PRF when the authenticator answers without a PRF output.
 */
export async function evaluatePasskeyPrf(
  prfSalt: string,
  credentialIds: readonly string[],
): Promise<PasskeySecret> {
  const challenge = toBase64url(crypto.getRandomValues(new Uint8Array(32)));
  const request: PublicKeyCredentialRequestOptionsJSON = {
    challenge,
    allowCredentials: credentialIds.map((id) => ({ id, type: 'public-key' })),
    userVerification: 'required',
    timeout: CEREMONY_TIMEOUT_MS,
  };
  const optionsJSON = withPrf(request, prfSalt);
  const response = await startAuthentication({ optionsJSON });
  const prfOutput = stripPrf(response);
  if (!prfOutput) throw new VaultError('ERR_PASSKEY_NO_PRF');
  return { credentialId: response.id, prfOutput };
}

/**
 * The credential ids of the signed-in resident's passkeys (`GET /api/passkeys`), for a ceremony
 * that may use any of them: the browser then offers only this account's passkeys, and passkeys
 * that are not discoverable work too.
 */
export async function accountCredentialIds(): Promise<string[]> {
  const { passkeys } = await apiGet<PasskeyListResponse>('/api/passkeys');
  return passkeys.map((p) => p.credentialId);
}

/**
 * Registers a new passkey (`POST /api/passkeys/options` → authenticator → `POST /api/passkeys`)
 * and gets its PRF output: from the creation itself when the authenticator evaluates it then,
 * otherwise from one more ceremony with just that passkey. Resolves the passkey even when it has
 * no PRF (`secret: null`): it still signs in.
 */
export async function registerPasskeyWithPrf(
  name: string,
  prfSalt: string,
): Promise<{ passkey: PasskeyView; secret: PasskeySecret | null; prfError?: unknown }> {
  const { optionsJSON } = await apiPost<PasskeyCreationOptionsResponse>('/api/passkeys/options');
  const response = await startRegistration({ optionsJSON: withPrf(optionsJSON, prfSalt) });
  const created = stripPrf(response);
  const { passkey } = await apiPost<PasskeyResponse>('/api/passkeys', { name, response });
  if (created) return { passkey, secret: { credentialId: response.id, prfOutput: created } };
  try {
    return { passkey, secret: await evaluatePasskeyPrf(prfSalt, [response.id]) };
  } catch (prfError) {
    return { passkey, secret: null, prfError };
  }
}

/** The sign-in's PRF output, if it is there and one of `credentialIds` (any when omitted). */
function signInOutput(credentialIds?: readonly string[]) {
  const latest = latestPrfOutput();
  if (!latest || latest.output.length !== 32) return null;
  if (credentialIds && !credentialIds.includes(latest.credentialId)) return null;
  return latest;
}

/**
 * True when this tab signed in with a passkey that gave a PRF output (one of `credentialIds`,
 * when given): the vault can then be opened or set up without another ceremony.
 */
export function hasSignInPrfOutput(credentialIds?: readonly string[]): boolean {
  return signInOutput(credentialIds) !== null;
}

/**
 * Takes the sign-in's PRF output for the vault worker: returns a copy and wipes every PRF output
 * the page held. Null if there is none (of `credentialIds`).
 */
export function takeSignInPrfOutput(credentialIds?: readonly string[]): PasskeySecret | null {
  const latest = signInOutput(credentialIds);
  const secret = latest
    ? { credentialId: latest.credentialId, prfOutput: latest.output.slice() }
    : null;
  forgetPrfOutputs();
  return secret;
}
