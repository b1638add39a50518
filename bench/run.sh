#!/usr/bin/env bash
# Ingest benchmark: Steward's CSV reader against pandas and DuckDB on the same files, in the
# same run. Run from anywhere (normally `make bench` after `make build`); writes bench/RESULTS.md.
# See bench/README.md for what is measured. Knobs (environment):
#   BENCH_ROWS=N      rows of the synthetic file (default 1000000; the cache name then changes)
#   BENCH_REPEAT=N    timed runs per command, median reported (default 5)
#   BENCH_COPIES=N    copies of the real data set's rows in the large real-data file (default 300)
#   BENCH_OUT=PATH    where the report goes (default bench/RESULTS.md)
#   BENCH_STRICT=1    exit 1 when a goal is missed (default: report only, exit 0)
#   STEWARD=PATH      the binary to measure (default build/bin/steward)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

rows=${BENCH_ROWS:-1000000}
repeat=${BENCH_REPEAT:-5}
copies=${BENCH_COPIES:-300}
out_md=${BENCH_OUT:-bench/RESULTS.md}
steward=${STEWARD:-build/bin/steward}
python=/usr/bin/python3          # Debian's interpreter with python3-pandas; never PATH's python3
gnu_time=/usr/bin/time
duckdb_pkg=@duckdb/node-api@1.5.6-r.1
cache=bench/.cache
peers=bench/.peers/duckdb
real_src=data/sensor_anomaly_singlehop.csv

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }

[[ $rows =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROWS must be a positive integer, got '$rows'"
[[ $repeat =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPEAT must be a positive integer, got '$repeat'"
[[ $copies =~ ^[1-9][0-9]*$ ]] || die "BENCH_COPIES must be a positive integer, got '$copies'"
[[ -x $steward ]] || die "$steward not found; run 'make build' first"
[[ -x $python ]] || die "$python not found; install Debian's python3, python3-pandas, python3-numpy"
"$python" -c 'import pandas, numpy' 2>/dev/null || die "$python cannot import pandas/numpy; install python3-pandas python3-numpy"
[[ -x $gnu_time ]] || die "$gnu_time (GNU time, Debian package 'time') not found"
command -v node >/dev/null || die "node not found on PATH"
command -v npm >/dev/null || die "npm not found on PATH"
[[ -f $real_src ]] || die "$real_src missing"

mkdir -p "$cache"

# --- DuckDB peer: installed once into bench/.peers/duckdb (gitignored). -----------------------
# The peer script is an ES module; Node resolves '@duckdb/node-api' from the script's own folder,
# so the script is copied (unchanged) next to node_modules and run from there.
if ! node -e "process.exit(require('./$peers/node_modules/@duckdb/node-api/package.json').version === '${duckdb_pkg##*@}' ? 0 : 1)" 2>/dev/null; then
  log "installing $duckdb_pkg into $peers"
  mkdir -p "$peers"
  [[ -f $peers/package.json ]] || echo '{ "private": true, "description": "DuckDB peer for bench/run.sh" }' > "$peers/package.json"
  (cd "$peers" && npm install --no-audit --no-fund --save-exact "$duckdb_pkg" >&2)
fi
cp bench/peers/duckdb_peer.mjs "$peers/duckdb_peer.mjs"

# --- Inputs ------------------------------------------------------------------------------------
data_rows() { echo $(( $(wc -l < "$1") - 1 )); }   # header + one line per row, no quoted newlines

if [[ $rows -eq 1000000 ]]; then synth=$cache/synthetic_1m.csv; else synth=$cache/synthetic_${rows}.csv; fi
if [[ -f $synth && $(data_rows "$synth") -eq $rows ]]; then
  log "using $synth ($rows rows)"
else
  log "generating $synth ($rows rows; about 45 s per million rows)"
  "$python" bench/peers/gen_csv.py "$synth.tmp" --rows "$rows"
  mv "$synth.tmp" "$synth"
fi

real_big=$cache/sensor_x${copies}.csv
real_rows=$(data_rows "$real_src")
if [[ -f $real_big && $(data_rows "$real_big") -eq $((real_rows * copies)) ]]; then
  log "using $real_big ($((real_rows * copies)) rows)"
else
  log "writing $real_big: $real_src rows x $copies, header once"
  {
    head -n 1 "$real_src"
    for ((i = 0; i < copies; i++)); do tail -n +2 "$real_src"; done
  } > "$real_big.tmp"
  mv "$real_big.tmp" "$real_big"
fi

# --- Measurement -------------------------------------------------------------------------------
# Raw data go to run.partial/ and replace run/ only when every command succeeded.
run_dir=$cache/run.partial
rm -rf "$run_dir"
mkdir -p "$run_dir"
tsv=$run_dir/measurements.tsv
printf 'file\tpath\tbytes\tcmd\trep\twall_s\tmaxrss_kb\thires_s\tstdout\tcommand\n' > "$tsv"

# Warm the tools' own files (binaries, Python modules, libduckdb) into the page cache, untimed.
"$steward" --version >/dev/null || die "$steward --version failed"
"$python" bench/peers/pandas_peer.py "$real_src" import >/dev/null || die "the pandas peer does not run"
(cd "$peers" && node duckdb_peer.mjs "$root/$real_src" 1 count >/dev/null) || die "the DuckDB peer does not run"

loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# bench_file LABEL PATH: every command REPEAT times, round-robin so that background noise
# spreads over all of them alike.
bench_file() {
  local label=$1 path=$2 bytes abs
  bytes=$(stat -c %s "$path")
  abs=$root/$path
  local -a ids=(steward_t1 steward_t2 pandas_read pandas_import duckdb_t1 duckdb_t2)
  local -A dirs=() cmds=()
  dirs[steward_t1]=$root;  cmds[steward_t1]="$steward inspect $path --json --threads 1"
  dirs[steward_t2]=$root;  cmds[steward_t2]="$steward inspect $path --json --threads 2"
  dirs[pandas_read]=$root; cmds[pandas_read]="$python bench/peers/pandas_peer.py $path read"
  dirs[pandas_import]=$root; cmds[pandas_import]="$python bench/peers/pandas_peer.py $path import"
  dirs[duckdb_t1]=$root/$peers; cmds[duckdb_t1]="node duckdb_peer.mjs $abs 1 load"
  dirs[duckdb_t2]=$root/$peers; cmds[duckdb_t2]="node duckdb_peer.mjs $abs 2 load"

  log "$label: $path ($bytes bytes), $repeat runs per command"
  cat "$path" > /dev/null            # untimed warm-up read: page cache warm for every command
  local rep id base t0 t1 status shown
  for ((rep = 1; rep <= repeat; rep++)); do
    for id in "${ids[@]}"; do
      base=$run_dir/$label.$id.$rep
      t0=$EPOCHREALTIME
      status=0
      # Word splitting of the command string is intended: no path here contains spaces.
      # shellcheck disable=SC2086
      (cd "${dirs[$id]}" && exec "$gnu_time" -f '%e %M' -o "$root/$base.time" ${cmds[$id]}) \
        > "$base.out" 2> "$base.err" || status=$?
      t1=$EPOCHREALTIME
      if [[ $status -ne 0 ]]; then
        echo "bench: '${cmds[$id]}' (in ${dirs[$id]#"$root/"}) failed with status $status:" >&2
        tail -n 20 "$base.err" >&2
        exit 1
      fi
      shown=${cmds[$id]}
      [[ $id == duckdb_* ]] && shown="(cd $peers && ${cmds[$id]})"
      read -r wall rss < <(tail -n 1 "$base.time")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$path" "$bytes" "$id" "$rep" \
        "$wall" "$rss" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')" \
        "${base##*/}.out" "$shown" >> "$tsv"
    done
    log "  run $rep/$repeat done"
  done
}

bench_file synthetic "$synth"
bench_file real "$real_src"
bench_file "real_x$copies" "$real_big"

loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)
finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)

{
  printf 'started\t%s\nfinished\t%s\n' "$started" "$finished"
  printf 'loadavg_start\t%s\nloadavg_end\t%s\n' "$loadavg_start" "$loadavg_end"
  printf 'repeat\t%s\nrows\t%s\ncopies\t%s\n' "$repeat" "$rows" "$copies"
  printf 'steward\t%s\npython\t%s\nduckdb_dir\t%s\nreal_source\t%s\n' "$steward" "$python" "$peers" "$real_src"
} > "$run_dir/meta.tsv"

rm -rf "$cache/run"
mv "$run_dir" "$cache/run"

strict=()
[[ ${BENCH_STRICT:-0} == 1 ]] && strict=(--strict)
"$python" bench/report.py --run-dir "$cache/run" --out "$out_md" "${strict[@]}"
