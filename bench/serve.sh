#!/usr/bin/env bash
# Serving benchmark: `steward serve` against gunicorn + Flask + XGBoost (MLflow's classic
# shape, bench/peers/serve_flask.py, 2 workers) and nginx returning a fixed small JSON (the
# loopback ceiling), in one run, loaded by wrk. Every server is pinned to core 0 (taskset) and
# wrk to core 1. All three answer one-row predictions of the same data: data/credit_data.csv,
# target Status, 100 rounds of depth 6 (Steward: --rounds 100 --early-stopping 0; the peer:
# bench/peers/serving_model.py), the first row as the request. Steward checks the key, validates
# the row against the schema and logs every prediction (fsync'd in batches) as it always does.
# Writes bench/RESULTS_serve.md. Knobs: BENCH_SECONDS (10 per run), STEWARD (build/bin/steward).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
set -euo pipefail
seconds=${BENCH_SECONDS:-10}
data=data/credit_data.csv
for tool in wrk nginx gunicorn taskset curl; do
  command -v $tool > /dev/null || { echo "bench: $tool missing: scripts/install-deps.sh --bench" >&2; exit 1; }
done
g++ -O2 -std=c++20 -pthread bench/open_loop_client.cc -o "$work/open_loop"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  [[ -f $work/nginx/nginx.pid ]] && kill "$(cat "$work/nginx/nginx.pid")" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {  # URL: until it answers
  for _ in $(seq 200); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done
  echo "bench: $1 did not come up" >&2; return 1
}
# load NAME URL CONNECTIONS BODY_FILE [KEY]: one wrk run; appends "NAME conns rps p50 p99 non2xx"
load() {
  local name=$1 url=$2 connections=$3 body=$4 key=${5:-}
  ROW_JSON=$body STEWARD_KEY=$key taskset -c 1 wrk -t1 -c"$connections" -d"${seconds}s" --latency \
    -s bench/peers/post.lua "$url" > "$work/wrk.txt"
  "$python" - "$work/wrk.txt" "$name" "$connections" >> "$work/runs.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def latency(label):
    match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not match:
        return "nan"
    scale = {"us": 1e-3, "ms": 1.0, "s": 1000.0}[match.group(2)]
    return f"{float(match.group(1)) * scale:.3f}"
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors:.*", text)
print(sys.argv[2], sys.argv[3], rps, latency("50"), latency("99"),
      (bad.group(1) if bad else "0") + ("/" + errors.group(0).replace(" ", "") if errors else ""))
PY
}

# Steward: the model in a registry, a predict key, the server on core 0.
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
        if len(rows) == 100:
            break
json.dump(rows[0], open(f"{work}/row.json", "w"))
json.dump({"instances": rows}, open(f"{work}/batch100.json", "w"))
PY
port=$(free_port)
taskset -c 0 "$steward" serve --model credit@production --port "$port" --threads 1 \
  --prediction-log "$work/predictions" -q &
pids+=($!)
steward_pid=$!
wait_for "http://127.0.0.1:$port/healthz"
url="http://127.0.0.1:$port/v1/models/credit/predict"
curl -s -f -H "Authorization: Bearer $key" -d @"$work/row.json" "$url" > /dev/null
rss_loaded=$(awk '/VmRSS/ {print $2}' /proc/$steward_pid/status)
for connections in 1 16 64; do load steward "$url" $connections "$work/row.json" "$key"; done
load steward_batch100 "$url" 16 "$work/batch100.json" "$key"
# Open loop (latency from each request's due time): RELIABILITY's L1 rate, then heavier.
for rate in 500 10000 30000; do
  taskset -c 1 "$work/open_loop" 127.0.0.1 "$port" /v1/models/credit/predict "$work/row.json" \
    $rate "$seconds" 16 "$key" >> "$work/open_loop.jsonl"
done
# Soak (RELIABILITY L4): half the measured one-row throughput, open loop, for BENCH_SOAK_SECONDS;
# RSS and open descriptors at 10 s and at the end.
soak_seconds=${BENCH_SOAK_SECONDS:-60}
soak_rate=$(awk '$1 == "steward" && $2 == 16 {printf "%d", $3 / 2}' "$work/runs.txt")
taskset -c 1 "$work/open_loop" 127.0.0.1 "$port" /v1/models/credit/predict "$work/row.json" \
  "$soak_rate" "$soak_seconds" 16 "$key" > "$work/soak.json" &
soak_pid=$!
sleep 10
soak_rss_10=$(awk '/VmRSS/ {print $2}' /proc/$steward_pid/status)
soak_fds_10=$(ls /proc/$steward_pid/fd | wc -l)
wait $soak_pid
soak_rss_end=$(awk '/VmRSS/ {print $2}' /proc/$steward_pid/status)
soak_fds_end=$(ls /proc/$steward_pid/fd | wc -l)
echo "$soak_seconds $soak_rss_10 $soak_rss_end $soak_fds_10 $soak_fds_end" > "$work/soak.txt"
rss_after=$(awk '/VmRSS/ {print $2}' /proc/$steward_pid/status)
rss_peak=$(awk '/VmHWM/ {print $2}' /proc/$steward_pid/status)
logged=$(cat "$work"/predictions/*.jsonl | wc -l)
kill -TERM $steward_pid; wait $steward_pid || true

# gunicorn + Flask + XGBoost, 2 workers, on core 0.
"$python" bench/peers/serving_model.py "$data" "$work/peer_model" --target Status > /dev/null
port=$(free_port)
STEWARD_MODEL_DIR=$work/peer_model taskset -c 0 "$python" -m gunicorn -w 2 -b "127.0.0.1:$port" \
  --chdir bench/peers --log-level warning serve_flask:app &
pids+=($!)
wait_for "http://127.0.0.1:$port/predict" || true
sleep 1
curl -s -f -d @"$work/peer_model/row.json" -H 'Content-Type: application/json' \
  "http://127.0.0.1:$port/predict" > /dev/null
load flask "http://127.0.0.1:$port/predict" 16 "$work/peer_model/row.json"
kill "${pids[-1]}"; wait "${pids[-1]}" 2> /dev/null || true

# nginx, one worker on core 0, a fixed JSON body.
port=$(free_port)
mkdir -p "$work/nginx/logs"
sed "s/127.0.0.1:18080/127.0.0.1:$port/" bench/peers/nginx_json.conf > "$work/nginx/nginx.conf"
taskset -c 0 nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'worker_processes 1;' 2> /dev/null
wait_for "http://127.0.0.1:$port/"
echo '{}' > "$work/empty.json"
for connections in 16 64; do load nginx "http://127.0.0.1:$port/" $connections "$work/empty.json"; done

"$python" - "$work/runs.txt" "$work/open_loop.jsonl" "$work/soak.json" "$work/soak.txt" "$seconds" "$rss_loaded" "$rss_after" "$rss_peak" "$logged" \
  "$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)" "$(nginx -v 2>&1 | cut -d/ -f2)" \
  "$(dpkg-query -W -f='${Version}' gunicorn) / $(dpkg-query -W -f='${Version}' python3-flask) / $("$python" -c 'import xgboost; print(xgboost.__version__)')" \
  "$(cut -d' ' -f1 /proc/loadavg)" > bench/RESULTS_serve.md <<'PY'
import json, sys
(runs_path, open_loop_path, soak_path, soak_stats, seconds, rss_loaded, rss_after, rss_peak, logged,
 wrk, nginx, peer, load) = sys.argv[1:14]
runs = {}
for line in open(runs_path):
    name, connections, rps, p50, p99, bad = line.split()
    runs[(name, int(connections))] = (float(rps), p50, p99, bad)
def row(label, key, note=""):
    rps, p50, p99, bad = runs[key]
    return f"| {label} | {key[1]} | {rps:,.0f} | {p50} | {p99} | {bad} | {note} |"
flask = runs[("flask", 16)][0]
nginx_best = max(runs[("nginx", 16)][0], runs[("nginx", 64)][0])
steward16, steward64 = runs[("steward", 16)][0], runs[("steward", 64)][0]
best = max(steward16, steward64)
print("# Serving benchmark\n")
print(f"`bench/serve.sh`, {seconds} s per run, wrk {wrk} (`-t1`, closed loop) on core 1, each "
      f"server pinned to core 0; loopback. Load average at the end: {load} on 2 cores.\n")
print("Steward: `steward serve --threads 1`, credit model (100 rounds, depth 6), bearer key "
      "checked, row validated against the schema, every prediction appended to the prediction "
      f"log. Peer: gunicorn + Flask + XGBoost ({peer}), 2 workers, same data and model shape. "
      f"Ceiling: nginx {nginx} returning a fixed JSON, 1 worker.\n")
print("| server | connections | requests/s | p50 ms | p99 ms | non-2xx | |")
print("|---|---|---|---|---|---|---|")
print(row("steward, one row", ("steward", 1)))
print(row("steward, one row", ("steward", 16), f"{steward16 / flask:.1f}x the Flask peer"))
print(row("steward, one row", ("steward", 64)))
print(row("steward, 100-row batches", ("steward_batch100", 16),
          f"{runs[('steward_batch100', 16)][0] * 100:,.0f} rows/s"))
print(row("gunicorn + Flask + XGBoost", ("flask", 16)))
print(row("nginx fixed JSON", ("nginx", 16)))
print(row("nginx fixed JSON", ("nginx", 64)))
print()
print("Open loop (`bench/open_loop_client.cc`, 16 connections, one-row predictions, latency "
      "measured from each request's due time, so queueing counts):\n")
print("| rate asked | achieved | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | non-2xx | errors |")
print("|---|---|---|---|---|---|---|---|---|")
for line in open(open_loop_path):
    r = json.loads(line)
    print(f"| {r['rate']:,.0f} | {r['achieved']:,.0f} | {r['p50_ms']:.3f} | {r['p90_ms']:.3f} | "
          f"{r['p99_ms']:.3f} | {r['p999_ms']:.3f} | {r['max_ms']:.3f} | {r['non_2xx']} | "
          f"{r['errors']} |")
print()
print(f"- Throughput at 16 connections: **{steward16 / flask:.1f}x** gunicorn + Flask (goal 12x).")
print(f"- Best Steward throughput is **{100 * best / nginx_best:.0f}%** of nginx's best "
      f"(goal 50%).")
print(f"- p50 at 1 connection: {runs[('steward', 1)][1]} ms (goal 0.1 ms); p99 at 16 "
      f"connections: {runs[('steward', 16)][2]} ms (goal 2 ms). wrk is closed-loop: these "
      "latencies leave out queueing (coordinated omission).")
print(f"- Server RSS: {int(rss_loaded) / 1024:.1f} MiB with the model loaded, "
      f"{int(rss_after) / 1024:.1f} MiB after the runs, peak {int(rss_peak) / 1024:.1f} MiB "
      "(goal 30 MiB).")
print(f"- Prediction log lines written during the Steward runs: {int(logged):,}.")
soak = json.loads(open(soak_path).read())
soak_seconds, rss_10, rss_end, fds_10, fds_end = open(soak_stats).read().split()
print(f"- Soak (L4): {soak['rate']:,.0f} requests/s open loop for {soak_seconds} s: "
      f"{soak['requests']:,} requests, {soak['non_2xx']} non-2xx, {soak['errors']} errors, "
      f"p50 {soak['p50_ms']:.3f} ms, p99 {soak['p99_ms']:.3f} ms, p99.9 {soak['p999_ms']:.3f} ms; "
      f"RSS {int(rss_10) / 1024:.1f} MiB at 10 s, {int(rss_end) / 1024:.1f} MiB at the end "
      f"({(int(rss_end) - int(rss_10)) / 1024:+.1f} MiB; goal at most +5); open descriptors "
      f"{fds_10} then {fds_end}.")
PY
cat bench/RESULTS_serve.md
