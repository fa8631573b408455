#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks, on a free loopback port in a
# temporary directory. PostgreSQL refuses to run as root, so as root the cluster runs as the
# `postgres` user (Debian's package creates it).
# For tests, autovacuum_naptime=1: their fresh databases get planner statistics within seconds
# (a long-lived database has them anyway; without them PostgreSQL guesses index plans badly).
# `start bench` keeps PostgreSQL's own autovacuum cadence (a minute), as a deployment runs: with
# a one-second cadence a table growing by 10,000 rows a second is vacuumed and analyzed about
# every second, a tenth of the machine's CPU that no deployment spends.
# Besides the TCP URL it prints NINETAILED_TEST_POSTGRES_SOCKET_URL: the same cluster over its
# Unix socket (in PGCLUSTER_DIR), how a server on the database's machine connects.
#
#   eval "$(bash scripts/postgres.sh start)"   # exports NINETAILED_TEST_POSTGRES_URL and PGCLUSTER_DIR
#   bash scripts/postgres.sh stop "$PGCLUSTER_DIR"
set -euo pipefail

bin_dir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    bin="$(bin_dir)" || { echo "postgres.sh: initdb not found (apt-get install -y postgresql)" >&2; exit 1; }
    settings="-c autovacuum_naptime=1"
    [ "${2:-}" = bench ] && settings=""
    dir="$(mktemp -d /tmp/ninetailed-pg.XXXXXX)"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200 $settings" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "export PGCLUSTER_DIR='$dir'"
    echo "export NINETAILED_TEST_POSTGRES_URL='postgres://postgres@127.0.0.1:$port/postgres'"
    echo "export NINETAILED_TEST_POSTGRES_SOCKET_URL='postgres://postgres@localhost:$port/postgres?host=$dir'"
    ;;
  stop)
    dir="${2:-${PGCLUSTER_DIR:-}}"
    [ -n "$dir" ] && [ -d "$dir/data" ] || exit 0
    bin="$(bin_dir)"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: postgres.sh start [bench] | stop [dir]" >&2
    exit 2
    ;;
esac
