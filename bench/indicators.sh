#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# How fast the indicators module reads a council's figures in and assesses them, each against
# a baseline measured in the same run:
#
#   a. `civic import values` of a million values (2,000 monthly indicators × 500 months, each
#      line a value and its target) into a fresh demo database, against `sqlite3 .import` of
#      the same file into a bare table (no rules, no audit trail, no index beyond the rowid);
#   b. `civic import dataset` of a million benchmark values (400 councils × 50 metrics × 50
#      years), against `sqlite3 .import` of the same file;
#   c. the scorecard of 1,000 quarterly indicators with 40 quarters of values and targets each
#      (GET /api/v1/scorecard?period=…), against reading the same rows with sqlite3.
#
# The goal for the imports: no slower than the bare .import.
#
#   bench/indicators.sh                          # the full run: a million rows a file
#   ROWS=100000 bench/indicators.sh              # a smaller run
#   ROWS=2000 SCORECARD_INDICATORS=20 REQUESTS=2 bench/indicators.sh   # what make test runs (no goal)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CIVIC_BIN:-build/civic}
ROWS=${ROWS:-1000000}
MONTHS=${MONTHS:-500}                             # months of values for each indicator in (a)
SCORECARD_INDICATORS=${SCORECARD_INDICATORS:-1000}  # quarterly indicators in (c), 40 quarters each
REQUESTS=${REQUESTS:-10}                           # scorecards requested in (c)
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 is missing; run scripts/setup --test" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench: python3 is missing; run scripts/setup --test" >&2; exit 1; }
[[ -x $BIN ]] || { echo "bench: $BIN is missing; run make" >&2; exit 1; }

dir=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; rm -rf "$dir"' EXIT

# Indicators BENCH00000 … : percentages (entered as numerator and denominator) and numbers
# (entered as values) in turn, under each of the three kinds of RAG rule.
indicators_csv() {  # $1: how many, $2: frequency
  awk -v n="$1" -v f="$2" 'BEGIN {
    print "code,title,unit,polarity,frequency,rag_rule";
    split("met|amber-within:5%|green-within:10%;amber-if:better-than-last-year", rules, "|");
    for (i = 0; i < n; i++)
      printf "BENCH%05d,Generated indicator %d,%s,%s,%s,%s\n", i, i,
        i % 2 == 0 ? "percentage" : "number", i % 4 < 2 ? "higher" : "lower", f, rules[i % 3 + 1];
  }'
}
# One line for each period of each indicator, rows lines in all: a value (or a numerator and
# denominator), a target, and a note on every tenth line (quoted: it holds a comma).
values_csv() {  # $1: rows, $2: periods per indicator, $3: month or quarter
  awk -v rows="$1" -v per="$2" -v kind="$3" 'BEGIN {
    print "indicator,period,value,numerator,denominator,target,note";
    for (r = 0; r < rows; r++) {
      i = int(r / per); m = r % per;
      if (kind == "month") period = sprintf("%04d-%02d", 1990 + int(m / 12), m % 12 + 1);
      else { y = 2016 + int(m / 4); period = sprintf("%d/%02d Q%d", y, (y + 1) % 100, m % 4 + 1); }
      note = r % 10 == 0 ? "\"Generated value, for the benchmark\"" : "";
      if (i % 2 == 0)
        printf "BENCH%05d,%s,,%d,%d,75,%s\n", i, period, 40 + (i * 7 + m * 13) % 60, 100, note;
      else
        printf "BENCH%05d,%s,%d,,,%d,%s\n", i, period, 100 + (i * 11 + m * 17) % 900, 500, note;
    }
  }'
}
# Long benchmark data: 400 councils × 50 metrics × as many years as make up the rows.
dataset_csv() {  # $1: rows
  awk -v rows="$1" 'BEGIN {
    print "area_code,area_name,metric,period,value";
    for (r = 0; r < rows; r++) {
      a = r % 400; m = int(r / 400) % 50; y = 1975 + int(r / 20000);
      printf "E06%06d,Council %d,metric_%02d,%d-%02d,%.2f\n", a, a, m, y, (y + 1) % 100,
        (a * 37 + m * 11 + y * 7) % 1000 / 10;
    }
  }'
}

seconds() {  # runs a command; prints the wall-clock seconds it took
  local start end
  start=$(date +%s.%N)
  "$@" >"$dir/last.out" 2>"$dir/last.err" || { cat "$dir/last.out" "$dir/last.err" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

fresh_demo() {  # $1: database path
  "$BIN" init --db "$1" >/dev/null 2>&1
  "$BIN" demo --db "$1" >/dev/null 2>&1
}
# The baseline: sqlite3's own bulk load of the file into a bare table, in one transaction.
bare() {  # $1: file, $2: table, $3: columns
  rm -f "$dir/bare.db"
  sqlite3 "$dir/bare.db" "CREATE TABLE $2 ($3)"
  sqlite3 "$dir/bare.db" ".import --csv --skip 1 $1 $2"
}

echo "machine: $(nproc) cores; $ROWS rows a file; SQLite $(sqlite3 --version | cut -d' ' -f1)"

# ---- a. values
indicators=$(((ROWS + MONTHS - 1) / MONTHS))
indicators_csv "$indicators" monthly >"$dir/indicators.csv"
values_csv "$ROWS" "$MONTHS" month >"$dir/values.csv"
bare_values=$(seconds bare "$dir/values.csv" vals \
  "indicator TEXT, period TEXT, value TEXT, numerator TEXT, denominator TEXT, target TEXT, note TEXT")
fresh_demo "$dir/civic.db"
civic_indicators=$(seconds "$BIN" import indicators --db "$dir/civic.db" "$dir/indicators.csv")
civic_values=$(seconds "$BIN" import values --db "$dir/civic.db" "$dir/values.csv")
grep -q "Imported $ROWS values and $ROWS targets" "$dir/last.out" ||
  { cat "$dir/last.out" >&2; echo "bench: the values import did not take every line" >&2; exit 1; }
printf '%-52s %8s s\n' "sqlite3 .import of $ROWS values into a bare table" "$bare_values"
printf '%-52s %8s s\n' "civic import indicators ($indicators monthly)" "$civic_indicators"
printf '%-52s %8s s   ratio %s\n' "civic import values ($ROWS values and targets)" "$civic_values" \
  "$(ratio "$civic_values" "$bare_values")"

# ---- b. a benchmark dataset (when this build has civic import dataset)
dataset_csv "$ROWS" >"$dir/dataset.csv"
fresh_demo "$dir/dataset.db"
if dataset_csv 10 >"$dir/probe.csv" && "$BIN" import dataset probe --db "$dir/dataset.db" \
  --values "$dir/probe.csv" >/dev/null 2>&1; then
  bare_dataset=$(seconds bare "$dir/dataset.csv" dataset \
    "area_code TEXT, area_name TEXT, metric TEXT, period TEXT, value TEXT")
  civic_dataset=$(seconds "$BIN" import dataset bench --db "$dir/dataset.db" --values "$dir/dataset.csv")
  printf '%-52s %8s s\n' "sqlite3 .import of $ROWS dataset values" "$bare_dataset"
  printf '%-52s %8s s   ratio %s\n' "civic import dataset ($ROWS values)" "$civic_dataset" \
    "$(ratio "$civic_dataset" "$bare_dataset")"
else
  echo "civic import dataset: not in this build; skipped"
fi

# ---- c. the scorecard
fresh_demo "$dir/scorecard.db"
indicators_csv "$SCORECARD_INDICATORS" quarterly >"$dir/quarterly.csv"
values_csv $((SCORECARD_INDICATORS * 40)) 40 quarter >"$dir/quarterly-values.csv"
"$BIN" import indicators --db "$dir/scorecard.db" "$dir/quarterly.csv" >/dev/null
"$BIN" import values --db "$dir/scorecard.db" "$dir/quarterly-values.csv" >/dev/null
echo "bench-password-long-enough" | "$BIN" user add --db "$dir/scorecard.db" --username bench \
  --name "Bench Admin" --role administrator --password-stdin >/dev/null
token=$("$BIN" token create --db "$dir/scorecard.db" --user bench | tail -n 1)
"$BIN" serve --db "$dir/scorecard.db" --port 0 --threads 2 >"$dir/out" 2>"$dir/access.log" &
pid=$!
for _ in $(seq 100); do grep -q "serving on" "$dir/out" 2>/dev/null && break; sleep 0.05; done
url=$(grep -o 'http://[^ ]*' "$dir/out")
held=$(sqlite3 "$dir/scorecard.db" \
  "SELECT (SELECT count(*) FROM indicator_values) || ' values and ' || (SELECT count(*) FROM indicator_targets) || ' targets'")
# N scorecards one after another, each checked whole; prints the seconds each took on average.
scorecard_seconds=$(URL="$url/api/v1/scorecard?period=2025%2F26%20Q4" TOKEN="$token" N="$REQUESTS" \
  WANT="$SCORECARD_INDICATORS" python3 -c '
import json, os, time, urllib.request
req = urllib.request.Request(os.environ["URL"], headers={"Authorization": "Bearer " + os.environ["TOKEN"]})
n, total = int(os.environ["N"]), 0.0
for _ in range(n):
    start = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        body = r.read()
    total += time.perf_counter() - start
    card = json.loads(body)
    codes = [i["indicator"]["code"] for i in card["items"] if i["indicator"]["code"].startswith("BENCH")]
    assert len(codes) == int(os.environ["WANT"]), f"{len(codes)} BENCH rows in the scorecard"
print(f"{total / n:.3f} {len(body)}")')
read -r scorecard_each scorecard_bytes <<<"$scorecard_seconds"
# The baseline: the same rows read by sqlite3, in one process, the same number of times.
for _ in $(seq "$REQUESTS"); do
  echo "SELECT * FROM indicator_values; SELECT * FROM indicator_targets;"
done >"$dir/read.sql"
read_all=$(seconds sh -c "sqlite3 '$dir/scorecard.db' <'$dir/read.sql' >/dev/null")
read_each=$(awk -v a="$read_all" -v n="$REQUESTS" 'BEGIN {printf "%.3f", a / n}')
printf '%-52s %8s s\n' "sqlite3 reading every value and target ($held)" "$read_each"
printf '%-52s %8s s   ratio %s   (%s requests, %s bytes each)\n' \
  "GET /api/v1/scorecard ($SCORECARD_INDICATORS quarterly indicators)" "$scorecard_each" \
  "$(ratio "$scorecard_each" "$read_each")" "$REQUESTS" "$scorecard_bytes"
