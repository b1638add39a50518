#!/usr/bin/env python3
"""Oracle test: `steward fairness` against the pandas + scikit-learn group-by reference.

For binary data sets with sensitive columns: train a bundle, predict the data to CSV, run the
reference (bench/peers/fairness_reference.py, the same program the benchmark times) on those
predictions, and `steward fairness --predictions` on the same file without bootstrap and
without the small-group guard (the reference has neither). Every group's count and rates, AUC,
disparate impact and every summary must agree to 1e-12. A regression data set is checked the
same way against a pandas group-by of mean prediction, MAE and RMSE.

  fairness_vs_reference.py --steward BUILD/bin/steward --source-dir REPO
Run with Debian's /usr/bin/python3 (python3-sklearn, python3-pandas).
"""
import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

BINARY_CASES = [  # file, target, positive class, sensitive columns
    ("credit_data.csv", "Status", "good", "Marital,Home"),
    ("titanic.csv", "survived", "yes", "gender,class"),
    ("cps_wages_1985.csv", "union", "yes", "gender,ethnicity"),
]
TOLERANCE = 1e-12
# Demographic-parity difference allowed on held-out rows after threshold mitigation: the
# tolerance the thresholds were chosen with (0.01) plus sampling error of rates over ~240 rows.
MITIGATION_TOLERANCE = 0.05
failures = []


def check(name, ours, theirs):
    if theirs is None or (isinstance(theirs, float) and math.isnan(theirs)):
        if ours is not None:
            failures.append(f"{name}: steward {ours}, reference undefined")
        return
    if ours is None or abs(ours - theirs) > TOLERANCE * max(1.0, abs(theirs)):
        failures.append(f"{name}: steward {ours}, reference {theirs}")


def run(*args):
    result = subprocess.run([*args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} failed ({result.returncode}): {result.stderr}")
    return result.stdout


def audit(steward, bundle, data, predictions, sensitive):
    return json.loads(run(steward, "fairness", bundle, data, "--sensitive", sensitive,
                          "--intersectional", "--predictions", predictions, "--bootstrap", "0",
                          "--min-group-size", "0", "--json", "-q"))


def check_binary(steward, source_dir, work, case):
    file, target, positive, sensitive = case
    data = source_dir / "data" / file
    bundle, predictions = work / f"{file}.bundle", work / f"{file}.predictions.csv"
    run(steward, "train", data, "--target", target, "--positive", positive, "--rounds", "30",
        "--out", bundle, "-q", "--json")
    run(steward, "predict", bundle, data, "--out", predictions, "-q")
    reference_json = work / f"{file}.reference.json"
    run("/usr/bin/python3", source_dir / "bench" / "peers" / "fairness_reference.py", data,
        "--label", target, "--positive", positive, "--sensitive", sensitive, "--intersectional",
        "--pred-file", predictions, "--pred", "class", "--score", "probability",
        "--out", reference_json)
    reference = json.loads(reference_json.read_text())["by_attribute"]
    ours = {a["name"]: a for a in audit(steward, bundle, data, predictions, sensitive)["attributes"]}
    if set(ours) != set(reference):
        failures.append(f"{file}: attributes {sorted(ours)} vs {sorted(reference)}")
        return
    for name, expected in reference.items():
        got = ours[name]
        where = f"{file} {name}"
        groups = {g["name"]: g for g in got["groups"]}
        if set(groups) != set(expected["groups"]):
            failures.append(f"{where}: groups {sorted(groups)} vs {sorted(expected['groups'])}")
            continue
        if got["reference_group"] != expected["summary"]["reference_group"]:
            failures.append(f"{where}: reference group {got['reference_group']}")
        for group_name, metrics in expected["groups"].items():
            group = groups[group_name]
            if group["count"] != metrics["count"]:
                failures.append(f"{where} {group_name}: count {group['count']} vs {metrics['count']}")
            for metric in ("base_rate", "selection_rate", "tpr", "fpr", "fnr", "precision",
                           "accuracy", "auc"):
                check(f"{where} {group_name} {metric}", group["metrics"][metric]["value"],
                      metrics[metric])
            check(f"{where} {group_name} disparate_impact",
                  group["ratios"]["disparate_impact"]["value"],
                  expected["summary"]["disparate_impact"][group_name])
        summary = got["summary"]
        for key in ("dp_difference", "dp_ratio", "eo_difference", "eop_difference"):
            check(f"{where} {key}", summary[key]["value"], expected["summary"][key])
    print(f"{file}: {sum(len(a['groups']) for a in reference.values())} groups compared")


def check_regression(steward, source_dir, work):
    data = source_dir / "data" / "diabetes.csv"
    bundle, predictions = work / "diabetes.bundle", work / "diabetes.predictions.csv"
    run(steward, "train", data, "--target", "progression", "--rounds", "30", "--out", bundle,
        "-q", "--json")
    run(steward, "predict", bundle, data, "--out", predictions, "-q")
    got = audit(steward, bundle, data, predictions, "sex")["attributes"][0]
    frame = pd.read_csv(data)
    frame["prediction"] = pd.read_csv(predictions)["prediction"]
    frame["error"] = frame["prediction"] - frame["progression"]
    groups = {g["name"]: g["metrics"] for g in got["groups"]}
    for value, rows in frame.groupby("sex"):
        name = str(value)
        check(f"diabetes sex={name} mean_prediction", groups[name]["mean_prediction"]["value"],
              rows["prediction"].mean())
        check(f"diabetes sex={name} mae", groups[name]["mae"]["value"], rows["error"].abs().mean())
        check(f"diabetes sex={name} rmse", groups[name]["rmse"]["value"],
              math.sqrt((rows["error"] ** 2).mean()))
    print(f"diabetes.csv: {len(groups)} groups compared")


def check_mitigation(steward, source_dir, work):
    """Per-group thresholds meet demographic parity on rows they were not chosen on, within
    MITIGATION_TOLERANCE, and the mitigated bundle's predictions apply exactly those thresholds."""
    data = source_dir / "data" / "titanic.csv"
    bundle, mitigated = work / "titanic.csv.bundle", work / "titanic.mitigated"  # from check_binary
    result = json.loads(run(steward, "fairness", bundle, data, "--sensitive", "gender",
                            "--mitigate", "thresholds", "--constraint", "demographic_parity",
                            "--tolerance", "0.01", "--out-bundle", mitigated, "--bootstrap", "0",
                            "--json", "-q"))
    held_out = result["mitigation"]["comparison"]["attributes"][0]["dp_difference"]
    if not held_out["after"] <= MITIGATION_TOLERANCE < held_out["before"]:
        failures.append(f"titanic mitigation: held-out dp_difference {held_out}")
    predictions = work / "titanic.mitigated.csv"
    run(steward, "predict", mitigated, data, "--out", predictions, "-q")
    thresholds = json.loads((mitigated / "schema.json").read_text())["group_thresholds"]["thresholds"]
    frame = pd.read_csv(data)
    predicted = pd.read_csv(predictions)
    limit = frame["gender"].map(thresholds).to_numpy()
    # The probability as written is the float32 the model produced.
    expected = np.where(predicted["probability"].astype(np.float32) >= limit, "yes", "no")
    wrong = int((expected != predicted["class"].to_numpy()).sum())
    if wrong:
        failures.append(f"titanic mitigated predictions: {wrong} rows ignore their group threshold")
    print(f"titanic.csv mitigation: held-out dp_difference {held_out['before']:.3f} -> "
          f"{held_out['after']:.3f}")


def check_reweighing(steward, source_dir, work):
    """The weights recorded in the card are n_g n_y / (n n_gy) over the training rows."""
    data = source_dir / "data" / "titanic.csv"
    bundle = work / "titanic.reweighed"
    run(steward, "train", data, "--target", "survived", "--reweigh", "gender,class",
        "--valid-fraction", "0", "--rounds", "10", "--out", bundle, "-q", "--json")
    recorded = json.loads((bundle / "card.json").read_text())["mitigation"]["weights"]
    frame = pd.read_csv(data)
    group = frame["gender"].astype(str) + "|" + frame["class"].astype(str)
    n = len(frame)
    for cell in recorded:
        in_group = group == cell["group"]
        in_class = frame["survived"].astype(str) == cell["class"]
        both = int((in_group & in_class).sum())
        expected = in_group.sum() * in_class.sum() / (n * both) if both else 0.0
        check(f"reweighing {cell['group']} {cell['class']}", cell["weight"], expected)
        if cell["rows"] != both:
            failures.append(f"reweighing {cell['group']} {cell['class']}: rows {cell['rows']} vs {both}")
    print(f"titanic.csv reweighing: {len(recorded)} weights compared")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steward", required=True)
    parser.add_argument("--source-dir", required=True, type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        for case in BINARY_CASES:
            check_binary(args.steward, args.source_dir, work, case)
        check_regression(args.steward, args.source_dir, work)
        check_mitigation(args.steward, args.source_dir, work)
        check_reweighing(args.steward, args.source_dir, work)
    if failures:
        print("\n".join(failures[:50]))
        sys.exit(f"{len(failures)} differences")
    print("steward fairness equals the reference")


if __name__ == "__main__":
    main()
