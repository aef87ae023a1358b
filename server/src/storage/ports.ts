/**
 * The storage contract (DESIGN §8, STYLE §10). Every adapter implements {@link VaultStorage} and
 * passes the one contract suite in `test/storage/`. Rules every adapter keeps:
 *
 * - Methods are async; each atomic multi-row operation is ONE method, so an adapter can run it in
 *   one transaction (the SQLite adapter never holds a transaction across an `await`).
 * - `take*` methods consume a one-time value atomically: of any number of concurrent callers, at
 *   most one gets the record. Expired records are never returned.
 * - Times are `Date`s in and out; ids are opaque strings made by the caller or the adapter as noted.
 * - Records returned are fresh objects: mutating one never changes storage.
 */

/** A resident of the city, as the vault knows them. */
export interface ResidentRecord {
  id: string;
  displayName: string;
  birthdate: string | null;
  nationalId: string | null;
  /** Level of assurance (`acr`) of the last eID sign-in. */
  acr: string | null;
  createdAt: Date;
}

/** What an eID sign-in tells the vault about a resident. Residents are keyed by (issuer, subject). */
export interface EidIdentityInput {
  issuer: string;
  subject: string;
  nationalId: string | null;
  displayName: string;
  birthdate: string | null;
  acr: string | null;
}

export type SignInMethod = 'eid' | 'passkey';

/** A server-side session. The cookie holds a secret whose keyed hash is `idHash`. */
export interface SessionRecord {
  idHash: string;
  /** A public handle for listing and ending sessions; never the cookie value. */
  publicId: string;
  residentId: string;
  method: SignInMethod;
  userAgent: string;
  createdAt: Date;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
}

/** A pending eID sign-in: created at the redirect to the provider, consumed at the callback. */
export interface OidcTransactionRecord {
  id: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  createdAt: Date;
  expiresAt: Date;
}

export type ChallengePurpose = 'passkey.register' | 'passkey.sign-in';

/** A WebAuthn challenge, stored server-side and consumed exactly once. */
export interface ChallengeRecord {
  challenge: string;
  purpose: ChallengePurpose;
  /** The resident a registration challenge was issued to; null for sign-in. */
  residentId: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** A registered passkey (WebAuthn credential). */
export interface PasskeyRecord {
  id: string;
  residentId: string;
  /** base64url credential id. */
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  name: string;
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type RemovePasskeyResult = 'removed' | 'not-found' | 'last-sign-in-method';

export interface VaultStorage {
  /** Adapter name for logs, e.g. "sqlite". */
  readonly adapter: string;

  /** Resolves when the store answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  /** Releases connections. Idempotent. */
  close(): Promise<void>;

  // --- residents -------------------------------------------------------------------------------
  /**
   * Finds the resident linked to (issuer, subject) or creates one, and records the latest name,
   * national identifier and `acr`. Atomic.
   */
  upsertResidentFromEid(input: EidIdentityInput, now: Date): Promise<ResidentRecord>;
  getResident(id: string): Promise<ResidentRecord | null>;

  // --- sessions --------------------------------------------------------------------------------
  /**
   * Creates a session and, atomically, deletes the session it replaces (`replacesIdHash`, the
   * browser's previous session, if any): a fresh session id at every sign-in.
   */
  createSession(session: SessionRecord, replacesIdHash?: string): Promise<void>;
  /** The session with this hash, if it exists. Expiry is the caller's policy. */
  findSession(idHash: string): Promise<SessionRecord | null>;
  touchSession(idHash: string, lastSeenAt: Date): Promise<void>;
  deleteSession(idHash: string): Promise<boolean>;
  /** Ends one of a resident's sessions by its public id; false if no such session of theirs. */
  deleteSessionByPublicId(residentId: string, publicId: string): Promise<boolean>;
  /** Ends every session of the resident but `keepIdHash`; returns how many ended. */
  deleteOtherSessions(residentId: string, keepIdHash: string): Promise<number>;
  /** The resident's sessions, most recently seen first. */
  listSessions(residentId: string): Promise<SessionRecord[]>;
  /** Deletes sessions idle since before `idleBefore` or past their absolute expiry. */
  purgeExpiredSessions(now: Date, idleBefore: Date): Promise<number>;

  // --- eID transactions ------------------------------------------------------------------------
  saveOidcTransaction(tx: OidcTransactionRecord): Promise<void>;
  /** Consumes the transaction atomically; null if absent, already taken or expired. */
  takeOidcTransaction(id: string, now: Date): Promise<OidcTransactionRecord | null>;

  // --- WebAuthn challenges ---------------------------------------------------------------------
  saveChallenge(challenge: ChallengeRecord): Promise<void>;
  /** Consumes the challenge atomically; null if absent, already taken, of another purpose, or expired. */
  takeChallenge(
    challenge: string,
    purpose: ChallengePurpose,
    now: Date,
  ): Promise<ChallengeRecord | null>;

  // --- passkeys --------------------------------------------------------------------------------
  /** Adds a passkey; false if a passkey with this credential id already exists (any resident). */
  addPasskey(passkey: PasskeyRecord): Promise<boolean>;
  findPasskeyByCredentialId(credentialId: string): Promise<PasskeyRecord | null>;
  listPasskeys(residentId: string): Promise<PasskeyRecord[]>;
  /**
   * Records a successful use: sets the counter to `newCounter` and `lastUsedAt`, but only if the
   * stored counter still equals `expectedCounter` (compare-and-set). False if it changed meanwhile.
   */
  recordPasskeyUse(
    id: string,
    expectedCounter: number,
    newCounter: number,
    usedAt: Date,
  ): Promise<boolean>;
  renamePasskey(residentId: string, id: string, name: string): Promise<PasskeyRecord | null>;
  /**
   * Removes a resident's passkey unless it is their last way to sign in (no other passkey and no
   * linked eID identity). Atomic.
   */
  removePasskey(residentId: string, id: string): Promise<RemovePasskeyResult>;
}
