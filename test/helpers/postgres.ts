import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PG_MIGRATIONS } from '../../server/src/storage/postgres/migrations.js';
import { PostgresStorage } from '../../server/src/storage/postgres/postgres-storage.js';

/**
 * PostgreSQL for tests: Debian's cluster on this machine (started by .ci/run or, failing that, by
 * {@link ensureTestPostgres}), and a fresh database per test that is dropped afterwards. Set
 * VAULT_TEST_POSTGRES_URL to use another server; its role needs CREATEDB.
 */
export const TEST_POSTGRES_URL =
  process.env.VAULT_TEST_POSTGRES_URL ??
  'postgres://citizen_vault_test:citizen_vault_test@127.0.0.1:5432/postgres';

const START_SCRIPT = fileURLToPath(
  new URL('../../scripts/start-test-postgres.sh', import.meta.url),
);

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Makes sure the test server answers: if it does not and this is root on a machine with Debian's
 * PostgreSQL, starts the cluster and makes the test role (scripts/start-test-postgres.sh). Throws
 * with what to do otherwise: a PostgreSQL test never passes without PostgreSQL.
 */
export async function ensureTestPostgres(): Promise<void> {
  if (await canConnect(TEST_POSTGRES_URL)) return;
  if (process.env.VAULT_TEST_POSTGRES_URL === undefined && process.getuid?.() === 0) {
    execFileSync('bash', [START_SCRIPT], { stdio: 'inherit' });
    if (await canConnect(TEST_POSTGRES_URL)) return;
  }
  throw new Error(
    `PostgreSQL does not answer at ${TEST_POSTGRES_URL.replace(/:[^:@/]*@/, ':***@')}: ` +
      'run scripts/start-test-postgres.sh as root (apt-get install -y postgresql first), ' +
      'or set VAULT_TEST_POSTGRES_URL',
  );
}

/** The URL of `database` on the test server. */
export function databaseUrl(database: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database, and the function that drops it (ending any connection still open). */
export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A database already migrated to this code's schema, copied by PostgreSQL for each test (faster
 * than migrating each one). Its name carries a hash of the migrations, so a changed schema gets a
 * new template; made once, by whichever test worker comes first.
 */
const TEMPLATE = `cv_template_${createHash('sha256')
  .update(JSON.stringify(PG_MIGRATIONS))
  .digest('hex')
  .slice(0, 16)}`;
let templateReady: Promise<void> | undefined;

async function ensureTemplate(): Promise<void> {
  await withAdmin(async (client) => {
    await client.query('SELECT pg_advisory_lock(7270707)');
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
      if (found.rowCount !== 0) return;
      const building = `${TEMPLATE}_${randomBytes(4).toString('hex')}`;
      await client.query(`CREATE DATABASE ${building}`);
      const storage = await PostgresStorage.open(databaseUrl(building), { poolSize: 1 });
      await storage.close();
      await client.query(`ALTER DATABASE ${building} RENAME TO ${TEMPLATE}`);
    } finally {
      await client.query('SELECT pg_advisory_unlock(7270707)');
    }
  });
}

/**
 * A fresh database and the function that drops it. `migrated` (the default): a copy of the migrated
 * template; false: empty, for tests of the migrations themselves.
 */
export async function createTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const name = `cv_test_${randomBytes(8).toString('hex')}`;
  if (migrated) await (templateReady ??= ensureTemplate());
  await withAdmin((client) =>
    client.query(
      migrated
        ? `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE} STRATEGY FILE_COPY`
        : `CREATE DATABASE ${name}`,
    ),
  );
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      withAdmin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}

/** A migrated PostgresStorage on a fresh database, for the storage contract suites. */
export async function makePostgresStorage(): Promise<{
  storage: PostgresStorage;
  database: TestDatabase;
  cleanup: () => Promise<void>;
}> {
  const database = await createTestDatabase();
  const storage = await PostgresStorage.open(database.url, { poolSize: 4 });
  return {
    storage,
    database,
    cleanup: async () => {
      await storage.close();
      await database.drop();
    },
  };
}
