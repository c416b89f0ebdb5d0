#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# A throw-away PostgreSQL 15 cluster for the tests: initdb into a temporary folder as an
# unprivileged user, on a free loopback port, with durability off (it is thrown away).
#
#   tests/pg/cluster.sh start STATE_DIR   # writes STATE_DIR/url, STATE_DIR/data, STATE_DIR/port
#   tests/pg/cluster.sh stop STATE_DIR    # stops it and removes its data
#   tests/pg/cluster.sh pause STATE_DIR   # stops the server but keeps the data (an outage)
#   tests/pg/cluster.sh resume STATE_DIR  # starts it again on the same port
set -euo pipefail
cmd=${1:?start, stop, pause or resume}
state=${2:?state directory}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x $bindir/initdb ]] || { echo "cluster.sh: PostgreSQL server binaries are missing; run scripts/setup --test" >&2; exit 1; }

# PostgreSQL refuses to run as root: run it as the postgres user when we are root.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local data=$1 port=$2
  as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
}

case $cmd in
  start)
    mkdir -p "$state"
    data=$(mktemp -d /tmp/civic-pg.XXXXXX)
    [[ $(id -u) -eq 0 ]] && chown postgres: "$data"
    as_owner "$bindir/initdb" -D "$data" -A trust -U postgres -E UTF8 --no-locale >/dev/null
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    pg_start "$data" "$port"
    echo "$data" >"$state/data"
    echo "$port" >"$state/port"
    echo "postgres://postgres@127.0.0.1:$port" >"$state/url"
    echo "PostgreSQL is serving on postgres://postgres@127.0.0.1:$port (data in $data)"
    ;;
  pause)
    as_owner "$bindir/pg_ctl" -D "$(cat "$state/data")" -m fast -w stop >/dev/null
    ;;
  resume)
    pg_start "$(cat "$state/data")" "$(cat "$state/port")"
    ;;
  stop)
    [[ -f $state/data ]] || exit 0
    data=$(cat "$state/data")
    as_owner "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$data" "$state/data" "$state/port" "$state/url"
    ;;
  *)
    echo "cluster.sh: unknown command $cmd" >&2
    exit 2
    ;;
esac
