#!/usr/bin/env bash
# Explanation benchmark: `steward explain` (whole process: read CSV, BuildMatrix, DMatrix, exact
# TreeSHAP + margin + prediction, additivity check, global importance) against Python XGBoost
# (bench/peers/xgb_explain_peer.py: pandas read_csv, encode, DMatrix, pred_contribs, mean |SHAP|)
# on the same bundle's model, same threads. The model is trained by `steward train` on the same
# rows (hist, depth 6, eta 0.3, 100 rounds). Knobs: BENCH_ROWS (default 100000), BENCH_THREADS
# (2), STEWARD (build/bin/steward), BENCH_SOURCE (a synthetic CSV of bench/peers/gen_csv.py,
# default bench/.cache/synthetic_1m.csv, generated if absent). Writes bench/RESULTS_explain.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
rows=${BENCH_ROWS:-100000}
threads=${BENCH_THREADS:-2}
steward=${STEWARD:-build/bin/steward}
python=/usr/bin/python3
source_csv=${BENCH_SOURCE:-bench/.cache/synthetic_1m.csv}
if [[ ! -f $source_csv ]]; then
  mkdir -p "$(dirname "$source_csv")"
  "$python" bench/peers/gen_csv.py "$source_csv" --rows 1000000 > /dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=$work/data.csv
head -n $((rows + 1)) "$source_csv" > "$data"
echo '{"max_depth": 6, "eta": 0.3, "max_bin": 256, "num_boost_round": 100,
       "early_stopping_rounds": 0}' > "$work/params.json"
"$steward" train "$data" --target label --params "$work/params.json" --valid-fraction 0 \
  --threads "$threads" --out "$work/bundle" -q > /dev/null

cat "$data" > /dev/null  # both sides start with the file in the page cache
start=$(date +%s.%N)
"$steward" explain "$work/bundle" "$data" --threads "$threads" -q --json > "$work/explain.json"
end=$(date +%s.%N)
peer_start=$(date +%s.%N)
"$python" bench/peers/xgb_explain_peer.py "$work/bundle" "$data" "$threads" > "$work/peer.json"
peer_end=$(date +%s.%N)

"$python" - "$work" "$rows" "$threads" "$(echo "$end - $start" | bc)" \
  "$(echo "$peer_end - $peer_start" | bc)" > bench/RESULTS_explain.md <<'PY'
import json, sys
work, rows, threads = sys.argv[1], sys.argv[2], sys.argv[3]
ours_s, peer_s = float(sys.argv[4]), float(sys.argv[5])
peer = json.load(open(f"{work}/peer.json"))
ours = json.load(open(f"{work}/explain.json"))
assert ours["rows"] == peer["rows"] == int(rows), (ours["rows"], peer["rows"])
print(f"# Explanation benchmark\n\n{rows} rows x {len(ours['features'])} features "
      f"(bench/peers/gen_csv.py), {threads} threads, 100 rounds, depth 6. Seconds, wall clock "
      f"of the whole process; ratio = peer / steward.\n")
print("| | steward explain | Python pred_contribs | ratio |\n|---|---|---|---|")
print(f"| CSV to global mean \\|SHAP\\| | {ours_s:.3f} | {peer_s:.3f} | {peer_s / ours_s:.2f} |")
print("\npeer phases: " + ", ".join(f"{k} {v:.3f}" for k, v in peer.items() if k.endswith("_s")))
print(f"steward additivity: max |error| {ours['additivity']['max_abs_error']:.3g}")
PY
cat bench/RESULTS_explain.md
