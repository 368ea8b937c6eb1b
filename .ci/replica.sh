#!/usr/bin/env bash
# A streaming hot standby of cluster 15/main (127.0.0.1:5432) on 127.0.0.1:5433, for the hub's
# read-replica tests (tests/city/db/report-reader.test.ts). Idempotent; needs root (runs the server
# tools as the postgres user). Made with pg_basebackup -R, so it follows the primary by streaming
# replication. The tram role may pause and resume WAL replay (to test a lagging replica).
set -euo pipefail
PORT="${REPLICA_PORT:-5433}"
BIN=/usr/lib/postgresql/15/bin
DIR=/var/lib/postgresql/15/replica-test

[ "$(id -u)" = 0 ] || { echo "replica.sh: needs root" >&2; exit 1; }
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "replica.sh: the primary on 5432 is not running" >&2; exit 1; }

su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tram_replicator') THEN
    CREATE ROLE tram_replicator REPLICATION LOGIN PASSWORD 'tram_replicator';
  END IF;
END $$;
SQL
# Function privileges live in each database: grant them where the tests connect (replicated to the standby).
su postgres -c "psql -v ON_ERROR_STOP=1 -q -d ${TEST_DATABASE:-tram_test}" <<'SQL'
GRANT EXECUTE ON FUNCTION pg_wal_replay_pause() TO tram;
GRANT EXECUTE ON FUNCTION pg_wal_replay_resume() TO tram;
SQL

if pg_isready -h 127.0.0.1 -p "$PORT" -q; then echo "replica.sh: already running on 127.0.0.1:$PORT"; exit 0; fi
if [ ! -f "$DIR/standby.signal" ]; then
  rm -rf "$DIR"
  su postgres -c "PGPASSWORD=tram_replicator $BIN/pg_basebackup -h 127.0.0.1 -p 5432 -U tram_replicator -D $DIR -R -X stream -c fast"
  cat > "$DIR/postgresql.conf" <<CONF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '/var/run/postgresql'
hot_standby = on
hot_standby_feedback = on
CONF
  cp /etc/postgresql/15/main/pg_hba.conf /etc/postgresql/15/main/pg_ident.conf "$DIR/"
  chown postgres:postgres "$DIR"/*.conf
fi
su postgres -c "$BIN/pg_ctl -D $DIR -l $DIR/server.log -w -t 60 start" >/dev/null
pg_isready -h 127.0.0.1 -p "$PORT" -q
echo "replica.sh: hot standby on 127.0.0.1:$PORT"
