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
];
