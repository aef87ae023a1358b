import type { Audit, LogEntryRecord } from './ports.js';

/**
 * The account part of the storage contract (GDPR Art. 17; issue 6): deleting everything of one
 * resident in one atomic operation. The contract suite is test/storage/account-contract.ts.
 */

/** What {@link AccountStore.deleteAccount} removed, counted before it went. */
export interface AccountDeletionCounts {
  /** Documents, including one whose first upload was still in progress. */
  documents: number;
  /** Document versions, complete or uploading. */
  versions: number;
  /** Ciphertext chunks. */
  chunks: number;
  /** Document keys sealed to the resident (one per complete version). */
  wrappedKeys: number;
  /** Vault key slots (each an encrypted copy of the master key). */
  keySlots: number;
  /** Public keys (X25519 and Ed25519: two for an enrolled resident) and the secret-keys envelope with them. */
  publicKeys: number;
  passkeys: number;
  sessions: number;
  /** Service requests without a grant (pending, refused or withdrawn), deleted. */
  requests: number;
  /** Grants that were still active and ended now. */
  grantsEnded: number;
  /** Document keys that had been sealed to city services, deleted. */
  serviceKeys: number;
  /** eID identities (issuer, subject) that linked the account to a person. */
  eidLinks: number;
}

export type DeleteAccountResult =
  | {
      ok: true;
      deletedAt: Date;
      counts: AccountDeletionCounts;
      /** The `account.deleted` entry appended in the same transaction (null if `audit` gave none). */
      logEntry: LogEntryRecord | null;
      /**
       * False when an adapter that keeps old page images (SQLite's write-ahead log) could not yet
       * overwrite them: the deleted bytes may then survive in its files until its next full
       * checkpoint. The caller reports it to the operator.
       */
      residueCleared: boolean;
    }
  /** No such resident, or one already deleted. */
  | { ok: false; reason: 'not-found' };

export interface AccountStore {
  /**
   * Deletes everything of one resident, all or nothing, in one transaction: every document with
   * every version, ciphertext chunk, wrapped key and metadata envelope (uploads in progress too);
   * the public keys, the secret-keys envelope and every key slot; every passkey, session and
   * WebAuthn challenge; every service request that no grant answers; and the eID identities, name,
   * birthdate, national identifier and `acr` — everything that ties the pseudonymous id to a
   * person. The resident's active grants end (`endReason: 'revoked'`: consent is withdrawn; one
   * already past its expiry ends as 'expired'), and every key sealed to a service for them is
   * deleted; the grants themselves, and the requests they answered, stay as the pseudonymous
   * record of what was consented to. Access-log entries are never touched; the entry from `audit`
   * (`account.deleted`) is appended in the same transaction.
   *
   * Afterwards the resident is unknown: `getResident` and `findResidentByNationalId` return null,
   * and a later eID sign-in with the same identity makes a new resident with a new id.
   *
   * Resolves once the deletion is durable and, for an adapter that keeps old page images of
   * deleted rows (a write-ahead log), once it has overwritten them (`residueCleared`). When a
   * reader keeps it from doing so at once, the adapter keeps trying in the background until it has.
   */
  deleteAccount(
    residentId: string,
    now: Date,
    audit?: Audit<AccountDeletionCounts>,
  ): Promise<DeleteAccountResult>;
}
