#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Throughput of a unit read (GET /api/v1/units/{id}) against the health check (GET /healthz),
# measured side by side in one run with wrk on this machine. Prints both and their ratio.
# The goal: the unit read reaches at least half the health check's throughput.
#
#   bench/http.sh                 # 10 s per endpoint, 2 server threads, 2 wrk threads, 32 connections
#   DURATION=30s bench/http.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CIVIC_BIN:-build/civic}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "bench: wrk is missing; run scripts/setup --test" >&2; exit 1; }
[[ -x $BIN ]] || { echo "bench: $BIN is missing; run make" >&2; exit 1; }

dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
"$BIN" init --db "$dir/civic.db" >/dev/null
"$BIN" demo --db "$dir/civic.db" >/dev/null
"$BIN" serve --db "$dir/civic.db" --port 0 --threads "$THREADS" >"$dir/out" 2>"$dir/access.log" &
pid=$!
for _ in $(seq 100); do grep -q "serving on" "$dir/out" 2>/dev/null && break; sleep 0.05; done
url=$(grep -o 'http://[^ ]*' "$dir/out")
id=$(sqlite3 "$dir/civic.db" "SELECT id FROM units WHERE kind = 'directorate' ORDER BY name LIMIT 1")

measure() {  # prints requests per second
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1" >"$dir/wrk.txt"
    grep -q "Non-2xx" "$dir/wrk.txt" && { cat "$dir/wrk.txt" >&2; echo "bench: errors from $1" >&2; exit 1; }
    awk '/Requests\/sec/ {print $2}' "$dir/wrk.txt"
    awk '/ 99%/ {print "  p99 " $2}' "$dir/wrk.txt" >&2
}
echo "machine: $(nproc) cores; server threads $THREADS; wrk -t$THREADS -c$CONNECTIONS -d$DURATION" >&2
echo "GET /healthz" >&2
health=$(measure "$url/healthz")
echo "GET /api/v1/units/{id}" >&2
unit=$(measure "$url/api/v1/units/$id")
ratio=$(awk -v a="$unit" -v b="$health" 'BEGIN {printf "%.2f", a / b}')
printf 'healthz           %10.0f req/s\nunit read         %10.0f req/s\nratio unit/health %10s (goal: at least 0.50)\n' \
    "$health" "$unit" "$ratio"
