#!/usr/bin/env bash
# What live drift costs the server: `steward serve` with its live drift window (the default,
# --drift-window 1h) against the same server with --drift-window 0, loaded by wrk as
# bench/serve.sh loads it (server pinned to core 0, wrk to core 1, the credit model of 100
# rounds, one-row and 100-row predictions), but without the prediction log, whose batched
# fsyncs would add noise to a difference of a few microseconds. The two configurations run
# alternately, BENCH_ROUNDS times each (3), so background load hits both alike; medians are
# reported, with the server's CPU time per request (utime + stime from /proc, over the requests
# wrk completed), which other load on the machine disturbs less than throughput. Then, with the window full of the batch runs' rows, the time to compute the drift
# result (the JSON's timing.compute_s, a fresh result every 1.1 s) and to answer a /metrics
# scrape, cached and not. Last, when built (-DSTEWARD_BUILD_BENCHMARKS=ON), the in-process cost of
# LiveWindow::Add (bench/live_window_benchmark.cc), which a loaded shared machine measures more
# steadily than the end-to-end runs. Writes bench/RESULTS_serve_drift.md. Knobs: BENCH_SECONDS
# (5 per run), BENCH_ROUNDS, STEWARD, LIVE_WINDOW_BENCHMARK (build/bench/live_window_benchmark).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
set -euo pipefail
seconds=${BENCH_SECONDS:-5}
rounds=${BENCH_ROUNDS:-3}
data=data/credit_data.csv
for tool in wrk taskset curl; do
  command -v $tool > /dev/null || { echo "bench: $tool missing: scripts/install-deps.sh --bench" >&2; exit 1; }
done
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {
  for _ in $(seq 200); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done
  echo "bench: $1 did not come up" >&2; return 1
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
# load CONFIG NAME URL CONNECTIONS BODY_FILE: one wrk run, appended to runs.txt as
# "config name connections rps p50 p99 non2xx cpu_us_per_request".
load() {
  local config=$1 name=$2 url=$3 connections=$4 body=$5
  local ticks_before ticks_after
  ticks_before=$(cpu_ticks)
  ROW_JSON=$body STEWARD_KEY=$key taskset -c 1 wrk -t1 -c"$connections" -d"${seconds}s" --latency \
    -s bench/peers/post.lua "$url" > "$work/wrk.txt"
  ticks_after=$(cpu_ticks)
  "$python" - "$work/wrk.txt" "$config" "$name" "$connections" \
    "$(( ticks_after - ticks_before ))" "$(getconf CLK_TCK)" >> "$work/runs.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
ticks, per_second = int(sys.argv[5]), int(sys.argv[6])
requests = int(re.search(r"(\d+) requests in", text).group(1))
def latency(label):
    match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    scale = {"us": 1e-3, "ms": 1.0, "s": 1000.0}[match.group(2)]
    return f"{float(match.group(1)) * scale:.3f}"
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
print(sys.argv[2], sys.argv[3], sys.argv[4], rps, latency("50"), latency("99"),
      bad.group(1) if bad else "0", f"{1e6 * ticks / per_second / requests:.2f}")
PY
}

OMP_NUM_THREADS=1 "$steward" train "$data" --target Status --rounds 100 --early-stopping 0 \
  --out "$work/bundle" -q > /dev/null
export STEWARD_REGISTRY=$work/registry
"$steward" registry init > /dev/null
"$steward" registry register "$work/bundle" --model credit > /dev/null
"$steward" registry promote credit 1 --to production > /dev/null
key=$("$steward" registry keys create --scope predict 2> /dev/null)
"$python" - "$data" "$work/bundle/schema.json" "$work" <<'PY'
import csv, json, sys
data, schema_path, work = sys.argv[1:4]
schema = json.load(open(schema_path))
rows = []
with open(data) as handle:
    for record in csv.DictReader(handle):
        row = {}
        for feature in schema["features"]:
            value = record[feature["name"]]
            numeric = feature["kind"] != "categorical"
            row[feature["name"]] = None if value == "" else (float(value) if numeric else value)
        rows.append(row)
json.dump(rows[0], open(f"{work}/row.json", "w"))
json.dump({"instances": rows[:100]}, open(f"{work}/batch100.json", "w"))
PY

# start CONFIG: the server with (on) or without (off) live drift, on core 0.
start() {
  local window=1h
  [[ $1 == off ]] && window=0
  port=$(free_port)
  taskset -c 0 "$steward" serve --model credit@production --port "$port" --threads 1 \
    --no-prediction-log --drift-window "$window" -q &
  server_pid=$!
  wait_for "http://127.0.0.1:$port/healthz"
  url="http://127.0.0.1:$port/v1/models/credit/predict"
  curl -s -f -H "Authorization: Bearer $key" -d @"$work/row.json" "$url" > /dev/null
}
stop() { kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=; }

for round in $(seq "$rounds"); do
  for config in off on; do
    start $config
    load $config one_row "$url" 1 "$work/row.json"
    load $config one_row "$url" 16 "$work/row.json"
    load $config batch100 "$url" 16 "$work/batch100.json"
    if [[ $config == on && $round == "$rounds" ]]; then
      # The window now holds every row of this server's runs; each call 1.1 s apart computes a
      # fresh result.
      for _ in 1 2 3 4 5; do
        sleep 1.1
        curl -s -f -H "Authorization: Bearer $key" \
          "http://127.0.0.1:$port/v1/models/credit/drift" >> "$work/drift.jsonl"
        echo >> "$work/drift.jsonl"
        curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $key" \
          "http://127.0.0.1:$port/metrics" >> "$work/metrics_cached.txt"
      done
      for _ in 1 2 3 4 5; do
        sleep 1.1
        curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $key" \
          "http://127.0.0.1:$port/metrics" >> "$work/metrics_fresh.txt"
      done
      rss=$(awk '/VmRSS/ {print $2}' /proc/$server_pid/status)
    fi
    stop
  done
done

micro=${LIVE_WINDOW_BENCHMARK:-build/bench/live_window_benchmark}
touch "$work/micro.txt"
if [[ -x $micro ]]; then
  taskset -c 0 "$micro" --benchmark_min_time=0.5 --benchmark_repetitions=3 \
    --benchmark_report_aggregates_only=true 2> /dev/null | grep median > "$work/micro.txt"
fi

"$python" - "$work/runs.txt" "$work/drift.jsonl" "$work/metrics_cached.txt" \
  "$work/metrics_fresh.txt" "$seconds" "$rounds" "$rss" "$(cut -d' ' -f1 /proc/loadavg)" "$work/micro.txt" \
  > bench/RESULTS_serve_drift.md <<'PY'
import json, statistics, sys
runs_path, drift_path, cached_path, fresh_path, seconds, rounds, rss, load, micro = sys.argv[1:10]
runs = {}
for line in open(runs_path):
    config, name, connections, rps, p50, p99, bad, cpu = line.split()
    runs.setdefault((name, int(connections), config), []).append(
        (float(rps), float(p50), float(p99), int(bad), float(cpu)))
def median(key, field):
    return statistics.median(run[field] for run in runs[key])
print("# Live drift: what it costs the server\n")
print(f"`bench/serve_drift.sh`: `steward serve --threads 1` (core 0) with live drift on "
      f"(`--drift-window 1h`, 12 buckets, the default) and off (`--drift-window 0`), wrk `-t1` "
      f"(core 1), credit model of 100 rounds, no prediction log, {seconds} s per run; the two "
      f"configurations alternate, {rounds} runs each, medians shown. Load average at the end: "
      f"{load} on 2 cores (a shared machine: compare the columns, not the absolute figures).\n")
print("| load | connections | server CPU µs/request off | on | change | requests/s off | on | "
      "p50 ms off / on | p99 ms off / on | non-2xx |")
print("|---|---|---|---|---|---|---|---|---|---|")
for name, connections, label in [("one_row", 1, "one row"), ("one_row", 16, "one row"),
                                 ("batch100", 16, "100-row batches")]:
    off, on = (name, connections, "off"), (name, connections, "on")
    rps_off, rps_on = median(off, 0), median(on, 0)
    bad = sum(run[3] for run in runs[off] + runs[on])
    cpu_off, cpu_on = median(off, 4), median(on, 4)
    print(f"| {label} | {connections} | {cpu_off:.1f} | {cpu_on:.1f} | "
          f"{100 * (cpu_on - cpu_off) / cpu_off:+.1f}% | {rps_off:,.0f} | {rps_on:,.0f} | "
          f"{median(off, 1):.3f} / {median(on, 1):.3f} | "
          f"{median(off, 2):.3f} / {median(on, 2):.3f} | {bad} |")
drifts = [json.loads(line) for line in open(drift_path) if line.strip()]
compute = [d["timing"]["compute_s"] * 1000 for d in drifts]
last = drifts[-1]
cached = [float(x) * 1000 for x in open(cached_path)]
fresh = [float(x) * 1000 for x in open(fresh_path)]
sketch = last["current"]["sketch"]
print()
print(f"- Drift result with the window holding {last['current']['rows']:,} rows "
      f"({len(last['columns'])} features, reference {last['reference']['rows']:,} rows, "
      f"approximate: {str(last['current']['approximate']).lower()}): computed in "
      f"{statistics.median(compute):.2f} ms (median of {len(compute)}; max "
      f"{max(compute):.2f} ms), then reused for {last['cache_seconds']:g} s.")
print(f"- `/metrics` scrape (curl, whole request): {statistics.median(cached):.2f} ms when the "
      f"drift result is cached, {statistics.median(fresh):.2f} ms when the scrape computes it "
      "(medians of 5).")
print(f"- Window memory: {sketch['memory_bytes'] / 1024:.0f} KiB held, bound "
      f"{sketch['memory_bound_bytes'] / 1024:.0f} KiB whatever the traffic; server RSS "
      f"{int(rss) / 1024:.1f} MiB after the runs.")
lines = [line.rstrip() for line in open(micro) if line.strip()]
if lines:
    print("\nIn process (`bench/live_window_benchmark.cc`, core 0, medians of 3): the credit "
          "model's 13 features (9 numeric, 4 categorical), one window shared by the threads; "
          "`/1` is a one-row request, `/100` a 100-row batch; time per Add call.\n")
    print("```")
    print("\n".join(lines))
    print("```")
PY
cat bench/RESULTS_serve_drift.md
