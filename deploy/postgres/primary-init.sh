#!/usr/bin/env bash
# Runs once, when the primary's data directory is first initialised (the official postgres image
# runs /docker-entrypoint-initdb.d/* then). Makes the replication role and a physical replication
# slot for the replica, and lets that role connect for replication from the compose network.
# The slot keeps the WAL the replica has not received yet, so a replica that was down catches up
# instead of needing a new base backup (watch pg_replication_slots: a replica gone for good must
# have its slot dropped, or WAL piles up on the primary's disk).
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v replication_user="$VAULT_PG_REPLICATION_USER" \
  -v replication_password="$VAULT_PG_REPLICATION_PASSWORD" \
  -v slot="$VAULT_PG_REPLICATION_SLOT" <<'SQL'
CREATE ROLE :"replication_user" WITH REPLICATION LOGIN PASSWORD :'replication_password';
SELECT pg_create_physical_replication_slot(:'slot');
SQL

echo "host replication ${VAULT_PG_REPLICATION_USER} all scram-sha-256" >> "$PGDATA/pg_hba.conf"
