export type {
  ChallengePurpose,
  ChallengeRecord,
  EidIdentityInput,
  OidcTransactionRecord,
  PasskeyRecord,
  RemovePasskeyResult,
  ResidentRecord,
  SessionRecord,
  SignInMethod,
  VaultStorage,
} from './ports.js';
export { SqliteStorage } from './sqlite/sqlite-storage.js';
export { DatabaseSetupError, REQUIRED_PRAGMAS } from './sqlite/open-database.js';
