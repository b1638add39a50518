#!/usr/bin/env bash
# PII scan benchmark: `steward scan-pii` against bench/peers/pii_reference.py (pandas + Python
# `re` with the same detectors, Luhn and mod-97 checks; copied from the project's shared peers)
# on one 1,000,000-row, 20-column table with two free-text columns holding embedded PII
# (bench/peers/gen_pii_csv.py), in the same run. Whole-process wall time of each, as a ratio.
# Writes bench/RESULTS_pii.md. Knobs: BENCH_ROWS (1000000), BENCH_REPEAT (1 for the peer,
# which takes minutes), BENCH_THREADS (2), STEWARD (build/bin/steward).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
rows=${BENCH_ROWS:-1000000}
repeat=${BENCH_REPEAT:-1}
data=bench/.cache/pii_$rows.csv
mkdir -p bench/.cache
[[ -f $data ]] || "$python" bench/peers/gen_pii_csv.py "$data" --rows "$rows"
cat "$data" > /dev/null  # both start with the file cached
load_before=$(uptime)
for run in $(seq "$repeat"); do
  /usr/bin/time -f '%e %M' -o "$work/steward.$run.time" "$steward" scan-pii "$data" --json -q \
    --fail-on never --threads "$threads" > "$work/steward.$run.json"
  /usr/bin/time -f '%e %M' -o "$work/reference.$run.time" "$python" bench/peers/pii_reference.py \
    "$data" --out "$work/reference.$run.json" 2> /dev/null
done
load_after=$(uptime)

"$python" - "$work" "$rows" "$repeat" "$threads" "$load_before" "$load_after" "$(nproc)" "$data" \
  > bench/RESULTS_pii.md <<'PY'
import json, os, statistics, sys
work, rows, repeat, threads, load_before, load_after, cores, data = sys.argv[1:9]
repeat = int(repeat)

def wall(name):
    times = [open(f"{work}/{name}.{r}.time").read().split()[-2:] for r in range(1, repeat + 1)]
    return statistics.median(float(t[0]) for t in times), max(int(t[1]) for t in times) / 1024

steward_s, steward_mb = wall("steward")
reference_s, reference_mb = wall("reference")
ours = json.load(open(f"{work}/steward.1.json"))
theirs = json.load(open(f"{work}/reference.1.json"))
print("# PII scan benchmark\n")
print(f"{int(rows):,} rows x 20 columns ({os.path.getsize(data) / 1e6:.0f} MB, "
      "bench/peers/gen_pii_csv.py): 9 numeric, a 16-digit account ID, 3 categorical, e-mail, "
      "phone, card, IBAN, IPv4 and two free-text columns with embedded PII in one row in ten. "
      f"steward with {threads} threads; median of {repeat} run(s); whole-process wall time; "
      "ratio = reference / steward.\n")
print(f"Load when the run started: `{load_before.strip()}`; when it ended: `{load_after.strip()}` "
      f"({cores} cores, shared with other builds).\n")
print("| tool | wall s | peak MB |\n|---|---:|---:|")
print(f"| steward scan-pii | {steward_s:.2f} | {steward_mb:.0f} |")
print(f"| pii_reference.py (pandas + re) | {reference_s:.2f} | {reference_mb:.0f} |")
print(f"\n**Ratio: {reference_s / steward_s:.1f}x** (goal: at least 20x).\n")
print("Columns flagged (detector: share of values):\n")
print("| column | steward | reference |\n|---|---|---|")
for column in ours["columns"]:
    mine = ", ".join(f"{f['detector']} {f['share']:.3f}" for f in column["findings"]) or "-"
    ref = ", ".join(f"{k} {v:.3f}" for k, v in theirs["columns"].get(column["column"], {}).items()) or "-"
    print(f"| {column['column']} | {mine} | {ref} |")
print("\nThe reference counts any search hit; steward requires the checks and boundaries of its "
      "detectors (a 16-digit account ID passing Luhn by chance is not a card), so the shares "
      "differ where the reference over-matches.")
PY
cat bench/RESULTS_pii.md
