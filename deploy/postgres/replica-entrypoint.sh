#!/usr/bin/env bash
# The streaming replica (hot standby). On first start its data directory is empty: it is made with
# pg_basebackup from the primary, with -R (writes primary_conninfo and standby.signal, so the server
# starts as a standby) and the primary's replication slot. Later starts find the data directory and
# go straight to the official entrypoint. To fail over: docs/operations.md, "Scaled deployment on
# PostgreSQL" (promote this server with pg_ctl promote or SELECT pg_promote()).
set -euo pipefail

: "${PGDATA:=/var/lib/postgresql/data}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  until gosu postgres pg_isready --host "$VAULT_PG_PRIMARY_HOST" --port "${VAULT_PG_PRIMARY_PORT:-5432}" --quiet; do
    echo "waiting for the primary at $VAULT_PG_PRIMARY_HOST …"
    sleep 2
  done
  PGPASSWORD="$VAULT_PG_REPLICATION_PASSWORD" gosu postgres pg_basebackup \
    --host "$VAULT_PG_PRIMARY_HOST" --port "${VAULT_PG_PRIMARY_PORT:-5432}" \
    --username "$VAULT_PG_REPLICATION_USER" \
    --pgdata "$PGDATA" \
    --wal-method stream \
    --slot "$VAULT_PG_REPLICATION_SLOT" \
    --write-recovery-conf \
    --checkpoint fast \
    --progress
fi

# cluster_name is the name this standby reports to the primary (synchronous_standby_names).
exec docker-entrypoint.sh postgres -c hot_standby=on -c cluster_name="$VAULT_PG_REPLICATION_SLOT"
