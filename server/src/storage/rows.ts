/**
 * The rows of the schema both adapters share (SQLite's migrations and PostgreSQL's mirror them:
 * the same tables and columns, times in milliseconds, flags 0/1, JSON as text, binary values as
 * Buffers) and how each becomes the record the storage port returns: one definition for both.
 */
import type {
  CityServiceRecord,
  DocumentVersionRecord,
  GrantEndReason,
  GrantRecord,
  KeySlotKind,
  KeySlotRecord,
  LegalBasis,
  LogActorKind,
  LogCheckpointRecord,
  LogEntryRecord,
  PasskeyRecord,
  ResidentRecord,
  ServicePurpose,
  ServiceRequestRecord,
  ServiceRequestStatus,
  SessionRecord,
  SignInMethod,
  UploadRecord,
} from './ports.js';

export interface ResidentRow {
  id: string;
  display_name: string;
  birthdate: string | null;
  national_id: string | null;
  acr: string | null;
  created_at: number;
}

export interface SessionRow {
  id_hash: string;
  public_id: string;
  resident_id: string;
  method: string;
  user_agent: string;
  created_at: number;
  last_seen_at: number;
  absolute_expires_at: number;
}

export interface TxRow {
  id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  created_at: number;
  expires_at: number;
}

export interface ChallengeRow {
  challenge: string;
  purpose: string;
  resident_id: string | null;
  created_at: number;
  expires_at: number;
}

export interface PasskeyRow {
  id: string;
  resident_id: string;
  credential_id: string;
  public_key: Buffer;
  counter: number;
  transports: string;
  name: string;
  backed_up: number;
  created_at: number;
  last_used_at: number | null;
}

export const toResident = (r: ResidentRow): ResidentRecord => ({
  id: r.id,
  displayName: r.display_name,
  birthdate: r.birthdate,
  nationalId: r.national_id,
  acr: r.acr,
  createdAt: new Date(r.created_at),
});

export const toSession = (r: SessionRow): SessionRecord => ({
  idHash: r.id_hash,
  publicId: r.public_id,
  residentId: r.resident_id,
  method: r.method as SignInMethod,
  userAgent: r.user_agent,
  createdAt: new Date(r.created_at),
  lastSeenAt: new Date(r.last_seen_at),
  absoluteExpiresAt: new Date(r.absolute_expires_at),
});

export const toPasskey = (r: PasskeyRow): PasskeyRecord => ({
  id: r.id,
  residentId: r.resident_id,
  credentialId: r.credential_id,
  publicKey: new Uint8Array(r.public_key),
  counter: r.counter,
  transports: JSON.parse(r.transports) as string[],
  name: r.name,
  backedUp: r.backed_up === 1,
  createdAt: new Date(r.created_at),
  lastUsedAt: r.last_used_at === null ? null : new Date(r.last_used_at),
});

export interface ServiceRow {
  id: string;
  name_en: string;
  name_it: string;
  purposes: string;
  legal_bases: string;
  auth_jwk: string;
  auth_algorithm: string;
  auth_key_id: string;
  x25519_public_key: Buffer;
  enabled: number;
  created_at: number;
  updated_at: number;
}

export const SERVICE_COLUMNS = `id, name_en, name_it, purposes, legal_bases, auth_jwk, auth_algorithm,
  auth_key_id, x25519_public_key, enabled, created_at, updated_at`;

export const toService = (r: ServiceRow): CityServiceRecord => ({
  id: r.id,
  name: { en: r.name_en, it: r.name_it },
  purposes: JSON.parse(r.purposes) as ServicePurpose[],
  legalBases: JSON.parse(r.legal_bases) as LegalBasis[],
  authJwk: JSON.parse(r.auth_jwk) as Record<string, string>,
  authAlgorithm: r.auth_algorithm as CityServiceRecord['authAlgorithm'],
  authKeyId: r.auth_key_id,
  x25519PublicKey: new Uint8Array(r.x25519_public_key),
  enabled: r.enabled === 1,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

export interface RequestRow {
  id: string;
  service_id: string;
  resident_id: string;
  categories: string;
  purpose_code: string;
  legal_basis: string;
  retention_days: number;
  answer_by: number;
  status: string;
  created_at: number;
  answered_at: number | null;
}

export const REQUEST_COLUMNS = `id, service_id, resident_id, categories, purpose_code, legal_basis,
  retention_days, answer_by, status, created_at, answered_at`;

export const toRequest = (r: RequestRow): ServiceRequestRecord => ({
  id: r.id,
  serviceId: r.service_id,
  residentId: r.resident_id,
  categories: JSON.parse(r.categories) as string[],
  purposeCode: r.purpose_code,
  legalBasis: r.legal_basis as LegalBasis,
  retentionDays: r.retention_days,
  answerBy: new Date(r.answer_by),
  status: r.status as ServiceRequestStatus,
  createdAt: new Date(r.created_at),
  answeredAt: r.answered_at === null ? null : new Date(r.answered_at),
});

export interface GrantRow {
  id: string;
  request_id: string;
  service_id: string;
  resident_id: string;
  purpose_code: string;
  legal_basis: string;
  categories: string;
  standing: number;
  expires_at: number;
  created_at: number;
  receipt: string;
  countersignature: string;
  ended_at: number | null;
  end_reason: string | null;
}

export const GRANT_COLUMNS = `id, request_id, service_id, resident_id, purpose_code, legal_basis,
  categories, standing, expires_at, created_at, receipt, countersignature, ended_at, end_reason`;

export const toGrant = (r: GrantRow): GrantRecord => ({
  id: r.id,
  requestId: r.request_id,
  serviceId: r.service_id,
  residentId: r.resident_id,
  purposeCode: r.purpose_code,
  legalBasis: r.legal_basis as LegalBasis,
  categories: JSON.parse(r.categories) as string[],
  standing: r.standing === 1,
  expiresAt: new Date(r.expires_at),
  createdAt: new Date(r.created_at),
  receipt: r.receipt,
  countersignature: r.countersignature,
  endedAt: r.ended_at === null ? null : new Date(r.ended_at),
  endReason: r.end_reason as GrantEndReason | null,
});

export interface EntryRow {
  idx: number;
  resident_id: string;
  at: number;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  document_id: string | null;
  leaf: Buffer;
}

export interface CheckpointRow {
  size: number;
  root: Buffer;
  note: string;
  created_at: number;
}

export const toEntry = (r: EntryRow): LogEntryRecord => ({
  index: r.idx,
  residentId: r.resident_id,
  at: new Date(r.at),
  actorKind: r.actor_kind as LogActorKind,
  actorId: r.actor_id,
  action: r.action,
  documentId: r.document_id,
  leaf: new Uint8Array(r.leaf),
});

export const toCheckpoint = (r: CheckpointRow): LogCheckpointRecord => ({
  size: r.size,
  rootHash: new Uint8Array(r.root),
  note: r.note,
  createdAt: new Date(r.created_at),
});

export interface KeySlotRow {
  id: string;
  resident_id: string;
  kind: string;
  credential_id: string | null;
  envelope: Buffer;
  created_at: number;
}

export const toSlot = (r: KeySlotRow): KeySlotRecord => ({
  id: r.id,
  residentId: r.resident_id,
  kind: r.kind as KeySlotKind,
  credentialId: r.credential_id,
  envelope: new Uint8Array(r.envelope),
  createdAt: new Date(r.created_at),
});

export interface UploadRow {
  upload_id: string;
  owner_id: string;
  document_id: string;
  version: number;
  size: number;
  chunk_count: number;
  chunks_received: number;
  bytes_received: number;
  created_at: number;
  expires_at: number;
}

export interface VersionRow {
  document_id: string;
  version: number;
  size: number;
  chunk_count: number;
  header: Buffer;
  wrapped_key: Buffer;
  metadata: Buffer;
  completed_at: number;
}

export const UPLOAD_COLUMNS = `v.upload_id, d.owner_id, v.document_id, v.version, v.size, v.chunk_count,
  v.chunks_received, v.bytes_received, v.created_at, v.expires_at`;

export const VERSION_COLUMNS = `v.document_id, v.version, v.size, v.chunk_count, v.header, v.wrapped_key,
  v.metadata, v.completed_at`;

export const toUpload = (r: UploadRow): UploadRecord => ({
  uploadId: r.upload_id,
  residentId: r.owner_id,
  documentId: r.document_id,
  version: r.version,
  size: r.size,
  chunkCount: r.chunk_count,
  chunksReceived: r.chunks_received,
  bytesReceived: r.bytes_received,
  createdAt: new Date(r.created_at),
  expiresAt: new Date(r.expires_at),
});

export const toVersion = (r: VersionRow): DocumentVersionRecord => ({
  documentId: r.document_id,
  version: r.version,
  size: r.size,
  chunkCount: r.chunk_count,
  header: new Uint8Array(r.header),
  wrappedKey: new Uint8Array(r.wrapped_key),
  metadata: new Uint8Array(r.metadata),
  createdAt: new Date(r.completed_at),
});
