import { createHash } from 'node:crypto';
import pg from 'pg';
import { StorageFullError } from '../ports.js';

/**
 * What the PostgreSQL adapter's domain modules need of a connection: a query that returns rows and
 * one that returns the number of rows it touched. Reads get the pool; writes get the client of
 * their transaction, so a module never knows which.
 */
export interface Sql {
  rows<T>(text: string, values?: readonly unknown[]): Promise<T[]>;
  run(text: string, values?: readonly unknown[]): Promise<number>;
}

/**
 * int8 (BIGINT: times in milliseconds, sizes, counts) comes back as a JavaScript number, not the
 * driver's default string. Every value the vault stores in one is below 2^53. Set on this adapter's
 * pools only, never on the driver's global parsers.
 */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** SQLSTATEs after which a transaction is run again from the start (it changed nothing). */
const RETRYABLE = new Set(['40001' /* serialization_failure */, '40P01' /* deadlock_detected */]);
/** SQLSTATEs that mean the database server's disk is full. */
const DISK_FULL = new Set(['53100' /* disk_full */]);
const MAX_ATTEMPTS = 5;

export interface PgDatabaseOptions {
  /** Connections in this node's pool (default 10). */
  poolSize?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
}

/** The SQLSTATE of a driver error, if it has one. */
export const sqlState = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * One node's pool of connections to the vault's database, with transactions: every atomic port
 * method runs its statements through {@link transaction}, which commits or rolls back as a whole.
 * Transactions run at READ COMMITTED; a method whose check-then-act could race takes row locks
 * (`FOR UPDATE`) or consumes with one `DELETE … RETURNING`, so the checks hold across nodes.
 */
export class PgDatabase implements Sql {
  readonly pool: pg.Pool;

  constructor(connectionString: string, options: PgDatabaseOptions = {}) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'citizen-vault',
      types,
    });
    // An idle client whose connection dropped (the server restarted, a failover) is removed from
    // the pool by the driver; without a listener the error would end the process.
    this.pool.on('error', () => undefined);
  }

  async rows<T>(text: string, values?: readonly unknown[]): Promise<T[]> {
    try {
      return (await this.pool.query(prepared(text, values))).rows as T[];
    } catch (error) {
      throw asStorageError(error);
    }
  }

  async run(text: string, values?: readonly unknown[]): Promise<number> {
    try {
      return (await this.pool.query(prepared(text, values))).rowCount ?? 0;
    } catch (error) {
      throw asStorageError(error);
    }
  }

  /**
   * Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it
   * throws. A serialization failure or deadlock (another node's transaction won) runs it again,
   * up to 5 times, since nothing of the failed attempt was kept. `work` must not have effects
   * outside the database.
   */
  async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const client = await this.pool.connect().catch((error: unknown) => {
        throw asStorageError(error);
      });
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work(clientSql(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // the connection is gone: do not give it back to the pool
        }
        if (attempt < MAX_ATTEMPTS && RETRYABLE.has(sqlState(error) ?? '')) continue;
        throw asStorageError(error);
      } finally {
        client.release(broken);
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const statementNames = new Map<string, string>();

/**
 * A parameterised query as a named prepared statement: each connection parses and plans it once
 * and then only binds and executes it (node-postgres keeps the names per connection). A service's
 * read runs about fifteen statements; planning each one every time cost PostgreSQL more CPU than
 * running them. The name is a hash of the text, so one text is one statement on every connection.
 * A query without parameters stays a simple query (it may hold several statements).
 */
function prepared(text: string, values: readonly unknown[] | undefined): pg.QueryConfig {
  if (values === undefined || values.length === 0) return { text };
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `cv_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
    statementNames.set(text, name);
  }
  return { name, text, values: values as unknown[] };
}

/** A transaction's client as {@link Sql}. */
export function clientSql(client: pg.ClientBase): Sql {
  return {
    async rows<T>(text: string, values?: readonly unknown[]) {
      return (await client.query(prepared(text, values))).rows as T[];
    },
    async run(text: string, values?: readonly unknown[]) {
      return (await client.query(prepared(text, values))).rowCount ?? 0;
    },
  };
}

/** A disk-full failure becomes {@link StorageFullError} (507); anything else is left as it is. */
export function asStorageError(error: unknown): unknown {
  if (error instanceof StorageFullError) return error;
  if (DISK_FULL.has(sqlState(error) ?? '')) {
    return new StorageFullError("the database server's disk is full", { cause: error });
  }
  return error;
}

/** A `Uint8Array` as the driver's bytea parameter (a Buffer over the same bytes, no copy). */
export const bytea = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A bytea column value as a fresh `Uint8Array` the caller may keep. */
export const fromBytea = (value: Buffer): Uint8Array => new Uint8Array(value);
