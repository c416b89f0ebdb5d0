#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Builds one libFuzzer target with Debian's clang 16 under AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs it for a short while. make test runs every target
# this way (FUZZ_SECONDS each, default 5); run longer by hand:
#
#   FUZZ_SECONDS=300 tests/fuzz/run.sh period
#
# A target is tests/fuzz/NAME_fuzz.cpp; its line "// fuzz-sources: core/a.cpp core/b.cpp"
# names the sources under src/civic/ it needs, and "// fuzz-libs: -lx" any library besides
# fmt and libical. Crashes are kept in build/fuzz/NAME/.
#
# clang 16 reports __cpp_concepts as 201907, so Debian's libstdc++ 12 hides <expected>,
# which Civic's error values use; clang 16 does implement what <expected> needs
# (conditionally trivial special members), so the macro is raised to let it through.
set -euo pipefail
name=${1:?the target name, e.g. period}
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${FUZZ_BUILD:-$root/build/fuzz}/$name
seconds=${FUZZ_SECONDS:-5}
src=$root/tests/fuzz/${name}_fuzz.cpp
clang=$(command -v clang++-16 || true)
[[ -n $clang ]] || { echo "fuzz: clang++-16 is missing; run scripts/setup --test" >&2; exit 1; }
[[ -f $src ]] || { echo "fuzz: no target $src" >&2; exit 1; }

mkdir -p "$out/corpus"
sources=()
for s in $(sed -n 's|^// fuzz-sources:||p' "$src"); do sources+=("$root/src/civic/$s"); done
bin=$out/$name
# Rebuild only when a source is newer than the binary.
if [[ ! -x $bin ]] || [[ -n $(find "$src" "${sources[@]}" -newer "$bin" 2>/dev/null) ]]; then
  "$clang" -std=c++2b -U__cpp_concepts -D__cpp_concepts=202002L -O1 -g \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$root/src" "$src" "${sources[@]}" -lfmt -lical $(sed -n 's|^// fuzz-libs:||p' "$src") \
    -o "$bin"
fi
# Seeds: the lines of tests/fuzz/NAME.seeds, one input each.
if [[ -f $root/tests/fuzz/$name.seeds ]]; then
  i=0
  while IFS= read -r line; do
    printf '%s' "$line" >"$out/corpus/seed-$i"
    i=$((i + 1))
  done <"$root/tests/fuzz/$name.seeds"
fi
cd "$out"
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 \
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 corpus 2>&1 | tail -n 25
