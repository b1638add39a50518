#!/usr/bin/env python3
"""XGBoost (Python package, hist) peer for Steward training + TreeSHAP.
  bench_xgb.py CSV NTHREAD [MODEL_OUT.json]
Reads the CSV with pandas, label-encodes the 5 categorical columns to integer
codes, trains 100 rounds (hist, max_depth=6, eta=0.3, binary:logistic,
max_bin=256), then on the first 100k rows: predict (margin) and
pred_contribs=True (exact TreeSHAP). Prints phase timings as JSON.
Steward's copy: XGB_PEER_SKIP_SHAP=1 skips the TreeSHAP phase (minutes on 2 cores), which
bench/train.sh does not compare; XGB_PEER_CATEGORICAL=native gives XGBoost the categorical
columns as categories (enable_categorical) instead of integer codes, which is what
steward train does, so that boosting is compared on the same work.
"""
import json
import os
import sys
import time

t0 = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import xgboost as xgb  # noqa: E402

path, nthread = sys.argv[1], int(sys.argv[2])
model_out = sys.argv[3] if len(sys.argv) > 3 else None
out = {"import_s": time.perf_counter() - t0}

t = time.perf_counter()
df = pd.read_csv(path)
out["read_csv_s"] = time.perf_counter() - t

t = time.perf_counter()
y = df.pop("label").to_numpy()
native = os.environ.get("XGB_PEER_CATEGORICAL") == "native"
out["categorical"] = "native" if native else "codes"
for c in df.columns:
    if df[c].dtype == object:
        df[c] = df[c].astype("category")
        if not native:
            df[c] = df[c].cat.codes.astype(np.float32)
if native:
    # XGBoost's own categorical splits, as steward train makes them: the same boosting work.
    dtrain = xgb.DMatrix(df, label=y, nthread=nthread, enable_categorical=True)
    X = None
else:
    X = df.to_numpy(dtype=np.float32)
    dtrain = xgb.DMatrix(X, label=y, nthread=nthread, feature_names=list(df.columns))
out["dmatrix_s"] = time.perf_counter() - t

params = {"tree_method": "hist", "max_depth": 6, "eta": 0.3, "objective": "binary:logistic",
          "max_bin": 256, "nthread": nthread, "eval_metric": "logloss"}
t = time.perf_counter()
bst = xgb.train(params, dtrain, num_boost_round=100)
out["train_100_rounds_s"] = time.perf_counter() - t
out["train_per_round_ms"] = out["train_100_rounds_s"] * 10

if native:
    d100k = xgb.DMatrix(df.iloc[:100_000], nthread=nthread, enable_categorical=True)
else:
    d100k = xgb.DMatrix(X[:100_000], nthread=nthread, feature_names=list(df.columns))
t = time.perf_counter()
p = bst.predict(d100k)
out["predict_100k_s"] = time.perf_counter() - t
if os.environ.get("XGB_PEER_SKIP_SHAP") == "1":
    out["total_s"] = time.perf_counter() - t0
    if model_out:
        bst.save_model(model_out)
    print(json.dumps(out))
    sys.exit(0)
t = time.perf_counter()
contrib = bst.predict(d100k, pred_contribs=True)
out["shap_100k_s"] = time.perf_counter() - t
out["shap_rows"] = d100k.num_row()
out["shap_rows_per_s"] = d100k.num_row() / out["shap_100k_s"]
# additivity check: contributions + bias == margin
margin = bst.predict(d100k, output_margin=True)
out["shap_max_additivity_err"] = float(np.max(np.abs(contrib.sum(axis=1) - margin)))
out["train_auc_proxy_mean_p"] = float(p.mean())
if model_out:
    bst.save_model(model_out)
out["total_s"] = time.perf_counter() - t0
print(json.dumps(out))
