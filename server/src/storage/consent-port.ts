import type { LegalBasis } from './city-services-port.js';
import type { Audit, DocumentRecord, DocumentVersionRecord } from './ports.js';

/**
 * The consent part of the storage contract (DESIGN §1 promises 2 and 4, §6; issue 5): grants a
 * resident makes in answer to a service's request, the document keys sealed to the service, and
 * the key release that a service's read is — one transaction with its log entry. The contract
 * suite is test/storage/consent-contract.ts.
 */

/** Why a grant ended. */
export type GrantEndReason = 'revoked' | 'expired';

export interface GrantRecord {
  id: string;
  /** The request it answered. */
  requestId: string;
  serviceId: string;
  residentId: string;
  purposeCode: string;
  legalBasis: LegalBasis;
  /** The categories the grant covers (a subset of the request's). */
  categories: string[];
  /**
   * Standing consent: documents the resident adds later in these categories are sealed to the
   * service the next time their browser is unlocked (until `expiresAt`).
   */
  standing: boolean;
  expiresAt: Date;
  createdAt: Date;
  /** The consent receipt as the resident's browser signed it (compact JWS, EdDSA). */
  receipt: string;
  /** The vault's countersignature over the receipt (compact JWS, EdDSA). */
  countersignature: string;
  endedAt: Date | null;
  endReason: GrantEndReason | null;
}

/** A document key sealed to the service, for one version of one document. */
export interface GrantKeyRecord {
  documentId: string;
  version: number;
  /** crypto_box_seal of the document key to the service's X25519 public key. */
  wrappedKey: Uint8Array;
}

export type CreateGrantResult =
  | { ok: true; grant: GrantRecord }
  | {
      ok: false;
      /**
       * not-found: no such request of this resident; not-pending: answered, withdrawn or past its
       * answer-by date; document-not-found: a key names a document (version) the resident does not
       * have; category-not-granted: a key's document is outside the granted categories; id-taken:
       * a grant with this id exists already (ids are chosen by the resident's browser).
       */
      reason:
        'not-found' | 'not-pending' | 'document-not-found' | 'category-not-granted' | 'id-taken';
    };

export type RevokeGrantResult = 'revoked' | 'not-found' | 'not-active';

export type AddGrantKeysResult =
  | 'added'
  | 'not-found'
  | 'not-active'
  | 'not-standing'
  | 'document-not-found'
  | 'category-not-granted';

/** What a service asks for when it reads a document. */
export interface ReleaseRequest {
  serviceId: string;
  grantId: string;
  documentId: string;
  /** The purpose the service states for this read. */
  purposeCode: string;
  now: Date;
}

export type ReleaseResult =
  | {
      ok: true;
      grant: GrantRecord;
      document: DocumentRecord;
      /** The granted version (its header and metadata; its chunks are read after this). */
      version: DocumentVersionRecord;
      /** The document key sealed to the service. */
      wrappedKey: Uint8Array;
    }
  | {
      ok: false;
      /**
       * not-found: no such grant for this service; ended: revoked or expired; purpose: the stated
       * purpose is not the grant's; not-covered: the document is not in the grant (or has no key
       * sealed for the service yet); service-disabled.
       */
      reason: 'not-found' | 'ended' | 'purpose' | 'not-covered' | 'service-disabled';
      /** The grant, when one was found (for the denial's log entry). */
      grant: GrantRecord | null;
    };

export interface ConsentStore {
  /**
   * Approves a resident's own pending request: stores the grant and the sealed keys and marks the
   * request approved, with the log entry from `audit` — all or nothing.
   */
  createGrant(
    grant: GrantRecord,
    keys: GrantKeyRecord[],
    now: Date,
    audit?: Audit<CreateGrantResult>,
  ): Promise<CreateGrantResult>;
  getGrant(id: string): Promise<GrantRecord | null>;
  /** The grant that answered a request, if it was approved. */
  getGrantByRequest(requestId: string): Promise<GrantRecord | null>;
  /** A resident's grants, newest first (ended ones too). */
  listResidentGrants(residentId: string, limit: number): Promise<GrantRecord[]>;
  /** A service's grants, newest first (ended ones too). */
  listServiceGrants(serviceId: string, limit: number): Promise<GrantRecord[]>;
  /** The keys sealed for a grant (empty once it ended). */
  listGrantKeys(grantId: string): Promise<GrantKeyRecord[]>;
  /**
   * Seals more documents to an active standing grant of the resident's (new documents, new
   * versions: a key for the same document replaces the older one).
   */
  addGrantKeys(
    grantId: string,
    residentId: string,
    keys: GrantKeyRecord[],
    now: Date,
    audit?: Audit<AddGrantKeysResult>,
  ): Promise<AddGrantKeysResult>;
  /** Ends the resident's own active grant and deletes every key sealed for it, at once. */
  revokeGrant(
    id: string,
    residentId: string,
    now: Date,
    audit?: Audit<RevokeGrantResult>,
  ): Promise<RevokeGrantResult>;
  /**
   * Ends every grant past its expiry (deleting its keys) and returns them; `audit` runs once per
   * grant, in the same transaction.
   */
  expireGrants(now: Date, audit?: Audit<GrantRecord>): Promise<GrantRecord[]>;
  /**
   * A service's read: checks the service is enabled, the grant is its own and active at `now`,
   * the purpose is the grant's and the document has a key sealed for the grant; then appends the
   * log entry from `audit` and returns the key — in one transaction, serialized with revocation,
   * so no key is released after a revocation has committed. `audit` runs for refusals too, so a
   * denial's log entry commits the same way (it returns null for what concerns no resident, e.g.
   * another service's grant id); a refusal changes nothing else.
   */
  releaseGrantedDocument(
    request: ReleaseRequest,
    audit?: Audit<ReleaseResult>,
  ): Promise<ReleaseResult>;
}
