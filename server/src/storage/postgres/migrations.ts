import type pg from 'pg';

/**
 * The PostgreSQL schema (DESIGN §8). The same tables, columns and constraints as SQLite's
 * migrations 1–9 (server/src/storage/sqlite/migrations.ts), in PostgreSQL's dialect: times stay
 * milliseconds since the epoch (BIGINT) and flags 0/1 (SMALLINT), so a SQLite vault copies across
 * column for column (`npm run admin -- migrate-to-postgres`). Append only, as there: a change is a
 * new entry.
 */
export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 9,
    name: 'schema-as-of-sqlite-9',
    sql: `
      CREATE TABLE residents (
        id            TEXT PRIMARY KEY,
        display_name  TEXT NOT NULL,
        birthdate     TEXT,
        national_id   TEXT,
        acr           TEXT,
        created_at    BIGINT NOT NULL,
        deleted_at    BIGINT
      );
      CREATE INDEX residents_national_id ON residents(national_id) WHERE national_id IS NOT NULL;

      CREATE TABLE eid_identities (
        issuer       TEXT NOT NULL,
        subject      TEXT NOT NULL,
        resident_id  TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
        created_at   BIGINT NOT NULL,
        last_used_at BIGINT NOT NULL,
        PRIMARY KEY (issuer, subject)
      );
      CREATE INDEX eid_identities_resident ON eid_identities(resident_id);

      CREATE TABLE sessions (
        id_hash             TEXT PRIMARY KEY,
        public_id           TEXT NOT NULL UNIQUE,
        resident_id         TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
        method              TEXT NOT NULL CHECK (method IN ('eid', 'passkey')),
        user_agent          TEXT NOT NULL,
        created_at          BIGINT NOT NULL,
        last_seen_at        BIGINT NOT NULL,
        absolute_expires_at BIGINT NOT NULL
      );
      CREATE INDEX sessions_resident ON sessions(resident_id);
      CREATE INDEX sessions_last_seen ON sessions(last_seen_at);

      CREATE TABLE oidc_transactions (
        id            TEXT PRIMARY KEY,
        state         TEXT NOT NULL,
        nonce         TEXT NOT NULL,
        code_verifier TEXT NOT NULL,
        created_at    BIGINT NOT NULL,
        expires_at    BIGINT NOT NULL
      );

      CREATE TABLE webauthn_challenges (
        challenge   TEXT PRIMARY KEY,
        purpose     TEXT NOT NULL CHECK (purpose IN ('passkey.register', 'passkey.sign-in')),
        resident_id TEXT REFERENCES residents(id) ON DELETE CASCADE,
        created_at  BIGINT NOT NULL,
        expires_at  BIGINT NOT NULL
      );

      CREATE TABLE passkeys (
        id            TEXT PRIMARY KEY,
        resident_id   TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
        credential_id TEXT NOT NULL UNIQUE,
        public_key    BYTEA NOT NULL,
        counter       BIGINT NOT NULL CHECK (counter >= 0),
        transports    TEXT NOT NULL,
        name          TEXT NOT NULL,
        backed_up     SMALLINT NOT NULL CHECK (backed_up IN (0, 1)),
        created_at    BIGINT NOT NULL,
        last_used_at  BIGINT
      );
      CREATE INDEX passkeys_resident ON passkeys(resident_id);

      CREATE TABLE resident_keys (
        resident_id          TEXT PRIMARY KEY REFERENCES residents(id) ON DELETE CASCADE,
        x25519_public        BYTEA NOT NULL CHECK (length(x25519_public) = 32),
        ed25519_public       BYTEA NOT NULL CHECK (length(ed25519_public) = 32),
        secret_keys_envelope BYTEA NOT NULL,
        created_at           BIGINT NOT NULL
      );

      CREATE TABLE key_slots (
        id            TEXT PRIMARY KEY,
        resident_id   TEXT NOT NULL REFERENCES resident_keys(resident_id) ON DELETE CASCADE,
        kind          TEXT NOT NULL CHECK (kind IN ('passkey', 'passphrase', 'recovery')),
        credential_id TEXT,
        envelope      BYTEA NOT NULL,
        created_at    BIGINT NOT NULL,
        CHECK ((kind = 'passkey') = (credential_id IS NOT NULL))
      );
      CREATE INDEX key_slots_resident ON key_slots(resident_id);

      CREATE TABLE documents (
        id              TEXT PRIMARY KEY,
        owner_id        TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
        category        TEXT NOT NULL CHECK (category IN ('identity', 'residence', 'family', 'tax',
                          'health', 'education', 'work', 'vehicles', 'housing', 'other')),
        issuer          TEXT,
        created_at      BIGINT NOT NULL,
        updated_at      BIGINT NOT NULL,
        -- NULL until the first version completes: until then the document is invisible.
        current_version INTEGER
      );
      CREATE INDEX documents_owner ON documents(owner_id, updated_at);

      CREATE TABLE document_versions (
        document_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        version         INTEGER NOT NULL CHECK (version >= 1),
        status          TEXT NOT NULL CHECK (status IN ('uploading', 'complete')),
        size            BIGINT NOT NULL CHECK (size > 0),
        chunk_count     INTEGER NOT NULL CHECK (chunk_count > 0),
        chunks_received INTEGER NOT NULL DEFAULT 0,
        bytes_received  BIGINT NOT NULL DEFAULT 0,
        header          BYTEA,
        wrapped_key     BYTEA,
        metadata        BYTEA,
        upload_id       TEXT UNIQUE,
        expires_at      BIGINT,
        created_at      BIGINT NOT NULL,
        completed_at    BIGINT,
        PRIMARY KEY (document_id, version),
        CHECK (chunks_received <= chunk_count AND bytes_received <= size),
        CHECK ((status = 'uploading') = (upload_id IS NOT NULL AND expires_at IS NOT NULL)),
        CHECK (status = 'uploading' OR (header IS NOT NULL AND wrapped_key IS NOT NULL
          AND metadata IS NOT NULL AND completed_at IS NOT NULL
          AND chunks_received = chunk_count AND bytes_received = size))
      );
      CREATE INDEX document_versions_expiry ON document_versions(expires_at)
        WHERE status = 'uploading';

      -- Ciphertext does not compress: stored out of line without trying (EXTERNAL, not EXTENDED).
      CREATE TABLE document_chunks (
        document_id TEXT NOT NULL,
        version     INTEGER NOT NULL,
        idx         INTEGER NOT NULL CHECK (idx >= 0),
        data        BYTEA NOT NULL,
        PRIMARY KEY (document_id, version, idx),
        FOREIGN KEY (document_id, version)
          REFERENCES document_versions(document_id, version) ON DELETE CASCADE
      );
      ALTER TABLE document_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

      -- The per-resident running total of stored bytes (SQLite migration 3), kept by triggers in
      -- the same transactions as the versions.
      CREATE TABLE resident_usage (
        resident_id TEXT PRIMARY KEY REFERENCES residents(id) ON DELETE CASCADE,
        bytes       BIGINT NOT NULL CHECK (bytes >= 0)
      );

      CREATE FUNCTION resident_usage_version_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO resident_usage (resident_id, bytes)
          SELECT owner_id, NEW.size FROM documents WHERE id = NEW.document_id
          ON CONFLICT (resident_id) DO UPDATE SET bytes = resident_usage.bytes + excluded.bytes;
        RETURN NULL;
      END $$;
      CREATE TRIGGER resident_usage_version_added AFTER INSERT ON document_versions
        FOR EACH ROW EXECUTE FUNCTION resident_usage_version_added();

      CREATE FUNCTION resident_usage_version_removed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE resident_usage SET bytes = bytes - OLD.size
          WHERE resident_id = (SELECT owner_id FROM documents WHERE id = OLD.document_id);
        RETURN NULL;
      END $$;
      CREATE TRIGGER resident_usage_version_removed AFTER DELETE ON document_versions
        FOR EACH ROW EXECUTE FUNCTION resident_usage_version_removed();

      CREATE FUNCTION resident_usage_document_removed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE resident_usage
          SET bytes = bytes - (SELECT COALESCE(SUM(size), 0) FROM document_versions
                               WHERE document_id = OLD.id)
          WHERE resident_id = OLD.owner_id;
        RETURN OLD;
      END $$;
      CREATE TRIGGER resident_usage_document_removed BEFORE DELETE ON documents
        FOR EACH ROW EXECUTE FUNCTION resident_usage_document_removed();

      -- The access log (DESIGN §5). log_head is one row: the log's size. Every append locks it
      -- (SELECT … FOR UPDATE) until its transaction commits, so appends from every node get
      -- consecutive indexes in commit order: none lost, none reordered.
      CREATE TABLE log_entries (
        idx         BIGINT PRIMARY KEY CHECK (idx >= 0),
        resident_id TEXT NOT NULL,
        at          BIGINT NOT NULL,
        actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('resident', 'service', 'operator', 'system')),
        actor_id    TEXT,
        action      TEXT NOT NULL,
        document_id TEXT,
        leaf        BYTEA NOT NULL
      );
      CREATE INDEX log_entries_resident ON log_entries(resident_id, idx);

      CREATE TABLE log_nodes (
        level SMALLINT NOT NULL CHECK (level >= 0),
        idx   BIGINT NOT NULL CHECK (idx >= 0),
        hash  BYTEA NOT NULL CHECK (length(hash) = 32),
        PRIMARY KEY (level, idx)
      );

      CREATE TABLE log_checkpoints (
        size       BIGINT PRIMARY KEY CHECK (size >= 0),
        root       BYTEA NOT NULL CHECK (length(root) = 32),
        note       TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );

      CREATE TABLE log_head (
        id   SMALLINT PRIMARY KEY CHECK (id = 1),
        size BIGINT NOT NULL CHECK (size >= 0)
      );
      INSERT INTO log_head (id, size) VALUES (1, 0);

      CREATE TABLE city_services (
        id                TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{2,63}$'),
        name_en           TEXT NOT NULL,
        name_it           TEXT NOT NULL,
        purposes          TEXT NOT NULL CHECK (purposes::jsonb IS NOT NULL),
        legal_bases       TEXT NOT NULL CHECK (legal_bases::jsonb IS NOT NULL),
        auth_jwk          TEXT NOT NULL CHECK (auth_jwk::jsonb IS NOT NULL),
        auth_algorithm    TEXT NOT NULL CHECK (auth_algorithm IN ('EdDSA', 'ES256')),
        auth_key_id       TEXT NOT NULL,
        x25519_public_key BYTEA NOT NULL CHECK (length(x25519_public_key) = 32),
        enabled           SMALLINT NOT NULL CHECK (enabled IN (0, 1)),
        created_at        BIGINT NOT NULL,
        updated_at        BIGINT NOT NULL
      );

      CREATE TABLE service_assertions (
        service_id TEXT NOT NULL REFERENCES city_services(id) ON DELETE CASCADE,
        jti        TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        PRIMARY KEY (service_id, jti)
      );
      CREATE INDEX service_assertions_expiry ON service_assertions(expires_at);

      CREATE TABLE service_tokens (
        token_hash TEXT PRIMARY KEY,
        service_id TEXT NOT NULL REFERENCES city_services(id) ON DELETE CASCADE,
        issued_at  BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX service_tokens_service ON service_tokens(service_id);
      CREATE INDEX service_tokens_expiry ON service_tokens(expires_at);

      CREATE TABLE service_requests (
        id             TEXT PRIMARY KEY,
        service_id     TEXT NOT NULL REFERENCES city_services(id),
        resident_id    TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
        categories     TEXT NOT NULL CHECK (jsonb_typeof(categories::jsonb) = 'array'),
        purpose_code   TEXT NOT NULL,
        legal_basis    TEXT NOT NULL,
        retention_days INTEGER NOT NULL CHECK (retention_days BETWEEN 0 AND 36500),
        answer_by      BIGINT NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused', 'withdrawn')),
        created_at     BIGINT NOT NULL,
        answered_at    BIGINT
      );
      CREATE INDEX service_requests_resident ON service_requests(resident_id, created_at);
      CREATE INDEX service_requests_service ON service_requests(service_id, created_at);

      CREATE TABLE grants (
        id               TEXT PRIMARY KEY,
        request_id       TEXT NOT NULL UNIQUE REFERENCES service_requests(id) ON DELETE CASCADE,
        service_id       TEXT NOT NULL REFERENCES city_services(id),
        resident_id      TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
        purpose_code     TEXT NOT NULL,
        legal_basis      TEXT NOT NULL,
        categories       TEXT NOT NULL CHECK (jsonb_typeof(categories::jsonb) = 'array'),
        standing         SMALLINT NOT NULL CHECK (standing IN (0, 1)),
        expires_at       BIGINT NOT NULL,
        created_at       BIGINT NOT NULL,
        receipt          TEXT NOT NULL,
        countersignature TEXT NOT NULL,
        ended_at         BIGINT,
        end_reason       TEXT CHECK (end_reason IN ('revoked', 'expired')),
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      );
      CREATE INDEX grants_resident ON grants(resident_id, created_at);
      CREATE INDEX grants_service ON grants(service_id, created_at);
      CREATE INDEX grants_open_expiry ON grants(expires_at) WHERE ended_at IS NULL;

      CREATE TABLE grant_keys (
        grant_id    TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        version     INTEGER NOT NULL,
        wrapped_key BYTEA NOT NULL,
        created_at  BIGINT NOT NULL,
        PRIMARY KEY (grant_id, document_id),
        FOREIGN KEY (document_id, version)
          REFERENCES document_versions(document_id, version) ON DELETE CASCADE
      );
      CREATE INDEX grant_keys_version ON grant_keys(document_id, version);
    `,
  },
];

/** The schema version this code needs. */
export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version;

/** Any fixed 64-bit key: the advisory lock two nodes starting at once take to migrate one by one. */
const MIGRATION_LOCK = 0x43565f4d49475241n; // "CV_MIGRA"

/**
 * Applies the migrations the database lacks, each in its own transaction with its
 * `schema_migrations` row. Nodes starting together take turns (a transaction-scoped advisory lock),
 * so a migration runs once. Refuses a database whose schema is newer than this code.
 */
export async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    for (const migration of PG_MIGRATIONS) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
        await client.query(
          `CREATE TABLE IF NOT EXISTS schema_migrations (
             version    INTEGER PRIMARY KEY,
             name       TEXT NOT NULL,
             applied_at BIGINT NOT NULL
           )`,
        );
        const applied = await client.query<{ version: number }>(
          'SELECT version FROM schema_migrations ORDER BY version DESC LIMIT 1',
        );
        const current = applied.rows[0]?.version ?? 0;
        if (current > PG_SCHEMA_VERSION) {
          throw new Error(
            `the database's schema (version ${current}) is newer than this vault's ` +
              `(${PG_SCHEMA_VERSION}): upgrade the vault`,
          );
        }
        if (current < migration.version) {
          await client.query(migration.sql);
          await client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
            [migration.version, migration.name, Date.now()],
          );
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }
  } finally {
    client.release();
  }
}
