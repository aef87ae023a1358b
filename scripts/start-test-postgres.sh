#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster (if it is down) and makes the role the tests connect as
# (test/helpers/postgres.ts). Idempotent. Run as root: by .ci/run, and by the test setup when it
# finds no PostgreSQL to talk to. Installing the package is .ci/run's job (apt-get).
set -euo pipefail

ROLE="${VAULT_TEST_POSTGRES_ROLE:-citizen_vault_test}"
PASSWORD="${VAULT_TEST_POSTGRES_PASSWORD:-citizen_vault_test}"

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "start-test-postgres: PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 69
fi

# The first cluster Debian made (pg_createcluster runs when the package is installed).
read -r VERSION CLUSTER PORT STATUS _ < <(pg_lsclusters --no-header | head -n 1)
if [ -z "${VERSION:-}" ]; then
  echo "start-test-postgres: no PostgreSQL cluster (pg_createcluster 15 main)" >&2
  exit 69
fi
if [ "$STATUS" != "online" ]; then
  pg_ctlcluster "$VERSION" "$CLUSTER" start
fi

# Wait for it to accept connections (pg_ctlcluster returns once the postmaster is up; recovery may
# still be running).
for _ in $(seq 1 60); do
  if runuser -u postgres -- pg_isready -q -p "$PORT"; then break; fi
  sleep 0.5
done
runuser -u postgres -- pg_isready -p "$PORT" >/dev/null

runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -qtA <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END
\$\$;
-- DROP DATABASE … WITH (FORCE) ends the sessions still in a test database, autovacuum's included.
GRANT pg_signal_backend TO $ROLE;
SQL
echo "start-test-postgres: PostgreSQL $VERSION/$CLUSTER on port $PORT, role $ROLE"
