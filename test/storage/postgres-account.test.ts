import { makePostgresStorage } from '../helpers/postgres.js';
import { describeAccountContract } from './account-contract.js';

// The same contract suite as SQLite's (sqlite-storage.test.ts), unchanged, against PostgreSQL: a
// fresh database per test, copied from a migrated template.
describeAccountContract('postgres', makePostgresStorage);
