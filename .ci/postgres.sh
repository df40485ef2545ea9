#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the store tests, and print its URL.
#
#   .ci/postgres.sh                 # prints: export FLASHPOINT_TEST_PG_URL=postgresql+psycopg://...
#   eval "$(.ci/postgres.sh)"       # ... and exports it into the calling shell
#
# Idempotent: installs PostgreSQL from Debian's packages only when missing, creates the cluster
# only once, starts it only when stopped, creates the database only when absent.
# Settings (environment): FLASHPOINT_PG_PORT (55432), FLASHPOINT_PG_DIR (a folder under TMPDIR),
# FLASHPOINT_PG_DB (flashpoint_test).
set -euo pipefail

PG_PORT="${FLASHPOINT_PG_PORT:-55432}"
PG_DIR="${FLASHPOINT_PG_DIR:-${TMPDIR:-/tmp}/flashpoint-pg}"
PG_DB="${FLASHPOINT_PG_DB:-flashpoint_test}"

log() { echo "postgres.sh: $*" >&2; }

find_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; fi
}

BINDIR=$(find_bindir)
if [ -z "$BINDIR" ]; then
  log "installing PostgreSQL from Debian packages"
  if [ "$(id -u)" -ne 0 ]; then log "need root to apt-get install postgresql"; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
  BINDIR=$(find_bindir)
fi
[ -n "$BINDIR" ] || { log "PostgreSQL binaries not found after install"; exit 1; }

# initdb refuses to run as root: run the server as the 'postgres' system user then.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$PG_DIR" --shell /bin/sh postgres
  as_pg() { runuser -u postgres -- "$@"; }
  PG_USER=postgres
else
  as_pg() { "$@"; }
  PG_USER=$(id -un)
fi

mkdir -p "$PG_DIR"
[ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
DATA="$PG_DIR/data"

if [ ! -s "$DATA/PG_VERSION" ]; then
  log "creating cluster in $DATA"
  as_pg "$BINDIR/initdb" -D "$DATA" -U "$PG_USER" --auth=trust --encoding=UTF8 --no-locale >&2
fi

if ! as_pg "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  log "starting server on 127.0.0.1:$PG_PORT"
  as_pg "$BINDIR/pg_ctl" -D "$DATA" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off" start >&2
fi

exists=$(as_pg "$BINDIR/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")
if [ "$exists" != "1" ]; then
  log "creating database $PG_DB"
  as_pg "$BINDIR/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$PG_DB" >&2
fi

FLASHPOINT_TEST_PG_URL="postgresql+psycopg://$PG_USER@127.0.0.1:$PG_PORT/$PG_DB"
export FLASHPOINT_TEST_PG_URL
echo "export FLASHPOINT_TEST_PG_URL=$FLASHPOINT_TEST_PG_URL"
