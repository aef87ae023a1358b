import type {
  AddGrantKeysResult,
  CreateGrantResult,
  GrantKeyRecord,
  GrantRecord,
  ReleaseRequest,
  ReleaseResult,
  RevokeGrantResult,
} from '../ports.js';
import type { Sql } from './pg-database.js';

export async function createGrant(
  sql: Sql,
  grant: GrantRecord,
  keys: GrantKeyRecord[],
  now: Date,
): Promise<CreateGrantResult> {
  void [sql, grant, keys, now];
  throw new Error('postgres adapter: createGrant is not built yet');
}

export async function getGrant(sql: Sql, id: string): Promise<GrantRecord | null> {
  void [sql, id];
  throw new Error('postgres adapter: getGrant is not built yet');
}

export async function getGrantByRequest(sql: Sql, requestId: string): Promise<GrantRecord | null> {
  void [sql, requestId];
  throw new Error('postgres adapter: getGrantByRequest is not built yet');
}

export async function listResidentGrants(
  sql: Sql,
  residentId: string,
  limit: number,
): Promise<GrantRecord[]> {
  void [sql, residentId, limit];
  throw new Error('postgres adapter: listResidentGrants is not built yet');
}

export async function listServiceGrants(
  sql: Sql,
  serviceId: string,
  limit: number,
): Promise<GrantRecord[]> {
  void [sql, serviceId, limit];
  throw new Error('postgres adapter: listServiceGrants is not built yet');
}

export async function listGrantKeys(sql: Sql, grantId: string): Promise<GrantKeyRecord[]> {
  void [sql, grantId];
  throw new Error('postgres adapter: listGrantKeys is not built yet');
}

export async function addGrantKeys(
  sql: Sql,
  grantId: string,
  residentId: string,
  keys: GrantKeyRecord[],
  now: Date,
): Promise<AddGrantKeysResult> {
  void [sql, grantId, residentId, keys, now];
  throw new Error('postgres adapter: addGrantKeys is not built yet');
}

export async function revokeGrant(
  sql: Sql,
  id: string,
  residentId: string,
  now: Date,
): Promise<RevokeGrantResult> {
  void [sql, id, residentId, now];
  throw new Error('postgres adapter: revokeGrant is not built yet');
}

export async function releaseGrantedDocument(
  sql: Sql,
  request: ReleaseRequest,
): Promise<ReleaseResult> {
  void [sql, request];
  throw new Error('postgres adapter: releaseGrantedDocument is not built yet');
}

export async function expireGrants(
  sql: Sql,
  now: Date,
  onExpired: (grant: GrantRecord) => Promise<void>,
): Promise<GrantRecord[]> {
  void [sql, now, onExpired];
  throw new Error('postgres adapter: expireGrants is not built yet');
}
