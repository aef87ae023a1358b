import type {
  ChallengePurpose,
  ChallengeRecord,
  EidIdentityInput,
  OidcTransactionRecord,
  PasskeyRecord,
  RemovePasskeyResult,
  ResidentRecord,
  SessionRecord,
} from '../ports.js';
import type { Sql } from './pg-database.js';

export async function upsertResidentFromEid(
  sql: Sql,
  input: EidIdentityInput,
  now: Date,
): Promise<ResidentRecord> {
  void [sql, input, now];
  throw new Error('postgres adapter: upsertResidentFromEid is not built yet');
}

export async function findResidentByNationalId(
  sql: Sql,
  nationalId: string,
): Promise<ResidentRecord | null> {
  void [sql, nationalId];
  throw new Error('postgres adapter: findResidentByNationalId is not built yet');
}

export async function getResident(sql: Sql, id: string): Promise<ResidentRecord | null> {
  void [sql, id];
  throw new Error('postgres adapter: getResident is not built yet');
}

export async function createSession(
  sql: Sql,
  s: SessionRecord,
  replacesIdHash: string | undefined,
): Promise<void> {
  void [sql, s, replacesIdHash];
  throw new Error('postgres adapter: createSession is not built yet');
}

export async function findSession(sql: Sql, idHash: string): Promise<SessionRecord | null> {
  void [sql, idHash];
  throw new Error('postgres adapter: findSession is not built yet');
}

export async function touchSession(sql: Sql, idHash: string, lastSeenAt: Date): Promise<void> {
  void [sql, idHash, lastSeenAt];
  throw new Error('postgres adapter: touchSession is not built yet');
}

export async function deleteSession(sql: Sql, idHash: string): Promise<boolean> {
  void [sql, idHash];
  throw new Error('postgres adapter: deleteSession is not built yet');
}

export async function deleteSessionByPublicId(
  sql: Sql,
  residentId: string,
  publicId: string,
): Promise<boolean> {
  void [sql, residentId, publicId];
  throw new Error('postgres adapter: deleteSessionByPublicId is not built yet');
}

export async function deleteOtherSessions(
  sql: Sql,
  residentId: string,
  keepIdHash: string,
): Promise<number> {
  void [sql, residentId, keepIdHash];
  throw new Error('postgres adapter: deleteOtherSessions is not built yet');
}

export async function listSessions(sql: Sql, residentId: string): Promise<SessionRecord[]> {
  void [sql, residentId];
  throw new Error('postgres adapter: listSessions is not built yet');
}

export async function purgeExpiredSessions(sql: Sql, now: Date, idleBefore: Date): Promise<number> {
  void [sql, now, idleBefore];
  throw new Error('postgres adapter: purgeExpiredSessions is not built yet');
}

export async function saveOidcTransaction(sql: Sql, tx: OidcTransactionRecord): Promise<void> {
  void [sql, tx];
  throw new Error('postgres adapter: saveOidcTransaction is not built yet');
}

export async function takeOidcTransaction(
  sql: Sql,
  id: string,
  now: Date,
): Promise<OidcTransactionRecord | null> {
  void [sql, id, now];
  throw new Error('postgres adapter: takeOidcTransaction is not built yet');
}

export async function saveChallenge(sql: Sql, c: ChallengeRecord): Promise<void> {
  void [sql, c];
  throw new Error('postgres adapter: saveChallenge is not built yet');
}

export async function takeChallenge(
  sql: Sql,
  challenge: string,
  purpose: ChallengePurpose,
  now: Date,
): Promise<ChallengeRecord | null> {
  void [sql, challenge, purpose, now];
  throw new Error('postgres adapter: takeChallenge is not built yet');
}

export async function addPasskey(sql: Sql, p: PasskeyRecord): Promise<boolean> {
  void [sql, p];
  throw new Error('postgres adapter: addPasskey is not built yet');
}

export async function findPasskeyByCredentialId(
  sql: Sql,
  credentialId: string,
): Promise<PasskeyRecord | null> {
  void [sql, credentialId];
  throw new Error('postgres adapter: findPasskeyByCredentialId is not built yet');
}

export async function listPasskeys(sql: Sql, residentId: string): Promise<PasskeyRecord[]> {
  void [sql, residentId];
  throw new Error('postgres adapter: listPasskeys is not built yet');
}

export async function recordPasskeyUse(
  sql: Sql,
  id: string,
  expectedCounter: number,
  newCounter: number,
  usedAt: Date,
): Promise<boolean> {
  void [sql, id, expectedCounter, newCounter, usedAt];
  throw new Error('postgres adapter: recordPasskeyUse is not built yet');
}

export async function renamePasskey(
  sql: Sql,
  residentId: string,
  id: string,
  name: string,
): Promise<PasskeyRecord | null> {
  void [sql, residentId, id, name];
  throw new Error('postgres adapter: renamePasskey is not built yet');
}

export async function removePasskey(
  sql: Sql,
  residentId: string,
  id: string,
): Promise<RemovePasskeyResult> {
  void [sql, residentId, id];
  throw new Error('postgres adapter: removePasskey is not built yet');
}
