#!/usr/bin/env python3
"""Oracle for `steward monitor --labels`: each window's counts, ROC AUC and accuracy against
scikit-learn on the same rows.

  performance_vs_sklearn.py MONITOR.json CURRENT.csv LABELS.csv PREDICTIONS.csv POSITIVE_CLASS

PREDICTIONS.csv is what `steward predict` wrote for CURRENT.csv (one row per row, in order).
Windows are UTC days of CURRENT.csv's `scored_at`. Prints "oracle: N windows agree" or exits 1.
"""
import json
import sys

import pandas as pd
from sklearn.metrics import accuracy_score, roc_auc_score

monitor_path, current_path, labels_path, predictions_path, positive = sys.argv[1:6]
windows = json.load(open(monitor_path))["performance"]["windows"]
current = pd.read_csv(current_path)
predictions = pd.read_csv(predictions_path)
labels = pd.read_csv(labels_path, dtype={"id": str, "label": str}, keep_default_na=False)
frame = current[["id", "scored_at"]].assign(probability=predictions["probability"],
                                            predicted=predictions["class"])
frame = frame.merge(labels, on="id", how="left")
frame["day"] = pd.to_datetime(frame["scored_at"], utc=True).dt.strftime("%Y-%m-%dT00:00:00Z")

problems = []
days = sorted(frame["day"].unique())
if [w["start"] for w in windows] != days:
    problems.append("windows %s, expected %s" % ([w["start"] for w in windows], days))
for window in windows:
    rows = frame[frame["day"] == window["start"]]
    labelled = rows[rows["label"].fillna("") != ""]
    y = (labelled["label"] == positive).astype(int)
    auc = roc_auc_score(y, labelled["probability"])
    accuracy = accuracy_score(labelled["label"], labelled["predicted"])
    got = window["metrics"]
    checks = [("rows", window["rows"], len(rows), 0), ("labelled", window["labelled"],
              len(labelled), 0), ("roc_auc", got["roc_auc"], auc, 1e-6),
              ("accuracy", got["accuracy"], accuracy, 1e-12)]
    for name, value, expected, tolerance in checks:
        if abs(value - expected) > tolerance:
            problems.append("%s %s: %r, sklearn %r" % (window["start"], name, value, expected))
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("oracle: %d windows agree" % len(windows))
