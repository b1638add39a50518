#!/usr/bin/env bash
# Runs every libFuzzer target (an executable named *_fuzzer) under BUILD_FUZZ_DIR for SECONDS
# each, as many at once as there are cores (FUZZ_JOBS to change), on a copy of its seed
# corpus fuzz/corpus/<name without _fuzzer>/, so that the
# checked-in corpus is never modified. Fails if any fuzzer fails (a crash, a sanitizer
# report, a timeout of 10 s on one input, or more than 2 GB of memory); the input that failed
# is kept in BUILD_FUZZ_DIR/fuzz-artifacts/<name>/.
#
# Usage: fuzz/run_fuzzers.sh BUILD_FUZZ_DIR SECONDS
set -euo pipefail

if [[ $# -ne 2 || ! -d $1 || ! $2 =~ ^[0-9]+$ ]]; then
  echo "usage: $0 BUILD_FUZZ_DIR SECONDS" >&2
  exit 2
fi
build_dir=$(cd "$1" && pwd)
seconds=$2
corpus_root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/corpus

work=$(mktemp -d "${TMPDIR:-/tmp}/steward_fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

mapfile -t fuzzers < <(find "$build_dir" -path '*/CMakeFiles' -prune -o \
  -type f -name '*_fuzzer' -perm -u+x -print | sort)
if [[ ${#fuzzers[@]} -eq 0 ]]; then
  echo "no *_fuzzer executables under $build_dir (configure with -DSTEWARD_BUILD_FUZZERS=ON)" >&2
  exit 2
fi

# Runs one fuzzer; its exit status goes to $work/NAME/status.
fuzz_one() {
  local fuzzer=$1 name target corpus status=0
  name=$(basename "$fuzzer")
  target=${name%_fuzzer}
  corpus="$work/$name/corpus"
  # Inputs up to 4 KiB keep each target above 1,000 runs a second (RELIABILITY.md §6); larger
  # seeds (100k brackets, long lines) are replayed whole by the unit tests instead.
  "$fuzzer" -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$work/$name/artifacts/" "$corpus" >"$work/$name/log" 2>&1 || status=$?
  echo "$status" > "$work/$name/status"
}

# Each fuzzer is one process on one core: as many run at once as there are cores.
parallel=${FUZZ_JOBS:-$(nproc)}
for fuzzer in "${fuzzers[@]}"; do
  name=$(basename "$fuzzer")
  target=${name%_fuzzer}
  corpus="$work/$name/corpus"
  mkdir -p "$corpus" "$work/$name/artifacts"
  if [[ -d $corpus_root/$target ]]; then
    cp -R "$corpus_root/$target/." "$corpus/"
  else
    echo "warning: no seed corpus $corpus_root/$target; $name starts from nothing" >&2
  fi
  echo "== $name: ${seconds}s on $(find "$corpus" -type f | wc -l) seed inputs"
  while (( $(jobs -rp | wc -l) >= parallel )); do
    wait -n || true
  done
  fuzz_one "$fuzzer" &
done
wait

failed=()
for fuzzer in "${fuzzers[@]}"; do
  name=$(basename "$fuzzer")
  log="$work/$name/log"
  status=$(cat "$work/$name/status" 2>/dev/null || echo 1)
  echo "== $name"
  grep -E '^(Done [0-9]+ runs|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb))' \
    "$log" || true
  if [[ $status -ne 0 ]]; then
    failed+=("$name")
    echo "FAILED: $name exited with $status; the end of its log:"
    tail -n 60 "$log"
    kept="$build_dir/fuzz-artifacts/$name"
    mkdir -p "$kept"
    cp -R "$work/$name/artifacts/." "$kept/"
    cp "$log" "$kept/log.txt"
    echo "the failing input and the log are in $kept"
  fi
done

if [[ ${#failed[@]} -ne 0 ]]; then
  echo "fuzzers failed: ${failed[*]}"
  exit 1
fi
echo "all ${#fuzzers[@]} fuzzers passed"
