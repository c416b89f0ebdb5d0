#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Throughput of the unit read (GET /api/v1/units/{id}) on SQLite, on PostgreSQL with one
# civic serve, and on PostgreSQL with two civic serve processes sharing the database, all
# measured in one run on this machine with wrk. PostgreSQL is a throw-away 15 cluster
# (tests/pg/cluster.sh). With two servers, wrk drives both at once and the figures add up.
#
#   bench/postgres.sh                    # 10 s each; THREADS server threads per process (default 4)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CIVIC_BIN:-build/civic}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-4}
command -v wrk >/dev/null || { echo "bench: wrk is missing; run scripts/setup --test" >&2; exit 1; }

dir=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  tests/pg/cluster.sh stop "$dir/pg" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

tests/pg/cluster.sh start "$dir/pg" >/dev/null
pg_server=$(cat "$dir/pg/url")
psql -X -q "$pg_server/postgres" -c "CREATE DATABASE civic"
pg="$pg_server/civic"
lite="$dir/civic.db"
for db in "$lite" "$pg"; do
  "$BIN" init --db "$db" >/dev/null 2>&1
  "$BIN" demo --db "$db" >/dev/null 2>&1
done

serve() {  # serve DB NAME: starts a server, waits for its address, prints it
  "$BIN" serve --db "$1" --port 0 --threads "$THREADS" --db-pool "$((THREADS * 2))" >"$dir/$2.out" 2>"$dir/$2.log" &
  pids+=($!)
  for _ in $(seq 200); do grep -q "serving on" "$dir/$2.out" 2>/dev/null && break; sleep 0.05; done
  grep -o 'http://[^ ]*' "$dir/$2.out"
}
measure() {  # measure CONNECTIONS URL...: runs wrk on every URL at once, prints the sum
  local conns=$1
  shift
  local files=()
  for url in "$@"; do
    f="$dir/wrk.$RANDOM.txt"
    files+=("$f")
    wrk -t2 -c"$conns" -d"$DURATION" "$url" >"$f" &
  done
  wait  # in $( ), only for this subshell's own wrk processes, not the servers
  local total=0
  for f in "${files[@]}"; do
    if grep -q "Non-2xx" "$f"; then cat "$f" >&2; echo "bench: errors" >&2; exit 1; fi
    total=$(awk -v t="$total" '/Requests\/sec/ {printf "%.0f", t + $2}' "$f")
  done
  echo "$total"
}

lite_url=$(serve "$lite" lite)
pg_a=$(serve "$pg" pg-a)
id=$(sqlite3 "$lite" "SELECT id FROM units WHERE kind = 'directorate' ORDER BY name LIMIT 1")
pg_id=$(psql -X -At "$pg" -c "SELECT id FROM units WHERE kind = 'directorate' ORDER BY name LIMIT 1")

echo "machine: $(nproc) cores; $THREADS server threads each; wrk -t2 -c$CONNECTIONS -d$DURATION per server" >&2
sqlite_rps=$(measure "$CONNECTIONS" "$lite_url/api/v1/units/$id")
pg_one=$(measure "$CONNECTIONS" "$pg_a/api/v1/units/$pg_id")
pg_b=$(serve "$pg" pg-b)
pg_two=$(measure "$((CONNECTIONS / 2))" "$pg_a/api/v1/units/$pg_id" "$pg_b/api/v1/units/$pg_id")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
printf 'SQLite, one server          %8d req/s  1.00\n' "$sqlite_rps"
printf 'PostgreSQL, one server      %8d req/s  %s of SQLite\n' "$pg_one" "$(ratio "$pg_one" "$sqlite_rps")"
printf 'PostgreSQL, two servers     %8d req/s  %s of SQLite, %s of one server\n' "$pg_two" \
  "$(ratio "$pg_two" "$sqlite_rps")" "$(ratio "$pg_two" "$pg_one")"
