import { startAuthentication } from '@simplewebauthn/browser';
import { apiPost } from '../../lib/api';
import type { MeResponse, PasskeySignInOptionsResponse } from '../../lib/api-types';
import { rememberPrfOutput, stripPrf, withPrf } from '../../lib/webauthn';

/**
 * The passkey sign-in ceremony with a discoverable credential: options → authenticator →
 * verify. The PRF output is taken out of the response before it is sent, and kept in memory
 * only once the server has accepted the assertion.
 */
export async function signInWithPasskey(prfSalt: string): Promise<MeResponse> {
  const { optionsJSON } = await apiPost<PasskeySignInOptionsResponse>('/api/auth/passkey/options');
  const response = await startAuthentication({ optionsJSON: withPrf(optionsJSON, prfSalt) });
  const prfOutput = stripPrf(response);
  const me = await apiPost<MeResponse>('/api/auth/passkey/verify', { response });
  if (prfOutput) rememberPrfOutput(response.id, prfOutput);
  return me;
}
