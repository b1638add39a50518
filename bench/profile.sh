#!/usr/bin/env bash
# Profiling benchmark: `steward profile` against pandas (read + describe + nunique + isna +
# quantiles: bench/peers/pandas_peer.py profile) and DuckDB (load + SUMMARIZE, 2 threads), whole
# process, on the synthetic 1M x 20 file and the real sensor file x300 that bench/run.sh caches,
# then Steward's peak memory on 10x the synthetic rows. Writes bench/RESULTS_profile.md.
# Knobs: BENCH_REPEAT (default 3), STEWARD (default build/bin/steward).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
repeat=${BENCH_REPEAT:-3}
steward=${STEWARD:-build/bin/steward}
python=/usr/bin/python3
peers=bench/.peers/duckdb
cache=bench/.cache
out_md=bench/RESULTS_profile.md
synth=$cache/synthetic_1m.csv
real=$cache/sensor_x300.csv
[[ -f $synth && -f $real && -f $peers/duckdb_peer.mjs ]] || {
  echo "bench: run bench/run.sh first (it generates the inputs and installs DuckDB)" >&2
  exit 1
}

# median_run CMD...: runs CMD `repeat` times, prints "median_seconds max_rss_kib".
median_run() {
  local -a walls=() rss=()
  for ((i = 0; i < repeat; i++)); do
    /usr/bin/time -f '%e %M' -o /tmp/steward_bench_time "$@" > /dev/null 2> /tmp/steward_bench_err ||
      { cat /tmp/steward_bench_err >&2; exit 1; }
    read -r wall kib < /tmp/steward_bench_time
    walls+=("$wall"); rss+=("$kib")
  done
  printf '%s %s\n' "$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(( (repeat + 1) / 2 ))p")" \
    "$(printf '%s\n' "${rss[@]}" | sort -g | tail -n 1)"
}

row() {  # label file
  local label=$1 file=$2 abs=$root/$2
  cat "$file" > /dev/null
  read -r s1 m1 < <(median_run "$steward" profile "$file" --json -q --threads 1)
  read -r s2 m2 < <(median_run "$steward" profile "$file" --json -q --threads 2)
  read -r pd pm < <(median_run "$python" bench/peers/pandas_peer.py "$file" profile)
  read -r dd dm < <(cd "$peers" && median_run node duckdb_peer.mjs "$abs" 2 summarize)
  local best
  best=$(awk -v a="$s1" -v b="$s2" 'BEGIN { print (a < b ? a : b) }')
  awk -v l="$label" -v s1="$s1" -v s2="$s2" -v m="$m2" -v pd="$pd" -v pm="$pm" -v dd="$dd" -v dm="$dm" -v b="$best" 'BEGIN {
    printf "| %s | %.2f s | %.2f s | %.0f MiB | %.2f s (%.0f MiB) | %.2f s (%.0f MiB) | %.1f× | %.1f× |\n",
      l, s1, s2, m / 1024, pd, pm / 1024, dd, dm / 1024, pd / b, dd / b }'
}

big=$cache/synthetic_10m.csv
if [[ ! -f $big ]]; then
  echo "bench: writing $big (the 1M rows ten times)" >&2
  { head -n 1 "$synth"; for i in {1..10}; do tail -n +2 "$synth"; done; } > "$big.tmp"
  mv "$big.tmp" "$big"
fi

{
  echo "# Profiling benchmark"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
  echo "by \`bench/profile.sh\`; medians of $repeat runs, whole process (GNU time), page cache warm."
  echo "pandas: read_csv + describe(include='all') + nunique + isna().sum + 7 quantiles. DuckDB: load + SUMMARIZE, 2 threads."
  echo "Steward computes every statistic of \`steward profile\` (moments, KLL quantiles, histograms, IQR/MAD outliers,"
  echo "HyperLogLog distinct counts, top values, duplicate rows, Pearson and Cramér's V, sample)."
  echo
  echo "| file | steward 1 thread | steward 2 threads | steward peak | pandas | DuckDB | vs pandas | vs DuckDB |"
  echo "|---|--:|--:|--:|--:|--:|--:|--:|"
  row "synthetic 1M × 20 (134 MB)" "$synth"
  row "sensor × 300 (128 MB)" "$real"
  echo
  read -r s1 m1 < <(median_run "$steward" profile "$synth" --json -q --threads 2)
  read -r s10 m10 < <(repeat=1 median_run "$steward" profile "$big" --json -q --threads 2)
  awk -v m1="$m1" -v m10="$m10" -v s10="$s10" 'BEGIN {
    printf "Memory: 1M rows %.0f MiB peak, 10M rows %.0f MiB peak (%+.0f%%; %.1f s).\n", m1 / 1024, m10 / 1024, (m10 / m1 - 1) * 100, s10 }'
} > "$out_md"
cat "$out_md"
