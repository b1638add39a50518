#!/usr/bin/env python3
"""Oracle test: `steward explain` against Python XGBoost's pred_contribs.

For each data set, `steward train` writes a bundle and `steward explain --json` explains every
row with every feature (--rows and --top at least the row and feature counts). Python XGBoost
loads the bundle's model.json, encodes the same CSV with the bundle's schema.json (categories
as training codes, as `steward predict` does; the encoding is model_vs_xgboost.py's) and
computes exact TreeSHAP (pred_contribs=True) and the margin (output_margin=True). Compared,
with tolerance 1e-5 * max(1, |value|) (both sides are XGBoost's float32 values; steward sums
them in double for the means):
  1. every row's contributions, bias and margin (multiclass: of the class steward explains,
     which must be the argmax of the predicted probabilities);
  2. the global mean |SHAP| per feature (multiclass: per class and the mean over classes);
  3. steward's reported additivity error is at most the stated rule, and Python's own
     contributions plus bias equal the margin the same way.

  explain_vs_xgboost.py --steward BUILD/bin/steward --source-dir REPO
Run with Debian's /usr/bin/python3 (python3-xgboost 1.7.4).
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import xgboost as xgb

from bundle_encoding import dmatrix, encode, read

CASES = [  # file, target
    ("credit_data.csv", "Status"),
    ("titanic.csv", "survived"),
    ("iris.csv", "species"),
    ("diabetes.csv", "progression"),
]
TOLERANCE = 1e-5


def close(a, b):
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


def check_case(steward, data_dir, work, name, target, problems):
    bundle = work / name.replace(".csv", "")
    data = data_dir / name
    subprocess.run([steward, "train", str(data), "--target", target, "--seed", "0",
                    "--threads", "2", "--out", str(bundle), "-q"], check=True, capture_output=True)
    schema = json.loads((bundle / "schema.json").read_text())
    frame = read(data, schema)
    features = [f["name"] for f in schema["features"]]
    run = subprocess.run([steward, "explain", str(bundle), str(data), "--rows", str(len(frame)),
                          "--top", str(len(features)), "--threads", "2", "--json"],
                         check=True, capture_output=True, text=True)
    ours = json.loads(run.stdout)
    booster = xgb.Booster(model_file=str(bundle / "model.json"))
    matrix = dmatrix(encode(frame, schema), schema)
    contribs = booster.predict(matrix, pred_contribs=True)
    margins = booster.predict(matrix, output_margin=True)
    probabilities = booster.predict(matrix)
    multiclass = schema["task"] == "multiclass"
    if not multiclass:  # one group: the same [rows][1][features + 1] layout
        contribs = contribs[:, None, :]
        margins = margins[:, None]
    count = [0]

    def expect(ok, what):
        count[0] += 1
        if not ok:
            problems.append(f"{name}: {what}")

    expect(ours["rows"] == len(frame), f"rows {ours['rows']} != {len(frame)}")
    expect(len(ours["row_explanations"]) == len(frame), "not every row explained")
    python_error = np.abs(contribs.astype(np.float64).sum(axis=2) - margins).max()
    expect(python_error <= TOLERANCE * max(1.0, np.abs(margins).max()),
           f"Python's own additivity error {python_error}")
    expect(ours["additivity"]["holds"] and ours["additivity"]["max_abs_error"] <=
           TOLERANCE * max(1.0, float(np.abs(margins).max())),
           f"steward additivity {ours['additivity']}")
    classes = schema["target"].get("classes", [])
    worst = 0.0
    for explained in ours["row_explanations"]:
        row = explained["row"] - 1
        group = 0
        if multiclass:
            group = int(np.argmax(probabilities[row]))
            expect(explained["class"] == classes[group], f"row {row + 1}: class {explained['class']}")
        python = contribs[row, group]
        by_name = {c["feature"]: c["contribution"] for c in explained["contributions"]}
        expect(len(by_name) == len(features), f"row {row + 1}: {len(by_name)} contributions")
        for index, feature in enumerate(features):
            worst = max(worst, abs(by_name.get(feature, np.inf) - float(python[index])))
            if not close(by_name.get(feature, np.inf), float(python[index])):
                expect(False, f"row {row + 1} {feature}: {by_name.get(feature)} != {python[index]}")
        if not close(explained["bias"], float(python[-1])):
            expect(False, f"row {row + 1} bias {explained['bias']} != {python[-1]}")
        if not close(explained["margin"], float(margins[row, group])):
            expect(False, f"row {row + 1} margin {explained['margin']} != {margins[row, group]}")
    mean_abs = np.abs(contribs[:, :, :-1].astype(np.float64)).mean(axis=0)  # [groups][features]
    for entry in ours["global_importance"]:
        index = features.index(entry["feature"])
        expected = float(mean_abs[:, index].mean())
        expect(close(entry["mean_abs_shap"], expected),
               f"mean |SHAP| of {entry['feature']}: {entry['mean_abs_shap']} != {expected}")
        if multiclass:
            for group, value in enumerate(entry["per_class"]):
                expect(close(value, float(mean_abs[group, index])),
                       f"mean |SHAP| of {entry['feature']}, class {group}: {value}")
    order = [e["mean_abs_shap"] for e in ours["global_importance"]]
    expect(order == sorted(order, reverse=True), "global importance not sorted")
    print(f"{name}: {len(frame)} rows x {len(features)} features, {count[0]} checks, "
          f"max |contribution difference| {worst:.3g}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steward", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    data_dir = Path(args.source_dir) / "data"
    problems = []
    with tempfile.TemporaryDirectory() as work:
        for name, target in CASES:
            check_case(args.steward, data_dir, Path(work), name, target, problems)
    for problem in problems[:50]:
        print("FAIL", problem)
    print(f"{len(CASES)} data sets, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
