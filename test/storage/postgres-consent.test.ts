import { makePostgresStorage } from '../helpers/postgres.js';
import { describeConsentContract } from './consent-contract.js';

// The same contract suite as SQLite's (sqlite-storage.test.ts), unchanged, against PostgreSQL: a
// fresh database per test, copied from a migrated template.
describeConsentContract('postgres', makePostgresStorage);
