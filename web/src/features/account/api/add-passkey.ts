import { startRegistration } from '@simplewebauthn/browser';
import { apiPost } from '../../../lib/api';
import type {
  PasskeyCreationOptionsResponse,
  PasskeyResponse,
  PasskeyView,
} from '../../../lib/api-types';
import { rememberPrfOutput, stripPrf, withPrf } from '../../../lib/webauthn';

/**
 * The registration ceremony for one more passkey: options → authenticator → `POST
 * /api/passkeys`. The PRF output (when the authenticator evaluates it at creation) never
 * leaves the browser; it is kept in memory once the server has accepted the passkey.
 */
export async function addPasskey(name: string, prfSalt: string): Promise<PasskeyView> {
  const { optionsJSON } = await apiPost<PasskeyCreationOptionsResponse>('/api/passkeys/options');
  const response = await startRegistration({ optionsJSON: withPrf(optionsJSON, prfSalt) });
  const prfOutput = stripPrf(response);
  const { passkey } = await apiPost<PasskeyResponse>('/api/passkeys', { name, response });
  if (prfOutput) rememberPrfOutput(response.id, prfOutput);
  return passkey;
}
