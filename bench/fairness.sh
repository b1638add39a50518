#!/usr/bin/env bash
# Fairness audit benchmark: `steward fairness` against the pandas + scikit-learn group-by
# reference (bench/peers/fairness_reference.py) on the same 1,000,000 predictions, two sensitive
# columns (c_sex, c_group) and their 10 intersections, in the same run. Both audit one
# predictions file written by `steward predict` from a model trained on the synthetic data of
# bench/peers/gen_csv.py, and both compute per-group rates, AUC and the disparity summaries.
# Compares each side's own compute time (steward: timing.audit_seconds; reference: compute_s)
# and whole-process wall time; steward also with 1,000 bootstrap resamples.
# Writes bench/RESULTS_fairness.md. Knobs: BENCH_ROWS (1000000), BENCH_REPEAT (3),
# BENCH_THREADS (2), STEWARD (build/bin/steward).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
rows=${BENCH_ROWS:-1000000}
data=$(synthetic_data "$rows")
repeat=${BENCH_REPEAT:-3}

"$steward" train "$data" --target label --sensitive c_sex,c_group --rounds 20 \
  --threads "$threads" --out "$work/bundle" -q --json > /dev/null
"$steward" predict "$work/bundle" "$data" --threads "$threads" --out "$work/preds.csv" -q
cat "$data" "$work/preds.csv" > /dev/null  # every command starts with the files cached
load_before=$(cut -d' ' -f1 /proc/loadavg)
for run in $(seq "$repeat"); do
  timed reference "$run" "$python" bench/peers/fairness_reference.py "$data" --label label \
    --positive 1 --sensitive c_sex,c_group --intersectional --pred-file "$work/preds.csv" \
    --pred class --score probability --out "$work/reference.json" 2> "$work/reference.$run.json"
  for resamples in 0 1000; do
    timed "steward_$resamples" "$run" "$steward" fairness "$work/bundle" "$data" \
      --sensitive c_sex,c_group --intersectional --predictions "$work/preds.csv" \
      --bootstrap "$resamples" --threads "$threads" --json -q > "$work/steward_$resamples.$run.json"
  done
done

"$python" - "$work" "$rows" "$repeat" "$threads" "$load_before" "$(nproc)" \
  > bench/RESULTS_fairness.md <<'PY'
import json, statistics, sys
work, rows, repeat, threads, load, cores = sys.argv[1:7]
repeat, load, cores = int(repeat), float(load), int(cores)

def runs(name, compute):
    wall, memory, inner = [], [], []
    for run in range(1, repeat + 1):
        seconds, kib = open(f"{work}/{name}.{run}.time").read().split()[-2:]
        wall.append(float(seconds)); memory.append(int(kib) / 1024)
        inner.append(compute(json.loads(open(f"{work}/{name}.{run}.json").read().strip().splitlines()[-1]
                                        if name == "reference" else open(f"{work}/{name}.{run}.json").read())))
    return statistics.median(inner), statistics.median(wall), max(memory)

reference = runs("reference", lambda j: j["compute_s"])
plain = runs("steward_0", lambda j: j["timing"]["audit_seconds"])
boot = runs("steward_1000", lambda j: j["timing"]["audit_seconds"])
print(f"# Fairness audit benchmark\n\n{int(rows):,} predictions (bench/peers/gen_csv.py data, a "
      f"20-round model), sensitive c_sex and c_group with their intersections (17 groups), rates, "
      f"AUC and summaries on both sides. {threads} threads for steward. Median of {repeat} runs; "
      f"ratio = reference / steward.\n")
print(f"Load average when the run started: {load} on {cores} cores." +
      (" Other work was running: re-run on a quiet machine before quoting.\n" if load > 0.5 * cores else "\n"))
print("| command | compute s | whole process s | peak MiB | compute ratio | whole ratio |")
print("|---|---|---|---|---|---|")
print(f"| reference (pandas + scikit-learn) | {reference[0]:.3f} | {reference[1]:.2f} | {reference[2]:.0f} | 1 | 1 |")
for label, figures in (("steward, no bootstrap", plain), ("steward, 1,000 bootstrap resamples", boot)):
    print(f"| {label} | {figures[0]:.3f} | {figures[1]:.2f} | {figures[2]:.0f} | "
          f"{reference[0] / figures[0]:.1f} | {reference[1] / figures[1]:.1f} |")
PY
cat bench/RESULTS_fairness.md
