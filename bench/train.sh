#!/usr/bin/env bash
# Training and prediction benchmark: `steward train` / `steward predict` against Python XGBoost
# (bench/peers/xgb_peer.py, bench/peers/xgb_predict_peer.py), same parameters (hist, depth 6,
# eta 0.3, 256 bins, 100 rounds, binary:logistic) and threads, on the synthetic file of
# bench/peers/gen_csv.py. Compares, from each side's own phase timings:
#   data preparation: steward read + prepare + DMatrix   vs  pandas read_csv + encode + DMatrix
#   boosting:         steward boost                       vs  xgb.train
#   predict:          steward predict, whole process      vs  read_csv + encode + inplace_predict
# Writes bench/RESULTS_model.md. Knobs: BENCH_ROWS (default 200000), BENCH_THREADS (2),
# STEWARD (build/bin/steward). The SHAP phase of the training peer is skipped.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
rows=${BENCH_ROWS:-200000}
data=$(synthetic_data "$rows")
echo '{"max_depth": 6, "eta": 0.3, "max_bin": 256, "num_boost_round": 100,
       "early_stopping_rounds": 0}' > "$work/params.json"

load_before=$(cut -d' ' -f1 /proc/loadavg)
cat "$data" > /dev/null  # both sides start with the file in the page cache
"$steward" train "$data" --target label --params "$work/params.json" --valid-fraction 0 \
  --threads "$threads" --out "$work/bundle" -q --json > "$work/steward_train.json"
XGB_PEER_SKIP_SHAP=1 "$python" bench/peers/xgb_peer.py "$data" "$threads" > "$work/peer_train.json"
XGB_PEER_SKIP_SHAP=1 XGB_PEER_CATEGORICAL=native "$python" bench/peers/xgb_peer.py "$data" \
  "$threads" > "$work/peer_train_native.json"
start=$(date +%s.%N)
"$steward" predict "$work/bundle" "$data" --threads "$threads" --out "$work/preds.csv" -q
end=$(date +%s.%N)
"$python" bench/peers/xgb_predict_peer.py "$work/bundle" "$data" "$threads" > "$work/peer_predict.json"

"$python" - "$work" "$rows" "$threads" "$(echo "$end - $start" | bc)" "$load_before" "$(nproc)" \
  > bench/RESULTS_model.md <<'PY'
import json, sys
work, rows, threads, predict_s = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
load, cores = float(sys.argv[5]), int(sys.argv[6])
ours = json.load(open(f"{work}/steward_train.json"))["seconds"]
peer = json.load(open(f"{work}/peer_train.json"))
native = json.load(open(f"{work}/peer_train_native.json"))
peer_predict = json.load(open(f"{work}/peer_predict.json"))
prep = ours["read"] + ours["prepare"] + ours["dmatrix"]
peer_prep = peer["read_csv_s"] + peer["dmatrix_s"]
peer_pred = peer_predict["read_csv_s"] + peer_predict["encode_s"] + peer_predict["inplace_predict_s"]
print(f"# Training and prediction benchmark\n\n{rows} rows x 20 columns (bench/peers/gen_csv.py), "
      f"{threads} threads, 100 rounds, hist, depth 6. Seconds; ratio = peer / steward.\n")
print(f"Load average when the run started: {load} on {cores} cores." +
      (" Other work was running, so these figures are indicative only: re-run on a quiet "
       "machine before quoting them.\n" if load > 0.5 * cores else "\n"))
print("| phase | steward | Python XGBoost | ratio |\n|---|---|---|---|")
print(f"| data preparation (CSV to DMatrix) | {prep:.3f} | {peer_prep:.3f} | {peer_prep / prep:.2f} |")
print(f"| boosting, 100 rounds, against categories as integer codes (the shared peer) | "
      f"{ours['boost']:.3f} | {peer['train_100_rounds_s']:.3f} | "
      f"{peer['train_100_rounds_s'] / ours['boost']:.2f} |")
print(f"| boosting, 100 rounds, against native categories (enable_categorical: the same work) | "
      f"{ours['boost']:.3f} | {native['train_100_rounds_s']:.3f} | "
      f"{native['train_100_rounds_s'] / ours['boost']:.2f} |")
end_to_end = sum(ours.values())
peer_training = peer["read_csv_s"] + peer["dmatrix_s"] + peer["train_100_rounds_s"]
native_training = native["read_csv_s"] + native["dmatrix_s"] + native["train_100_rounds_s"]
print(f"| steward train end to end (with baseline, SHAP importance, profile) vs the peer's "
      f"training phase, codes / native | {end_to_end:.3f} | {peer_training:.3f} / "
      f"{native_training:.3f} | {peer_training / end_to_end:.2f} / "
      f"{native_training / end_to_end:.2f} |")
print(f"| predict from CSV (steward: whole process) | {predict_s:.3f} | {peer_pred:.3f} | "
      f"{peer_pred / predict_s:.2f} |")
print(f"\nsteward train phases: " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(ours.items())))
PY
cat bench/RESULTS_model.md
