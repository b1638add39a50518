#!/usr/bin/env python3
"""Oracle test: `steward evaluate` against scikit-learn on `steward predict`'s own predictions.

For a binary, a multiclass and a regression data set: train a bundle, predict the data to CSV,
evaluate with a slice column, and recompute the metrics with scikit-learn from the CSV (each
probability read as the float32 the model produced, then widened, so both sides see the same
numbers) and the bundle's schema (class labels, threshold). Overall and per-slice metrics must
agree to 1e-9. This checks the glue -- which rows, which labels, which threshold, which slice --
that the metrics module's own oracle (metrics_vs_sklearn.py) does not.

  evaluate_vs_sklearn.py --steward BUILD/bin/steward --source-dir REPO
Run with Debian's /usr/bin/python3 (python3-sklearn, python3-pandas).
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn import metrics

CASES = [  # file, target, slice column
    ("credit_data.csv", "Status", "Marital"),
    ("iris.csv", "species", "species"),
    ("diabetes.csv", "progression", "sex"),
]
TOLERANCE = 1e-9
failures = []


def check(name, ours, theirs):
    if ours is None or abs(ours - theirs) > TOLERANCE * max(1.0, abs(theirs)):
        failures.append(f"{name}: steward {ours}, scikit-learn {theirs}")


def steward(binary, *args):
    result = subprocess.run([binary, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"steward {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return result.stdout


def compare(case, task, got, y, scores, schema):
    """Checks one metrics object (overall or a slice) against scikit-learn on its rows."""
    if task == "binary":
        predicted = (scores >= schema["threshold"]).astype(int)
        if len(np.unique(y)) == 2:
            check(f"{case} roc_auc", got["roc_auc"], metrics.roc_auc_score(y, scores))
            check(f"{case} average_precision", got["average_precision"],
                  metrics.average_precision_score(y, scores))
        check(f"{case} log_loss", got["log_loss"], metrics.log_loss(y, scores, labels=[0, 1]))
        check(f"{case} brier", got["brier_score"], metrics.brier_score_loss(y, scores))
        check(f"{case} accuracy", got["accuracy"], metrics.accuracy_score(y, predicted))
        check(f"{case} f1", got["f1"], metrics.f1_score(y, predicted, zero_division=0))
    elif task == "multiclass":
        k = scores.shape[1]
        check(f"{case} accuracy", got["accuracy"], metrics.accuracy_score(y, scores.argmax(axis=1)))
        check(f"{case} macro_f1", got["macro_f1"],
              metrics.f1_score(y, scores.argmax(axis=1), average="macro", zero_division=0))
        check(f"{case} log_loss", got["log_loss"], metrics.log_loss(y, scores, labels=range(k)))
    else:
        check(f"{case} rmse", got["rmse"], metrics.mean_squared_error(y, scores, squared=False))
        check(f"{case} mae", got["mae"], metrics.mean_absolute_error(y, scores))
        if len(y) > 1:
            check(f"{case} r2", got["r2"], metrics.r2_score(y, scores))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steward", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    data = Path(args.source_dir) / "data"
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        for file, target, slice_column in CASES:
            bundle, predictions = f"{tmp}/{file}.bundle", f"{tmp}/{file}.predictions.csv"
            steward(args.steward, "train", str(data / file), "--target", target, "--out", bundle,
                    "-q")
            steward(args.steward, "predict", bundle, str(data / file), "--out", predictions, "-q")
            document = json.loads(steward(args.steward, "evaluate", bundle, str(data / file),
                                          "--slice", slice_column, "--json", "-q"))
            schema = json.loads(Path(f"{bundle}/schema.json").read_text())
            task = schema["task"]
            frame = pd.read_csv(data / file, keep_default_na=True)
            out = pd.read_csv(predictions)
            if task == "regression":
                y = frame[target].to_numpy(dtype=np.float64)
                scores = out["prediction"].to_numpy(dtype=np.float32).astype(np.float64)
            else:
                classes = [str(c) for c in schema["target"]["classes"]]
                y = frame[target].astype(str).map({c: i for i, c in enumerate(classes)}).to_numpy()
                if task == "binary":
                    scores = out["probability"].to_numpy(dtype=np.float32).astype(np.float64)
                else:
                    scores = out[[f"probability_{c}" for c in classes]].to_numpy(
                        dtype=np.float32).astype(np.float64)
            if document["task"] != task:
                failures.append(f"{file}: task {document['task']}, schema says {task}")
                continue
            compare(f"{file} overall", task, document["overall"], y, scores, schema)
            keys = frame[slice_column].astype(str).where(frame[slice_column].notna(), None)
            for group in document["slices"]["groups"]:
                rows = (keys.isna() if group["missing"] else keys == group["value"]).to_numpy()
                if group["metrics"]["rows"] != int(rows.sum()):
                    failures.append(f"{file} slice {group['value']}: {group['metrics']['rows']} "
                                    f"rows, pandas counts {int(rows.sum())}")
                    continue
                compare(f"{file} slice {slice_column}={group['value']}", task, group["metrics"],
                        y[rows], scores[rows], schema)
                checked += 1
    for failure in failures:
        print("FAIL", failure)
    if checked < 8:
        sys.exit(f"only {checked} slices were compared")
    print(f"{checked} slices and 3 overall evaluations compared, {len(failures)} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
