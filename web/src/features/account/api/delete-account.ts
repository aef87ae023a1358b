import { apiPost } from '../../../lib/api';
import type {
  AccountDeletionReceiptPayload,
  DeleteAccountBody,
  DeleteAccountResponse,
} from '../../../lib/api-types';

/** The account's deletion as the page keeps it: the signed file, and what it says. */
export interface DeletedAccount {
  /** The response as received: the file the resident keeps. */
  file: DeleteAccountResponse;
  /** The receipt's payload, decoded for display (the signature is checked by whoever relies on it). */
  payload: AccountDeletionReceiptPayload;
  /** The download's file name. */
  fileName: string;
}

/** Decodes a compact JWS's payload (base64url JSON). */
function decodePayload(jws: string): AccountDeletionReceiptPayload {
  const part = jws.split('.')[1] ?? '';
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as AccountDeletionReceiptPayload;
}

/**
 * `POST /api/account/delete` (GDPR Art. 17): deletes everything of the signed-in resident. The
 * vault answers with its signed receipt and clears the session cookie.
 */
export async function deleteAccount(): Promise<DeletedAccount> {
  const body: DeleteAccountBody = { confirm: 'delete-my-account' };
  const file = await apiPost<DeleteAccountResponse>('/api/account/delete', body);
  const payload = decodePayload(file.receipt);
  return {
    file,
    payload,
    fileName: `account-deletion-receipt-${payload.deletedAt.slice(0, 10)}.json`,
  };
}
