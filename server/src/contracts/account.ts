import { z } from 'zod';

/**
 * Wire contract of deleting one's account (GDPR Art. 17; issue 6): the request, and the signed
 * deletion receipt the resident keeps. docs/api.md and docs/crypto.md (deletion receipts).
 */

/** What the resident confirms with: a fixed phrase, sent once they typed the word the page asks for. */
export const ACCOUNT_DELETION_CONFIRMATION = 'delete-my-account';

/** `POST /api/account/delete`. */
export const deleteAccountBody = z.strictObject({
  confirm: z.literal(ACCOUNT_DELETION_CONFIRMATION),
});
export type DeleteAccountBody = z.infer<typeof deleteAccountBody>;

/**
 * How recent the session's sign-in must be for a deletion (minutes): an unattended signed-in
 * browser cannot delete the account; the resident signs in again first.
 */
export const RECENT_SIGN_IN_MINUTES = 10;

/** The `typ` header of a deletion receipt. */
export const DELETION_RECEIPT_TYP = 'account-deletion-receipt+jwt';

/** `version` of every {@link AccountDeletionReceiptPayload} this vault signs. */
export const DELETION_RECEIPT_VERSION = 'cv-deletion-receipt/1';

/** What was deleted, counted (the storage port's AccountDeletionCounts). */
export interface AccountDeletionCountsView {
  documents: number;
  versions: number;
  chunks: number;
  wrappedKeys: number;
  keySlots: number;
  publicKeys: number;
  passkeys: number;
  sessions: number;
  requests: number;
  grantsEnded: number;
  serviceKeys: number;
  eidLinks: number;
}

/**
 * The payload of a deletion receipt (compact JWS, EdDSA, `typ: "account-deletion-receipt+jwt"`,
 * `kid` = the receipt key's RFC 7638 thumbprint), signed by the vault's receipt key.
 */
export interface AccountDeletionReceiptPayload {
  version: typeof DELETION_RECEIPT_VERSION;
  /** The vault's public origin: who deleted. */
  iss: string;
  /** The resident's pseudonymous id in this vault. */
  sub: string;
  /** Seconds since the epoch when the receipt was signed. */
  iat: number;
  /** ISO 8601 time the deletion committed. */
  deletedAt: string;
  deleted: AccountDeletionCountsView;
  /**
   * The `account.deleted` entry in the access log: its leaf index, and its leaf hash (standard
   * base64 of SHA-256(0x00 ‖ leaf), RFC 6962 §2.1), so that its inclusion can be checked against
   * the public tiles and any later checkpoint.
   */
  log: { origin: string; index: number; leafHash: string };
}

/** `POST /api/account/delete` answers this; it is also the file the resident keeps. */
export interface DeleteAccountResponse {
  /** The deletion receipt (compact JWS, EdDSA). */
  receipt: string;
  /** The vault's receipt-signing public key, as a JWK (also at `GET /receipt-keys`). */
  vaultKey: Record<string, string>;
}

/** `GET /receipt-keys`: the vault's receipt-signing public key(s), a JWK Set (RFC 7517 §5). */
export interface ReceiptKeysResponse {
  keys: Record<string, string>[];
}
