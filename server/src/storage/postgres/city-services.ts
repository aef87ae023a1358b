import type {
  CityServiceRecord,
  ServiceKeys,
  ServiceRequestRecord,
  ServiceTokenRecord,
} from '../ports.js';
import type { Sql } from './pg-database.js';

export async function registerCityService(
  sql: Sql,
  service: CityServiceRecord,
): Promise<'registered' | 'exists'> {
  void [sql, service];
  throw new Error('postgres adapter: registerCityService is not built yet');
}

export async function getCityService(sql: Sql, id: string): Promise<CityServiceRecord | null> {
  void [sql, id];
  throw new Error('postgres adapter: getCityService is not built yet');
}

export async function listCityServices(sql: Sql): Promise<CityServiceRecord[]> {
  void [sql];
  throw new Error('postgres adapter: listCityServices is not built yet');
}

export async function setCityServiceEnabled(
  sql: Sql,
  id: string,
  enabled: boolean,
  now: Date,
): Promise<boolean> {
  void [sql, id, enabled, now];
  throw new Error('postgres adapter: setCityServiceEnabled is not built yet');
}

export async function rotateCityServiceKeys(
  sql: Sql,
  id: string,
  keys: ServiceKeys,
  now: Date,
): Promise<boolean> {
  void [sql, id, keys, now];
  throw new Error('postgres adapter: rotateCityServiceKeys is not built yet');
}

export async function useServiceAssertion(
  sql: Sql,
  serviceId: string,
  jti: string,
  expiresAt: Date,
  now: Date,
): Promise<boolean> {
  void [sql, serviceId, jti, expiresAt, now];
  throw new Error('postgres adapter: useServiceAssertion is not built yet');
}

export async function saveServiceToken(sql: Sql, token: ServiceTokenRecord): Promise<void> {
  void [sql, token];
  throw new Error('postgres adapter: saveServiceToken is not built yet');
}

export async function findServiceToken(
  sql: Sql,
  tokenHash: string,
  now: Date,
): Promise<ServiceTokenRecord | null> {
  void [sql, tokenHash, now];
  throw new Error('postgres adapter: findServiceToken is not built yet');
}

export async function purgeExpiredServiceAuth(sql: Sql, now: Date): Promise<number> {
  void [sql, now];
  throw new Error('postgres adapter: purgeExpiredServiceAuth is not built yet');
}

export async function createServiceRequest(
  sql: Sql,
  request: ServiceRequestRecord,
): Promise<ServiceRequestRecord> {
  void [sql, request];
  throw new Error('postgres adapter: createServiceRequest is not built yet');
}

export async function getServiceRequest(
  sql: Sql,
  id: string,
): Promise<ServiceRequestRecord | null> {
  void [sql, id];
  throw new Error('postgres adapter: getServiceRequest is not built yet');
}

export async function listResidentRequests(
  sql: Sql,
  residentId: string,
  limit: number,
): Promise<ServiceRequestRecord[]> {
  void [sql, residentId, limit];
  throw new Error('postgres adapter: listResidentRequests is not built yet');
}

export async function refuseServiceRequest(
  sql: Sql,
  id: string,
  residentId: string,
  now: Date,
): Promise<'refused' | 'not-found' | 'not-pending'> {
  void [sql, id, residentId, now];
  throw new Error('postgres adapter: refuseServiceRequest is not built yet');
}
