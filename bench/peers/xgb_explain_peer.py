#!/usr/bin/env python3
"""Python XGBoost peer for `steward explain`: read a CSV with pandas, encode the categorical
columns with a Steward bundle's schema.json dictionaries, build a DMatrix with the schema's
feature types, compute exact TreeSHAP (pred_contribs=True) and the mean |SHAP| per feature.
Prints phase timings as JSON.
  xgb_explain_peer.py BUNDLE_DIR CSV NTHREAD
"""
import json
import sys
import time

t0 = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import xgboost as xgb  # noqa: E402

bundle, path, nthread = sys.argv[1], sys.argv[2], int(sys.argv[3])
out = {"import_s": time.perf_counter() - t0}
schema = json.load(open(f"{bundle}/schema.json"))
booster = xgb.Booster(model_file=f"{bundle}/model.json")
booster.set_param({"nthread": nthread})

t = time.perf_counter()
categorical = [f["name"] for f in schema["features"] if f["kind"] == "categorical"]
df = pd.read_csv(path, dtype={name: str for name in categorical})
out["read_csv_s"] = time.perf_counter() - t

t = time.perf_counter()
columns = []
for feature in schema["features"]:
    values = df[feature["name"]]
    if feature["kind"] == "categorical":
        codes = {label: code for code, label in enumerate(feature["categories"])}
        columns.append(values.map(codes).astype(np.float32).to_numpy())
    else:
        columns.append(values.to_numpy(dtype=np.float32))
X = np.column_stack(columns)
matrix = xgb.DMatrix(X, feature_names=[f["name"] for f in schema["features"]],
                     feature_types=[f["xgboost_type"] for f in schema["features"]],
                     enable_categorical=True, nthread=nthread)
out["encode_dmatrix_s"] = time.perf_counter() - t

t = time.perf_counter()
contribs = booster.predict(matrix, pred_contribs=True)
out["pred_contribs_s"] = time.perf_counter() - t
t = time.perf_counter()
mean_abs = np.abs(contribs[:, :-1]).mean(axis=0)
out["mean_abs_s"] = time.perf_counter() - t
out["rows"] = int(contribs.shape[0])
out["total_s"] = time.perf_counter() - t0
print(json.dumps(out))
