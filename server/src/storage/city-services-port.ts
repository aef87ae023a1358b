/**
 * The part of the storage contract that concerns city services (DESIGN §6, issue 5): the registry
 * an operator keeps, and the state that service authentication needs to survive a restart and to
 * be shared between vault nodes (single-use assertion ids, access tokens). `VaultStorage` extends
 * it; the contract suite for it is test/storage/city-services-contract.ts.
 */

import type { Audit } from './ports.js';

/** GDPR Art. 6(1) lawful bases, as codes. */
export const LEGAL_BASES = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** A text in every language the vault speaks. */
export interface LocalizedText {
  en: string;
  it: string;
}

/** A purpose a service may state in a request: a stable code and its wording for residents. */
export interface ServicePurpose {
  code: string;
  text: LocalizedText;
}

/** The algorithms a service may sign its client assertions with (one per service, registered). */
export type ServiceAuthAlgorithm = 'EdDSA' | 'ES256';

/** A service's keys: the public JWK it authenticates with, and the X25519 key DKs are sealed to. */
export interface ServiceKeys {
  /** Public JWK (OKP Ed25519 or EC P-256), as registered; never a private member. */
  authJwk: Record<string, string>;
  authAlgorithm: ServiceAuthAlgorithm;
  /** The key id assertions must carry: the JWK's RFC 7638 thumbprint. */
  authKeyId: string;
  /** 32 bytes. */
  x25519PublicKey: Uint8Array;
}

export interface CityServiceRecord extends ServiceKeys {
  /** The OAuth client id, chosen by the operator (lowercase letters, digits, hyphens). */
  id: string;
  name: LocalizedText;
  purposes: ServicePurpose[];
  legalBases: LegalBasis[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** An access token the vault issued to a service; only its SHA-256 is stored. */
export interface ServiceTokenRecord {
  tokenHash: string;
  serviceId: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** Where a request stands. A pending request past its answer-by date is shown as expired. */
export type ServiceRequestStatus = 'pending' | 'approved' | 'refused' | 'withdrawn';

/** A city service's request for a resident's documents (DESIGN §6). */
export interface ServiceRequestRecord {
  id: string;
  serviceId: string;
  residentId: string;
  /** Document categories asked for (the vault's fixed taxonomy). */
  categories: string[];
  /** One of the service's registered purpose codes. */
  purposeCode: string;
  /** One of the service's registered legal bases. */
  legalBasis: LegalBasis;
  /** How long the service says it keeps what it reads, in days. */
  retentionDays: number;
  answerBy: Date;
  status: ServiceRequestStatus;
  createdAt: Date;
  answeredAt: Date | null;
}

export interface CityServicesStore {
  /** Registers a service; 'exists' (and nothing changed) if the id is taken. */
  registerCityService(service: CityServiceRecord): Promise<'registered' | 'exists'>;
  getCityService(id: string): Promise<CityServiceRecord | null>;
  /** Every registered service, enabled or not, by id. */
  listCityServices(): Promise<CityServiceRecord[]>;
  /**
   * Enables or disables a service; false if there is none. Disabling also deletes its access
   * tokens, so it is locked out from its next request on.
   */
  setCityServiceEnabled(id: string, enabled: boolean, now: Date): Promise<boolean>;
  /**
   * Replaces a service's keys; false if there is none. Its access tokens are deleted (they were
   * obtained with the old key).
   */
  rotateCityServiceKeys(id: string, keys: ServiceKeys, now: Date): Promise<boolean>;

  /**
   * Records a client assertion's `jti` for a service until `expiresAt`: true the first time,
   * false if that (service, jti) was already used and has not expired — atomically, so of any
   * number of concurrent calls exactly one is true. Expired records may be dropped on the way.
   */
  useServiceAssertion(serviceId: string, jti: string, expiresAt: Date, now: Date): Promise<boolean>;
  saveServiceToken(token: ServiceTokenRecord): Promise<void>;
  /** The unexpired token with this hash whose service still exists and is enabled; else null. */
  findServiceToken(tokenHash: string, now: Date): Promise<ServiceTokenRecord | null>;
  /** Drops expired assertion ids and tokens; returns how many rows went. */
  purgeExpiredServiceAuth(now: Date): Promise<number>;

  /** Files a request (its log entry, from `audit`, commits with it). */
  createServiceRequest(
    request: ServiceRequestRecord,
    audit?: Audit<ServiceRequestRecord>,
  ): Promise<ServiceRequestRecord>;
  /** A request by id, whoever asks: callers check that it is the asker's own. */
  getServiceRequest(id: string): Promise<ServiceRequestRecord | null>;
  /** A resident's requests, newest first. */
  listResidentRequests(residentId: string, limit: number): Promise<ServiceRequestRecord[]>;
  /**
   * Records a resident's refusal of their own pending request (not yet past its answer-by date).
   * 'not-found' also for another resident's request.
   */
  refuseServiceRequest(
    id: string,
    residentId: string,
    now: Date,
    audit?: Audit<'refused' | 'not-found' | 'not-pending'>,
  ): Promise<'refused' | 'not-found' | 'not-pending'>;
}
