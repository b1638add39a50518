#!/usr/bin/env bash
# Drift benchmark: `steward monitor` against the SciPy reference (bench/peers/drift_reference.py,
# the same program the oracle test compares with) on the 20 columns of bench/peers/gen_csv.py's
# 1,000,000 rows and their drifted twin (--shift 0.5), in the same run. Both compute KS,
# Wasserstein, PSI, Jensen-Shannon, chi-square and unseen shares for every column, exactly.
# Also: steward from a saved profile of the reference (the bundle's stored reference: same
# code path as --bundle), whose compute part the issue bounds at 0.5 s.
# Writes bench/RESULTS_monitor.md. Knobs: BENCH_ROWS (1000000), BENCH_REPEAT (3),
# STEWARD (build/bin/steward).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
rows=${BENCH_ROWS:-1000000}
repeat=${BENCH_REPEAT:-3}
reference=$(synthetic_data "$rows")
current=bench/.cache/synthetic_${rows}_shift.csv
[[ -f $current ]] || "$python" bench/peers/gen_csv.py "$current" --rows "$rows" --shift 0.5 > /dev/null
"$steward" profile "$reference" --out "$work/reference_profile.json" -q > /dev/null
cat "$reference" "$current" > /dev/null  # every command starts with the files cached
load_before=$(cut -d' ' -f1 /proc/loadavg)
for run in $(seq "$repeat"); do
  timed reference "$run" "$python" bench/peers/drift_reference.py "$reference" "$current" \
    --out "$work/scipy.json" 2> "$work/reference.$run.json"
  timed steward "$run" "$steward" monitor --reference "$reference" --current "$current" \
    --json > "$work/steward.$run.json" || [[ $? == 1 ]]
  timed profile "$run" "$steward" monitor --reference "$work/reference_profile.json" \
    --current "$current" --json > "$work/profile.$run.json" || [[ $? == 1 ]]
done
"$python" tests/oracle/monitor_vs_scipy.py --help > /dev/null  # the oracle script is present

"$python" - "$work" "$rows" "$repeat" "$load_before" "$(nproc)" > bench/RESULTS_monitor.md <<'PY'
import json, statistics, sys
work, rows, repeat, load, cores = sys.argv[1:6]
repeat, load, cores = int(repeat), float(load), int(cores)

def runs(name, compute):
    wall, memory, inner = [], [], []
    for run in range(1, repeat + 1):
        seconds, kib = open(f"{work}/{name}.{run}.time").read().split()[-2:]
        wall.append(float(seconds)); memory.append(int(kib) / 1024)
        text = open(f"{work}/{name}.{run}.json").read()
        inner.append(compute(json.loads(text.strip().splitlines()[-1] if name == "reference" else text)))
    return statistics.median(inner), statistics.median(wall), max(memory)

scipy = runs("reference", lambda j: j["compute_s"])
data = runs("steward", lambda j: j["timing"]["compute_s"])
profile = runs("profile", lambda j: j["timing"]["compute_s"])
ours = json.load(open(f"{work}/steward.1.json"))
theirs = json.load(open(f"{work}/scipy.json"))["columns"]
worst = 0.0
for column in ours["columns"]:
    for key, value in theirs[column["name"]].items():
        if key != "kind":
            scale = max(abs(value), abs(column[key]))
            worst = max(worst, 0.0 if scale < 1e-300 else abs(column[key] - value) / scale)
print(f"# Drift benchmark\n\n{int(rows):,} reference rows against {int(rows):,} drifted rows "
      f"(bench/peers/gen_csv.py, --shift 0.5), 20 columns (14 numeric, 5 categorical, label), "
      f"every statistic on every column. Median of {repeat} runs; ratio = reference / steward.\n")
print(f"Load average when the run started: {load} on {cores} cores." +
      (" Other work was running: re-run on a quiet machine before quoting.\n" if load > 0.5 * cores else "\n"))
print("| command | compute s | whole process s | peak MiB | whole-process ratio | memory ratio |")
print("|---|---|---|---|---|---|")
print(f"| SciPy reference (drift_reference.py) | {scipy[0]:.3f} | {scipy[1]:.2f} | {scipy[2]:.0f} | 1 | 1 |")
for label, figures in (("steward monitor, reference from the CSV", data),
                       ("steward monitor, reference from a saved profile", profile)):
    print(f"| {label} | {figures[0]:.3f} | {figures[1]:.2f} | {figures[2]:.0f} | "
          f"{scipy[1] / figures[1]:.1f} | {scipy[2] / figures[2]:.2f} |")
print(f"\nLargest relative difference from SciPy over every statistic (CSV reference): {worst:.1e}.")
print("Goals (issue 8): whole process at least 10x faster, peak memory at most half; from a "
      "stored reference, compute under 0.5 s.")
PY
cat bench/RESULTS_monitor.md
