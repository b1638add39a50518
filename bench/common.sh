# Setup shared by the benchmark scripts (sourced): the repository root as working directory,
# the binaries, a scratch folder removed on exit, and the synthetic data cache.
root=$(cd "$(dirname "${BASH_SOURCE[1]}")/.." && pwd)
cd "$root"
threads=${BENCH_THREADS:-2}
steward=${STEWARD:-build/bin/steward}
python=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# synthetic_data ROWS: the path of bench/peers/gen_csv.py's file of ROWS rows, made once into
# bench/.cache.
synthetic_data() {
  local path=bench/.cache/synthetic_$1.csv
  mkdir -p bench/.cache
  [[ -f $path ]] || "$python" bench/peers/gen_csv.py "$path" --rows "$1" > /dev/null
  echo "$path"
}

# timed NAME RUN COMMAND...: runs COMMAND, its wall seconds and peak KiB to $work/NAME.RUN.time.
timed() {
  local name=$1 run=$2
  shift 2
  /usr/bin/time -f '%e %M' -o "$work/$name.$run.time" "$@"
}
