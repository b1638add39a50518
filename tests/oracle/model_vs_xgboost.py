#!/usr/bin/env python3
"""Oracle test: `steward train` and `steward predict` against Python XGBoost and scikit-learn.

For each data set: the rows are split (scikit-learn train_test_split, stratified for
classification, seed 0) into train.csv and valid.csv; `steward train train.csv --valid valid.csv`
writes a bundle. Then:
  1. the bundle's model.json, loaded by Python XGBoost, predicts valid.csv (categorical columns
     encoded with the bundle's schema.json dictionaries) as `steward predict` does: max abs
     difference <= 1e-6 (steward's CSV holds each float's shortest round-trip text);
  2. Python's exact TreeSHAP (pred_contribs) gives the same mean |SHAP| per feature as
     explain.json (relative 1e-4: steward sums float32 values in double);
  3. Python XGBoost trained with the same parameters, seed and early stopping on the same rows
     reaches the same AUC / mlogloss / RMSE within 0.005, and steward's metric code agrees with
     scikit-learn's on steward's own predictions (relative 1e-6);
  4. the baseline is no worse than scikit-learn's LogisticRegression/Ridge with the same
     regularisation on the same design by more than 0.005 (the objectives are identical, so
     the optima agree to solver tolerance).

  model_vs_xgboost.py --steward BUILD/bin/steward --source-dir REPO
Run with Debian's /usr/bin/python3 (python3-xgboost 1.7.4, python3-sklearn).
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import log_loss, mean_squared_error, roc_auc_score
from sklearn.model_selection import train_test_split

from bundle_encoding import dmatrix, encode, read

PARAMS = {"eta": 0.1, "max_depth": 4, "num_boost_round": 200, "early_stopping_rounds": 10}
CASES = [  # file, target, task
    ("credit_data.csv", "Status", "binary"),
    ("breast_cancer.csv", "diagnosis", "binary"),
    ("titanic.csv", "survived", "binary"),
    ("iris.csv", "species", "multiclass"),
    ("wine.csv", "cultivar", "multiclass"),
    ("diabetes.csv", "progression", "regression"),
    ("cps_wages_1985.csv", "wage", "regression"),
]


def label_text(value):
    """The text Steward gives a target value: the shortest round-trip form of a number."""
    if isinstance(value, (float, np.floating)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    return str(value)


def labels(frame, schema):
    target = frame[schema["target"]["name"]]
    if schema["task"] == "regression":
        return target.to_numpy(dtype=np.float64)
    index = {label: i for i, label in enumerate(schema["target"]["classes"])}
    return np.array([index[label_text(v)] for v in target], dtype=np.float64)


def headline(task, y, p):
    if task == "binary":
        return roc_auc_score(y, p)
    if task == "multiclass":
        return log_loss(y, p, labels=list(range(p.shape[1])))
    return mean_squared_error(y, p, squared=False)


def design(train_x, other_x, schema):
    """Steward's baseline design: standardised numbers with mean imputation and a missing
    indicator, one-hot categories (at most 100) with a missing indicator, fitted on train_x."""
    def build(x, stats):
        parts = []
        for j, feature in enumerate(schema["features"]):
            col = x[:, j].astype(np.float64)
            missing = np.isnan(col)
            if feature["kind"] == "categorical":
                levels = min(len(feature["categories"]), 100)
                onehot = np.zeros((len(col), levels))
                ok = ~missing & (np.nan_to_num(col, nan=-1) < levels)
                onehot[np.where(ok)[0], col[ok].astype(int)] = 1
                parts.append(onehot)
            else:
                mean, scale = stats[j]
                parts.append(np.where(missing, 0.0, (col - mean) / scale)[:, None])
            if stats[("missing", j)]:
                parts.append(missing.astype(float)[:, None])
        return np.hstack(parts)

    stats = {}
    for j in range(train_x.shape[1]):
        col = train_x[:, j].astype(np.float64)
        present = col[~np.isnan(col)]
        mean = present.mean() if len(present) else 0.0
        sd = np.sqrt(((present - mean) ** 2).mean()) if len(present) else 0.0
        stats[j] = (mean, sd if sd > 0 else 1.0)
        stats[("missing", j)] = bool(np.isnan(col).any())
    return build(train_x, stats), build(other_x, stats)


def check_case(steward, data_dir, work, name, target, task, problems):
    frame = pd.read_csv(data_dir / name)
    frame = frame[frame[target].notna()]
    stratify = frame[target] if task != "regression" else None
    train, valid = train_test_split(frame, test_size=0.2, random_state=0, stratify=stratify)
    case = work / name.replace(".csv", "")
    case.mkdir()
    train.to_csv(case / "train.csv", index=False)
    valid.to_csv(case / "valid.csv", index=False)
    (case / "params.json").write_text(json.dumps(PARAMS))
    bundle = case / "bundle"
    subprocess.run([steward, "train", str(case / "train.csv"), "--target", target, "--task", task,
                    "--valid", str(case / "valid.csv"), "--params", str(case / "params.json"),
                    "--seed", "0", "--threads", "2", "--out", str(bundle), "-q"],
                   check=True, capture_output=True)
    subprocess.run([steward, "predict", str(bundle), str(case / "valid.csv"), "--out",
                    str(case / "preds.csv"), "-q", "--threads", "2"], check=True)
    schema = json.loads((bundle / "schema.json").read_text())
    metrics = json.loads((bundle / "metrics.json").read_text())
    explain = json.loads((bundle / "explain.json").read_text())

    valid_frame = read(case / "valid.csv", schema)
    train_frame = read(case / "train.csv", schema)
    valid_x, train_x = encode(valid_frame, schema), encode(train_frame, schema)
    valid_y, train_y = labels(valid_frame, schema), labels(train_frame, schema)

    # 1. Same predictions from the same model.json.
    booster = xgb.Booster(model_file=str(bundle / "model.json"))
    python = booster.predict(dmatrix(valid_x, schema))
    ours = pd.read_csv(case / "preds.csv")
    if task == "binary":
        steward_pred = ours["probability"].to_numpy()
    elif task == "multiclass":
        steward_pred = ours[[f"probability_{c}" for c in schema["target"]["classes"]]].to_numpy()
    else:
        steward_pred = ours["prediction"].to_numpy()
    diff = np.max(np.abs(steward_pred.astype(np.float32).astype(np.float64) - python))
    if diff > 1e-6:
        problems.append(f"{name}: predictions differ from Python XGBoost by {diff:g}")

    # 2. Same SHAP values.
    contribs = booster.predict(dmatrix(valid_x[:10000], schema), pred_contribs=True)
    mean_abs = np.abs(contribs).sum(axis=1) if contribs.ndim == 3 else np.abs(contribs)
    mean_abs = mean_abs[:, :-1].mean(axis=0) if contribs.ndim == 2 else \
        np.abs(contribs)[:, :, :-1].sum(axis=1).mean(axis=0)
    for feature, expected in zip(explain["features"], mean_abs):
        if abs(feature["mean_abs_shap"] - expected) > 1e-4 * max(1.0, abs(expected)):
            problems.append(f"{name}: mean |SHAP| of {feature['name']}: steward "
                            f"{feature['mean_abs_shap']}, Python {expected}")

    # 3. Python XGBoost with the same parameters on the same rows.
    params = {"eta": PARAMS["eta"], "max_depth": PARAMS["max_depth"], "tree_method": "hist",
              "seed": 0, "nthread": 2}
    params.update({"binary": {"objective": "binary:logistic", "eval_metric": "logloss"},
                   "multiclass": {"objective": "multi:softprob", "eval_metric": "mlogloss",
                                  "num_class": len(schema["target"].get("classes", []))},
                   "regression": {"objective": "reg:squarederror", "eval_metric": "rmse"}}[task])
    dvalid = dmatrix(valid_x, schema, valid_y)
    reference = xgb.train(params, dmatrix(train_x, schema, train_y), PARAMS["num_boost_round"],
                          evals=[(dvalid, "valid")],
                          early_stopping_rounds=PARAMS["early_stopping_rounds"], verbose_eval=False)
    reference_pred = reference.predict(dvalid, iteration_range=(0, reference.best_iteration + 1))
    theirs = headline(task, valid_y, reference_pred)
    key = metrics["headline_metric"]
    steward_metric = metrics["booster"][key]
    if abs(steward_metric - theirs) > 0.005:
        problems.append(f"{name}: {key} steward {steward_metric:.5f}, Python XGBoost {theirs:.5f}")
    own = headline(task, valid_y, python)
    # 1e-6: steward's labels are float32 (as XGBoost's) and scikit-learn renormalises
    # multiclass probabilities, which moves the sixth to eighth digit.
    if abs(own - steward_metric) > 1e-6 * max(1.0, abs(own)):
        problems.append(f"{name}: steward's {key} {steward_metric} differs from scikit-learn's "
                        f"{own} on the same predictions")

    # 4. The baseline against scikit-learn on the same design.
    baseline = metrics["baseline"]
    if "skipped" not in baseline:
        design_train, design_valid = design(train_x, valid_x, schema)
        if task == "regression":
            sk = Ridge(alpha=1.0).fit(design_train, train_y).predict(design_valid)
        else:
            model = LogisticRegression(C=1.0, max_iter=5000, tol=1e-10).fit(design_train, train_y)
            sk = model.predict_proba(design_valid)
            sk = sk[:, 1] if task == "binary" else sk
        expected = headline(task, valid_y, sk)
        if abs(baseline[key] - expected) > 0.005:
            problems.append(f"{name}: baseline {key} steward {baseline[key]:.5f}, "
                            f"scikit-learn {expected:.5f}")
    print(f"{name}: {key} steward {steward_metric:.4f} python {theirs:.4f} | baseline "
          f"{baseline.get(key, 'skipped')} | predictions max diff {diff:.2g} | rounds "
          f"{metrics['booster']['best_iteration'] + 1} vs {reference.best_iteration + 1}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steward", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    data_dir = Path(args.source_dir) / "data"
    problems = []
    with tempfile.TemporaryDirectory() as work:
        for name, target, task in CASES:
            check_case(args.steward, data_dir, Path(work), name, target, task, problems)
    for problem in problems:
        print("FAIL", problem)
    print(f"{len(CASES)} data sets, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
