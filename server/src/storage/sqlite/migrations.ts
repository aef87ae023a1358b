/**
 * Ordered schema migrations. Append only: a migration that has shipped is never edited, a change
 * is a new entry. Each runs in its own transaction together with its `schema_migrations` row.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'residents-sessions-passkeys',
    sql: `
      CREATE TABLE residents (
        id            TEXT PRIMARY KEY,
        display_name  TEXT NOT NULL,
        birthdate     TEXT,
        national_id   TEXT,
        acr           TEXT,
        created_at    INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE eid_identities (
        issuer       TEXT NOT NULL,
        subject      TEXT NOT NULL,
        resident_id  TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
        created_at   INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL,
        PRIMARY KEY (issuer, subject)
      ) STRICT;
      CREATE INDEX eid_identities_resident ON eid_identities(resident_id);

      CREATE TABLE sessions (
        id_hash             TEXT PRIMARY KEY,
        public_id           TEXT NOT NULL UNIQUE,
        resident_id         TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
        method              TEXT NOT NULL CHECK (method IN ('eid', 'passkey')),
        user_agent          TEXT NOT NULL,
        created_at          INTEGER NOT NULL,
        last_seen_at        INTEGER NOT NULL,
        absolute_expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_resident ON sessions(resident_id);

      CREATE TABLE oidc_transactions (
        id            TEXT PRIMARY KEY,
        state         TEXT NOT NULL,
        nonce         TEXT NOT NULL,
        code_verifier TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        expires_at    INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE webauthn_challenges (
        challenge   TEXT PRIMARY KEY,
        purpose     TEXT NOT NULL CHECK (purpose IN ('passkey.register', 'passkey.sign-in')),
        resident_id TEXT REFERENCES residents(id) ON DELETE CASCADE,
        created_at  INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE passkeys (
        id            TEXT PRIMARY KEY,
        resident_id   TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
        credential_id TEXT NOT NULL UNIQUE,
        public_key    BLOB NOT NULL,
        counter       INTEGER NOT NULL CHECK (counter >= 0),
        transports    TEXT NOT NULL,
        name          TEXT NOT NULL,
        backed_up     INTEGER NOT NULL CHECK (backed_up IN (0, 1)),
        created_at    INTEGER NOT NULL,
        last_used_at  INTEGER
      ) STRICT;
      CREATE INDEX passkeys_resident ON passkeys(resident_id);
    `,
  },
  {
    version: 2,
    name: 'vault-keys-documents',
    // Every child row cascades from its parent, so deleting a document (or a resident) removes
    // every version, chunk, wrapped key and metadata envelope with it; secure_delete zeroes the
    // freed bytes (DESIGN §8, crypto-shredding).
    sql: `
      CREATE TABLE resident_keys (
        resident_id          TEXT PRIMARY KEY REFERENCES residents(id) ON DELETE CASCADE,
        x25519_public        BLOB NOT NULL CHECK (length(x25519_public) = 32),
        ed25519_public       BLOB NOT NULL CHECK (length(ed25519_public) = 32),
        secret_keys_envelope BLOB NOT NULL,
        created_at           INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE key_slots (
        id            TEXT PRIMARY KEY,
        resident_id   TEXT NOT NULL REFERENCES resident_keys(resident_id) ON DELETE CASCADE,
        kind          TEXT NOT NULL CHECK (kind IN ('passkey', 'passphrase', 'recovery')),
        credential_id TEXT,
        envelope      BLOB NOT NULL,
        created_at    INTEGER NOT NULL,
        CHECK ((kind = 'passkey') = (credential_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX key_slots_resident ON key_slots(resident_id);

      CREATE TABLE documents (
        id              TEXT PRIMARY KEY,
        owner_id        TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
        category        TEXT NOT NULL CHECK (category IN ('identity', 'residence', 'family', 'tax',
                          'health', 'education', 'work', 'vehicles', 'housing', 'other')),
        issuer          TEXT,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        -- NULL until the first version completes: until then the document is invisible.
        current_version INTEGER
      ) STRICT;
      CREATE INDEX documents_owner ON documents(owner_id, updated_at);

      CREATE TABLE document_versions (
        document_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        version         INTEGER NOT NULL CHECK (version >= 1),
        status          TEXT NOT NULL CHECK (status IN ('uploading', 'complete')),
        size            INTEGER NOT NULL CHECK (size > 0),
        chunk_count     INTEGER NOT NULL CHECK (chunk_count > 0),
        chunks_received INTEGER NOT NULL DEFAULT 0,
        bytes_received  INTEGER NOT NULL DEFAULT 0,
        header          BLOB,
        wrapped_key     BLOB,
        metadata        BLOB,
        -- Set while uploading, cleared when the version completes.
        upload_id       TEXT UNIQUE,
        expires_at      INTEGER,
        created_at      INTEGER NOT NULL,
        completed_at    INTEGER,
        PRIMARY KEY (document_id, version),
        CHECK (chunks_received <= chunk_count AND bytes_received <= size),
        CHECK ((status = 'uploading') = (upload_id IS NOT NULL AND expires_at IS NOT NULL)),
        CHECK (status = 'uploading' OR (header IS NOT NULL AND wrapped_key IS NOT NULL
          AND metadata IS NOT NULL AND completed_at IS NOT NULL
          AND chunks_received = chunk_count AND bytes_received = size))
      ) STRICT;
      CREATE INDEX document_versions_expiry ON document_versions(expires_at)
        WHERE status = 'uploading';

      CREATE TABLE document_chunks (
        document_id TEXT NOT NULL,
        version     INTEGER NOT NULL,
        idx         INTEGER NOT NULL CHECK (idx >= 0),
        data        BLOB NOT NULL,
        PRIMARY KEY (document_id, version, idx),
        FOREIGN KEY (document_id, version)
          REFERENCES document_versions(document_id, version) ON DELETE CASCADE
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: 'resident-usage-counter',
    // The quota check read every version of the resident on every upload (O(documents)). A
    // per-resident running total, kept by triggers in the same transactions as the versions, makes
    // it O(1). Deleting a document subtracts all its versions before the cascade removes them; the
    // version trigger then finds no document and changes nothing, so nothing is counted twice.
    sql: `
      CREATE TABLE resident_usage (
        resident_id TEXT PRIMARY KEY REFERENCES residents(id) ON DELETE CASCADE,
        bytes       INTEGER NOT NULL CHECK (bytes >= 0)
      ) STRICT;

      INSERT INTO resident_usage (resident_id, bytes)
        SELECT d.owner_id, SUM(v.size) FROM document_versions v
        JOIN documents d ON d.id = v.document_id GROUP BY d.owner_id;

      CREATE TRIGGER resident_usage_version_added AFTER INSERT ON document_versions
      BEGIN
        INSERT INTO resident_usage (resident_id, bytes)
          SELECT owner_id, NEW.size FROM documents WHERE id = NEW.document_id
          ON CONFLICT (resident_id) DO UPDATE SET bytes = bytes + excluded.bytes;
      END;

      CREATE TRIGGER resident_usage_version_removed AFTER DELETE ON document_versions
      BEGIN
        UPDATE resident_usage SET bytes = bytes - OLD.size
          WHERE resident_id = (SELECT owner_id FROM documents WHERE id = OLD.document_id);
      END;

      CREATE TRIGGER resident_usage_document_removed BEFORE DELETE ON documents
      BEGIN
        UPDATE resident_usage
          SET bytes = bytes - (SELECT COALESCE(SUM(size), 0) FROM document_versions
                               WHERE document_id = OLD.id)
          WHERE resident_id = OLD.owner_id;
      END;
    `,
  },
  {
    version: 4,
    name: 'access-log',
    // DESIGN §5. Entries are never updated or deleted by the vault (no foreign key to residents:
    // the record of an access outlives the account it concerns). log_nodes holds the hash of every
    // complete subtree: (level, idx) covers leaves idx·2^level … (idx+1)·2^level − 1.
    sql: `
      CREATE TABLE log_entries (
        idx         INTEGER PRIMARY KEY CHECK (idx >= 0),
        resident_id TEXT NOT NULL,
        at          INTEGER NOT NULL,
        actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('resident', 'service', 'operator', 'system')),
        actor_id    TEXT,
        action      TEXT NOT NULL,
        document_id TEXT,
        leaf        BLOB NOT NULL
      ) STRICT;
      CREATE INDEX log_entries_resident ON log_entries(resident_id, idx);

      CREATE TABLE log_nodes (
        level INTEGER NOT NULL CHECK (level >= 0),
        idx   INTEGER NOT NULL CHECK (idx >= 0),
        hash  BLOB NOT NULL CHECK (length(hash) = 32),
        PRIMARY KEY (level, idx)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE log_checkpoints (
        size       INTEGER PRIMARY KEY CHECK (size >= 0),
        root       BLOB NOT NULL CHECK (length(root) = 32),
        note       TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 5,
    name: 'city-services',
    // DESIGN §6, issue 5: the registry of city services and what service authentication must
    // remember across restarts and nodes (single-use assertion ids, access tokens by hash).
    sql: `
      CREATE TABLE city_services (
        id                TEXT PRIMARY KEY CHECK (
                            length(id) BETWEEN 3 AND 64 AND id GLOB '[a-z0-9]*'
                            AND id NOT GLOB '*[^a-z0-9-]*'),
        name_en           TEXT NOT NULL,
        name_it           TEXT NOT NULL,
        purposes          TEXT NOT NULL CHECK (json_valid(purposes)),
        legal_bases       TEXT NOT NULL CHECK (json_valid(legal_bases)),
        auth_jwk          TEXT NOT NULL CHECK (json_valid(auth_jwk)),
        auth_algorithm    TEXT NOT NULL CHECK (auth_algorithm IN ('EdDSA', 'ES256')),
        auth_key_id       TEXT NOT NULL,
        x25519_public_key BLOB NOT NULL CHECK (length(x25519_public_key) = 32),
        enabled           INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        created_at        INTEGER NOT NULL,
        updated_at        INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE service_assertions (
        service_id TEXT NOT NULL REFERENCES city_services(id) ON DELETE CASCADE,
        jti        TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (service_id, jti)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX service_assertions_expiry ON service_assertions(expires_at);

      CREATE TABLE service_tokens (
        token_hash TEXT PRIMARY KEY,
        service_id TEXT NOT NULL REFERENCES city_services(id) ON DELETE CASCADE,
        issued_at  INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX service_tokens_service ON service_tokens(service_id);
      CREATE INDEX service_tokens_expiry ON service_tokens(expires_at);
    `,
  },
  {
    version: 6,
    name: 'service-requests',
    // DESIGN §6: a service's request for a resident's documents. Deleting the resident (issue 6)
    // deletes their requests; a service is never deleted, only disabled.
    sql: `
      CREATE TABLE service_requests (
        id             TEXT PRIMARY KEY,
        service_id     TEXT NOT NULL REFERENCES city_services(id),
        resident_id    TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
        categories     TEXT NOT NULL CHECK (json_valid(categories) AND json_type(categories) = 'array'),
        purpose_code   TEXT NOT NULL,
        legal_basis    TEXT NOT NULL,
        retention_days INTEGER NOT NULL CHECK (retention_days BETWEEN 0 AND 36500),
        answer_by      INTEGER NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused', 'withdrawn')),
        created_at     INTEGER NOT NULL,
        answered_at    INTEGER
      ) STRICT;
      CREATE INDEX service_requests_resident ON service_requests(resident_id, created_at);
      CREATE INDEX service_requests_service ON service_requests(service_id, created_at);
    `,
  },
  {
    version: 7,
    name: 'grants',
    // DESIGN §6. A grant answers one request; its keys are document keys sealed to the service,
    // one per document (the granted version). Ending a grant (revoked, expired) deletes its keys in
    // the same transaction; deleting a document or version deletes them by cascade.
    sql: `
      CREATE TABLE grants (
        id               TEXT PRIMARY KEY,
        request_id       TEXT NOT NULL UNIQUE REFERENCES service_requests(id) ON DELETE CASCADE,
        service_id       TEXT NOT NULL REFERENCES city_services(id),
        resident_id      TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
        purpose_code     TEXT NOT NULL,
        legal_basis      TEXT NOT NULL,
        categories       TEXT NOT NULL CHECK (json_valid(categories) AND json_type(categories) = 'array'),
        standing         INTEGER NOT NULL CHECK (standing IN (0, 1)),
        expires_at       INTEGER NOT NULL,
        created_at       INTEGER NOT NULL,
        receipt          TEXT NOT NULL,
        countersignature TEXT NOT NULL,
        ended_at         INTEGER,
        end_reason       TEXT CHECK (end_reason IN ('revoked', 'expired')),
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      ) STRICT;
      CREATE INDEX grants_resident ON grants(resident_id, created_at);
      CREATE INDEX grants_service ON grants(service_id, created_at);
      CREATE INDEX grants_open_expiry ON grants(expires_at) WHERE ended_at IS NULL;

      CREATE TABLE grant_keys (
        grant_id    TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        version     INTEGER NOT NULL,
        wrapped_key BLOB NOT NULL,
        created_at  INTEGER NOT NULL,
        PRIMARY KEY (grant_id, document_id),
        FOREIGN KEY (document_id, version)
          REFERENCES document_versions(document_id, version) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX grant_keys_version ON grant_keys(document_id, version);
    `,
  },
  {
    version: 8,
    name: 'residents-by-national-id',
    // City services name residents by their national identifier (DESIGN §6).
    sql: `CREATE INDEX residents_national_id ON residents(national_id) WHERE national_id IS NOT NULL;`,
  },
  {
    version: 9,
    name: 'resident-deletion',
    // GDPR Art. 17 (issue 6). A deleted resident keeps a row with nothing but the pseudonymous id
    // and two times: the grants that stay as the record of what was consented to reference it.
    // Every personal column is cleared in the deletion's transaction.
    sql: `ALTER TABLE residents ADD COLUMN deleted_at INTEGER;`,
  },
];
