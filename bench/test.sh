#!/usr/bin/env bash
# passthru test over 100 recipe x tape pairs: how long one `passthru test` takes (one JVM for every replay).
# Copies the shipped recipes that have tapes (each with its fresh and second-run tape) into 50 directories of a
# temporary tree, cycling over the recipes: 50 recipes x 2 tapes = 100 pairs. Then runs `passthru test` on the tree
# RUNS times (after one warm-up) and prints each run's wall time and the median. Prints figures; asserts nothing.
# Usage: bash bench/test.sh [RUNS]      (default 5)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; root="$(dirname "$here")"
RUNS=${1:-5}; PAIRS=100
W="$(mktemp -d /tmp/passthru-bench-test.XXXXXX)"
trap 'rm -rf "$W"' EXIT

recipes=()
for r in "$root"/recipes/*/*.groovy; do
  n="$(basename "$r" .groovy)"; d="$(dirname "$r")"
  [ -f "$d/tapes/$n.fresh.yaml" ] && [ -f "$d/tapes/$n.second-run.yaml" ] && recipes+=("$r")
done
for ((i = 0; i < PAIRS / 2; i++)); do
  r="${recipes[$((i % ${#recipes[@]}))]}"; n="$(basename "$r" .groovy)"; d="$(dirname "$r")"
  mkdir -p "$W/tree/$i/tapes"
  cp "$r" "$W/tree/$i/"; cp "$d/tapes/$n.fresh.yaml" "$d/tapes/$n.second-run.yaml" "$W/tree/$i/tapes/"
done

(cd "$root" && ./passthru --version >/dev/null)   # build once, outside the figures
export PASSTHRU_HOME="$W/home"
"$root/passthru" test "$W/tree" > "$W/warmup.txt" || { echo "bench: passthru test failed:" >&2; cat "$W/warmup.txt" >&2; exit 1; }
echo "pairs: $(tail -1 "$W/warmup.txt")"
times=()
for ((k = 1; k <= RUNS; k++)); do
  t0=$(date +%s%N); "$root/passthru" test "$W/tree" >/dev/null; t1=$(date +%s%N)
  ms=$(((t1 - t0) / 1000000)); times+=("$ms"); echo "run $k: ${ms} ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
echo "passthru test, ${PAIRS} recipe x tape pairs, one process: median ${median} ms wall over ${RUNS} runs"
