#!/usr/bin/env python3
"""Oracle test: Steward's metrics module against scikit-learn 1.2.

Every metric steward_metrics_dump prints must equal scikit-learn's on the same predictions to
1e-9 (relative above 1, absolute below), for:
  - random binary, multiclass and regression predictions: n from 1 to 100,000, several seeds,
    scores with ties (coarse grids, all equal), exact 0 and 1, imbalanced labels, no weights,
    real-valued weights with zeros, integer weights, and per-slice metrics (codes with -1);
  - real predictions: LogisticRegression on data/breast_cancer.csv (binary) and data/iris.csv
    (multiclass), LinearRegression on data/diabetes.csv.
A metric Steward leaves undefined (null) must be one sklearn cannot give a number for (it raises
or returns NaN), or one docs/formats/metrics.md lists as undefined where sklearn returns a
convention value. Bad input must fail with exit code 2 and a message naming the row.

  metrics_vs_sklearn.py --dump BUILD/tests/steward_metrics_dump --source-dir REPO
Run with Debian's /usr/bin/python3 (python3-sklearn 1.2.1).
"""
import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn import metrics as skm
from sklearn.calibration import calibration_curve
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

TOLERANCE = 1e-9
QUANTILE_LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95]


class Checker:
    """Collects mismatches; counts comparisons so a test that compares nothing fails."""

    def __init__(self):
        self.problems = []
        self.comparisons = 0

    def value(self, where, ours, reference):
        """`reference` None means sklearn has no number, so ours must be null."""
        self.comparisons += 1
        if reference is not None and isinstance(reference, float) and math.isnan(reference):
            reference = None
        if ours is None or reference is None:
            if ours is not None or reference is not None:
                self.problems.append(f"{where}: steward {ours}, sklearn {reference}")
            return
        reference = float(reference)
        if abs(ours - reference) > TOLERANCE * max(1.0, abs(ours), abs(reference)):
            self.problems.append(f"{where}: steward {ours!r}, sklearn {reference!r}")

    def array(self, where, ours, reference):
        reference = np.asarray(reference, dtype=float)
        if len(ours) != len(reference):
            self.problems.append(f"{where}: steward has {len(ours)} values, sklearn {len(reference)}")
            return
        for i, (a, b) in enumerate(zip(ours, reference)):
            self.value(f"{where}[{i}]", a, float(b))


def quiet(function, *args, **kwargs):
    """sklearn's value, or None where it raises for undefined input."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", UserWarning)
        try:
            return function(*args, **kwargs)
        except (ValueError, ZeroDivisionError):
            return None


def run_dump(dump, task, frame, *flags, expect_ok=True):
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:
        path = handle.name
    # 17 significant digits read back to the same double.
    frame.to_csv(path, index=False, float_format="%.17g", na_rep="nan")
    try:
        result = subprocess.run([dump, task, path, *flags], capture_output=True, text=True)
    finally:
        Path(path).unlink()
    if not expect_ok:
        return result
    if result.returncode != 0:
        raise RuntimeError(f"steward_metrics_dump {task} failed: {result.stderr}")
    return json.loads(result.stdout)


# ---------------------------------------------------------------------------------- binary

def reference_calibration(y, s, w, bins):
    """sklearn's calibration_curve without weights; with weights, its weighted generalisation
    (bincount with the weights), which sklearn 1.2 does not offer."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    ids = np.searchsorted(edges[1:-1], s)
    weight = np.ones_like(s) if w is None else w
    total = np.bincount(ids, weights=weight, minlength=bins)
    sums = np.bincount(ids, weights=weight * s, minlength=bins)
    trues = np.bincount(ids, weights=weight * y, minlength=bins)
    rows = np.bincount(ids, minlength=bins)
    keep = total != 0
    fraction, mean = trues[keep] / total[keep], sums[keep] / total[keep]
    if w is None:
        sk_fraction, sk_mean = calibration_curve(y, s, n_bins=bins)
        assert np.array_equal(sk_fraction, fraction) and np.array_equal(sk_mean, mean)
    return fraction, mean, total[keep], rows[keep]


def check_binary(check, where, doc, y, s, w, threshold, bins, roc_curve):
    total_weight = float(len(y)) if w is None else float(np.sum(w))
    positive_weight = float(np.sum(y if w is None else w * y))
    negative_weight = total_weight - positive_weight
    check.value(f"{where}.rows", float(doc["rows"]), float(len(y)))
    check.value(f"{where}.weight", doc["weight"], total_weight)
    check.value(f"{where}.positive_weight", doc["positive_weight"], positive_weight)
    if total_weight == 0:
        for name in ["roc_auc", "log_loss", "accuracy", "f1", "expected_calibration_error"]:
            check.value(f"{where}.{name}", doc[name], None)
        return
    both = positive_weight > 0 and negative_weight > 0
    check.value(f"{where}.roc_auc", doc["roc_auc"],
                quiet(skm.roc_auc_score, y, s, sample_weight=w) if both else None)
    # Without positives sklearn's average precision is 0 by convention (docs/formats/metrics.md).
    has_positives = positive_weight > 0
    check.value(f"{where}.average_precision", doc["average_precision"],
                skm.average_precision_score(y, s, sample_weight=w) if has_positives else None)
    if has_positives:
        precision, recall, _ = skm.precision_recall_curve(y, s, sample_weight=w)
        pr_auc = skm.auc(recall, precision)
    else:
        pr_auc = None
    check.value(f"{where}.pr_auc_trapezoid", doc["pr_auc_trapezoid"], pr_auc)
    check.value(f"{where}.log_loss", doc["log_loss"],
                skm.log_loss(y, s, sample_weight=w, labels=[0, 1]))
    check.value(f"{where}.brier_score", doc["brier_score"],
                skm.brier_score_loss(y, s, sample_weight=w))
    predicted = (s >= threshold).astype(int)
    check.value(f"{where}.accuracy", doc["accuracy"],
                skm.accuracy_score(y, predicted, sample_weight=w))
    for name, function in [("precision", skm.precision_score), ("recall", skm.recall_score),
                           ("f1", skm.f1_score)]:
        check.value(f"{where}.{name}", doc[name],
                    function(y, predicted, sample_weight=w, zero_division=0))
    tn, fp, fn, tp = skm.confusion_matrix(y, predicted, labels=[0, 1], sample_weight=w).ravel()
    for name, expected in [("tn", tn), ("fp", fp), ("fn", fn), ("tp", tp)]:
        check.value(f"{where}.confusion_matrix.{name}", doc["confusion_matrix"][name], expected)

    fraction, mean, bin_weight, bin_rows = reference_calibration(y, s, w, bins)
    ours = doc["calibration"]["bins"]
    check.array(f"{where}.calibration.fraction_positive", [b["fraction_positive"] for b in ours],
                fraction)
    check.array(f"{where}.calibration.mean_predicted", [b["mean_predicted"] for b in ours], mean)
    check.array(f"{where}.calibration.weight", [b["weight"] for b in ours], bin_weight)
    check.array(f"{where}.calibration.rows", [b["rows"] for b in ours], bin_rows)
    gaps = np.abs(fraction - mean)
    check.value(f"{where}.expected_calibration_error", doc["expected_calibration_error"],
                float(np.sum(bin_weight / total_weight * gaps)))
    check.value(f"{where}.max_calibration_error", doc["max_calibration_error"], float(gaps.max()))

    if "roc_curve" in doc or (both and roc_curve):
        if not both or not roc_curve or "roc_curve" not in doc:
            check.problems.append(f"{where}.roc_curve: present {'roc_curve' in doc}, "
                                  f"asked for {roc_curve}, both classes weighted {both}")
            return
        fpr, tpr, thresholds = skm.roc_curve(y, s, sample_weight=w)
        check.array(f"{where}.roc_curve.fpr", doc["roc_curve"]["fpr"], fpr)
        check.array(f"{where}.roc_curve.tpr", doc["roc_curve"]["tpr"], tpr)
        check.array(f"{where}.roc_curve.thresholds", doc["roc_curve"]["thresholds"], thresholds)


def check_slices(check, where, doc, slices, check_one):
    """Each slice's metrics are those of its rows alone; missing (-1) is its own slice, last."""
    codes = sorted(set(int(c) for c in slices if c >= 0)) + ([-1] if (slices == -1).any() else [])
    groups = doc["slices"]["groups"]
    if [g["code"] for g in groups] != codes:
        check.problems.append(f"{where}.slices: codes {[g['code'] for g in groups]}, want {codes}")
        return
    for group in groups:
        check_one(f"{where}.slice[{group['code']}]", group["metrics"], slices == group["code"])


def binary_case(dump, check, where, y, s, w=None, slices=None, threshold=0.5, bins=10):
    frame = pd.DataFrame({"label": y.astype(int), "score": s})
    if w is not None:
        frame["weight"] = w
    if slices is not None:
        frame["slice"] = slices.astype(int)
    flags = ["--threshold", repr(threshold), "--bins", str(bins)]
    roc_curve = len(y) <= 20000  # enough points at 1,000 rows; 100,000 only costs time
    if roc_curve:
        flags.append("--roc-curve")
    doc = run_dump(dump, "binary", frame, *flags)
    check_binary(check, where, doc["overall"], y, s, w, threshold, bins, roc_curve)
    if slices is not None:
        check_slices(check, where, doc, slices, lambda at, sub, mask: check_binary(
            check, at, sub, y[mask], s[mask], None if w is None else w[mask], threshold, bins,
            roc_curve))


def score_generators(rng, n, y):
    """Scores that stress ties and ends as well as continuous ones."""
    return {
        "uniform": rng.random(n),
        "grid20": np.round(rng.random(n) * 20) / 20,
        "informative": np.clip(0.3 * y + rng.normal(0.35, 0.2, n), 0, 1),
        "all_equal": np.full(n, 0.3),
        "with_ends": rng.choice([0.0, 1.0, 0.5, 0.1, 0.30000000000000004, 0.3, 0.7], n),
    }


def weight_generators(rng, n):
    real = rng.exponential(1.0, n)
    real[rng.random(n) < 0.2] = 0.0
    return {"none": None, "real_with_zeros": real, "integers": rng.integers(0, 4, n).astype(float)}


def random_binary(dump, check):
    for seed in [1, 2, 3]:
        for n in [1, 2, 3, 10, 100, 1000, 100000]:
            rng = np.random.default_rng(seed * 1000 + n)
            for prevalence in [0.5, 0.03]:
                y = (rng.random(n) < prevalence).astype(int)
                for score_name, s in score_generators(rng, n, y).items():
                    if n == 100000 and (seed > 1 or score_name not in ("uniform", "grid20")):
                        continue  # large n: a few cases keep the test near a minute
                    for weight_name, w in weight_generators(rng, n).items():
                        slices = rng.integers(-1, 5, n) if n >= 10 else None
                        threshold = [0.5, 0.3, 0.95][seed - 1]
                        binary_case(dump, check,
                                    f"binary seed={seed} n={n} p={prevalence} {score_name} "
                                    f"{weight_name}", y, s, w, slices, threshold,
                                    bins=[10, 7, 1][seed - 1])


# ------------------------------------------------------------------------------ multiclass

def check_multiclass(check, where, doc, y, p, w):
    k = p.shape[1]
    total_weight = float(len(y)) if w is None else float(np.sum(w))
    check.value(f"{where}.rows", float(doc["rows"]), float(len(y)))
    check.value(f"{where}.weight", doc["weight"], total_weight)
    if total_weight == 0:
        for name in ["accuracy", "macro_f1", "log_loss", "macro_roc_auc_ovr"]:
            check.value(f"{where}.{name}", doc[name], None)
        return
    predicted = np.argmax(p, axis=1)
    check.value(f"{where}.accuracy", doc["accuracy"],
                skm.accuracy_score(y, predicted, sample_weight=w))
    for average in ["macro", "weighted"]:
        check.value(f"{where}.{average}_f1", doc[f"{average}_f1"],
                    skm.f1_score(y, predicted, average=average, sample_weight=w,
                                 zero_division=0))
    check.value(f"{where}.log_loss", doc["log_loss"],
                skm.log_loss(y, p, labels=list(range(k)), sample_weight=w))
    weight = np.ones(len(y)) if w is None else w
    class_weight = np.array([weight[y == c].sum() for c in range(k)])
    defined = bool(np.all(class_weight > 0) and np.all(class_weight < total_weight))
    per_class = [skm.roc_auc_score(y == c, p[:, c], sample_weight=w) for c in range(k)] \
        if defined else None
    expected = float(np.mean(per_class)) if defined else None
    if defined and k > 2:
        ovr = skm.roc_auc_score(y, p, multi_class="ovr", labels=list(range(k)), sample_weight=w)
        check.value(f"{where}.sklearn_ovr_self_consistency", float(ovr), expected)
    check.value(f"{where}.macro_roc_auc_ovr", doc["macro_roc_auc_ovr"], expected)
    precision, recall, f1, support = skm.precision_recall_fscore_support(
        y, predicted, labels=list(range(k)), sample_weight=w, zero_division=0)
    for name, values in [("precision", precision), ("recall", recall), ("f1", f1),
                         ("support", support)]:
        check.array(f"{where}.classes.{name}", [c[name] for c in doc["classes"]], values)
    confusion = skm.confusion_matrix(y, predicted, labels=list(range(k)), sample_weight=w)
    check.array(f"{where}.confusion_matrix", sum(doc["confusion_matrix"], []), confusion.ravel())


def multiclass_case(dump, check, where, y, p, w=None, slices=None):
    frame = pd.DataFrame({"label": y.astype(int)})
    for c in range(p.shape[1]):
        frame[f"p{c}"] = p[:, c]
    if w is not None:
        frame["weight"] = w
    if slices is not None:
        frame["slice"] = slices.astype(int)
    doc = run_dump(dump, "multiclass", frame)
    check_multiclass(check, where, doc["overall"], y, p, w)
    if slices is not None:
        check_slices(check, where, doc, slices, lambda at, sub, mask: check_multiclass(
            check, at, sub, y[mask], p[mask], None if w is None else w[mask]))


def random_multiclass(dump, check):
    for seed in [1, 2]:
        for n in [1, 5, 60, 1000, 30000]:
            if n == 30000 and seed > 1:
                continue
            for k in [2, 3, 5]:
                rng = np.random.default_rng(seed * 7919 + n * 13 + k)
                # Integer counts over their sum: many ties, rows that sum to 1 within a rounding.
                counts = rng.integers(0, 4, (n, k)).astype(float)
                counts[counts.sum(axis=1) == 0, 0] = 1
                coarse = counts / counts.sum(axis=1, keepdims=True)
                smooth = rng.dirichlet(np.ones(k), n)
                imbalanced = rng.choice(k, n, p=np.r_[0.9, np.full(k - 1, 0.1 / (k - 1))])
                for p_name, p in [("coarse", coarse), ("dirichlet", smooth)]:
                    for y_name, y in [("uniform", rng.integers(0, k, n)),
                                      ("imbalanced", imbalanced)]:
                        for w_name, w in weight_generators(rng, n).items():
                            slices = rng.integers(-1, 3, n) if n >= 60 else None
                            multiclass_case(dump, check,
                                            f"multiclass seed={seed} n={n} k={k} {p_name} "
                                            f"{y_name} {w_name}", y, p, w, slices)


# ------------------------------------------------------------------------------ regression

def check_regression(check, where, doc, y, pred, w):
    total_weight = float(len(y)) if w is None else float(np.sum(w))
    check.value(f"{where}.rows", float(doc["rows"]), float(len(y)))
    check.value(f"{where}.weight", doc["weight"], total_weight)
    residuals = y - pred
    check.array(f"{where}.residual_quantiles", [q["value"] for q in doc["residual_quantiles"]],
                np.quantile(residuals, QUANTILE_LEVELS))
    if total_weight == 0:
        for name in ["rmse", "mae", "r2", "mean_residual"]:
            check.value(f"{where}.{name}", doc[name], None)
        return
    check.value(f"{where}.rmse", doc["rmse"],
                skm.mean_squared_error(y, pred, sample_weight=w, squared=False))
    check.value(f"{where}.mae", doc["mae"], skm.mean_absolute_error(y, pred, sample_weight=w))
    if len(y) >= 2 and np.ptp(y) == 0:
        # sklearn's rule for a constant target (1 if predicted exactly, else 0) applied exactly:
        # its weighted mean of a constant can miss the constant by a rounding, leaving a total
        # sum of squares near 1e-30 and an R2 near -1e32 (docs/formats/metrics.md).
        weight = np.ones(len(y)) if w is None else w
        expected_r2 = 1.0 if np.sum(weight * residuals ** 2) == 0 else 0.0
    else:
        expected_r2 = quiet(skm.r2_score, y, pred, sample_weight=w)
    check.value(f"{where}.r2", doc["r2"], expected_r2)
    check.value(f"{where}.mean_residual", doc["mean_residual"],
                float(np.average(residuals, weights=w)))


def regression_case(dump, check, where, y, pred, w=None, slices=None):
    frame = pd.DataFrame({"y": y, "pred": pred})
    if w is not None:
        frame["weight"] = w
    if slices is not None:
        frame["slice"] = slices.astype(int)
    doc = run_dump(dump, "regression", frame)
    check_regression(check, where, doc["overall"], y, pred, w)
    if slices is not None:
        check_slices(check, where, doc, slices, lambda at, sub, mask: check_regression(
            check, at, sub, y[mask], pred[mask], None if w is None else w[mask]))


def random_regression(dump, check):
    for seed in [1, 2, 3]:
        for n in [1, 2, 10, 500, 100000]:
            if n == 100000 and seed > 1:
                continue
            rng = np.random.default_rng(seed * 31 + n)
            y = rng.normal(100, 30, n)
            targets = {"normal": y, "constant": np.full(n, 3.0), "rounded": np.round(y)}
            for t_name, target in targets.items():
                predictions = {"noisy": target + rng.normal(0, 10, n), "exact": target.copy(),
                               "biased": target * 0.9 + 5}
                for p_name, pred in predictions.items():
                    for w_name, w in weight_generators(rng, n).items():
                        slices = rng.integers(-1, 4, n) if n >= 10 else None
                        regression_case(dump, check,
                                        f"regression seed={seed} n={n} {t_name} {p_name} "
                                        f"{w_name}", target, pred, w, slices)


# ----------------------------------------------------------------------------- real data

def real_data(dump, check, source_dir):
    data = Path(source_dir) / "data"
    cancer = pd.read_csv(data / "breast_cancer.csv")
    features = cancer.drop(columns=["diagnosis"])
    labels = (cancer["diagnosis"] == "malignant").astype(int).to_numpy()
    x_train, x_test, y_train, y_test = train_test_split(
        StandardScaler().fit_transform(features), labels, test_size=0.4, random_state=0)
    model = LogisticRegression(max_iter=5000).fit(x_train, y_train)
    scores = model.predict_proba(x_test)[:, 1]
    # Slices: the tertile of the first feature, a stand-in for a sensitive attribute.
    slices = np.digitize(x_test[:, 0], np.quantile(x_test[:, 0], [1 / 3, 2 / 3]))
    binary_case(dump, check, "breast_cancer", y_test, scores, None, slices)
    binary_case(dump, check, "breast_cancer weighted", y_test, scores,
                np.where(y_test == 1, 2.0, 0.5), slices, threshold=0.3)

    iris = pd.read_csv(data / "iris.csv")
    species = iris["species"].astype("category").cat.codes.to_numpy()
    x = iris.drop(columns=["species"]).to_numpy()
    x_train, x_test, y_train, y_test = train_test_split(x, species, test_size=0.5,
                                                        random_state=1, stratify=species)
    model = LogisticRegression(max_iter=5000, C=0.05).fit(x_train, y_train)
    multiclass_case(dump, check, "iris", y_test, model.predict_proba(x_test),
                    None, (x_test[:, 0] > 5.8).astype(int))

    diabetes = pd.read_csv(data / "diabetes.csv")
    x = diabetes.drop(columns=["progression"]).to_numpy()
    y = diabetes["progression"].to_numpy(dtype=float)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.3, random_state=2)
    pred = LinearRegression().fit(x_train, y_train).predict(x_test)
    regression_case(dump, check, "diabetes", y_test, pred, None, x_test[:, 1].astype(int) - 1)


# ---------------------------------------------------------------------------- bad input

def bad_input(dump, check):
    cases = [
        ("binary", pd.DataFrame({"label": [0, 1, 1], "score": [0.1, 1.5, 0.2]}),
         "row 1: score 1.5 is not a probability in [0, 1]"),
        ("binary", pd.DataFrame({"label": [0, 1, 1], "score": [0.1, 0.5, float("nan")]}),
         "row 2: score nan"),
        ("binary", pd.DataFrame({"label": [0, 2], "score": [0.1, 0.5]}),
         "row 1: label 2 is not 0 or 1"),
        ("binary", pd.DataFrame({"label": [0, 1], "score": [0.1, 0.5], "weight": [1.0, -1.0]}),
         "row 1: sample weight -1"),
        ("multiclass", pd.DataFrame({"label": [0, 1], "p0": [0.5, 0.7], "p1": [0.5, 0.2]}),
         "row 1: probabilities sum to 0.8999999999999999, expected 1"),
        ("regression", pd.DataFrame({"y": [1.0, 2.0], "pred": [1.0, float("inf")]}),
         "row 1: prediction inf"),
        ("binary", pd.DataFrame({"label": [], "score": []}), "no rows"),
    ]
    for task, frame, message in cases:
        result = run_dump(dump, task, frame, expect_ok=False)
        check.comparisons += 1
        if result.returncode != 2 or message not in result.stderr:
            check.problems.append(f"bad input {task}: exit {result.returncode}, stderr "
                                  f"{result.stderr.strip()!r}, expected {message!r}")


def self_test():
    """The comparison itself must see a difference just above the tolerance."""
    check = Checker()
    check.value("self", 0.5 + 2e-9, 0.5)
    check.value("self", None, 0.5)
    check.value("self", 0.5, float("nan"))
    check.array("self", [1.0], [1.0, 2.0])
    assert len(check.problems) == 4, check.problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dump", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    self_test()
    check = Checker()
    for name, part in [("real data", lambda: real_data(args.dump, check, args.source_dir)),
                       ("bad input", lambda: bad_input(args.dump, check)),
                       ("binary", lambda: random_binary(args.dump, check)),
                       ("multiclass", lambda: random_multiclass(args.dump, check)),
                       ("regression", lambda: random_regression(args.dump, check))]:
        before, started = check.comparisons, time.monotonic()
        part()
        print(f"{name}: {check.comparisons - before} comparisons, "
              f"{time.monotonic() - started:.1f} s", flush=True)
    for problem in check.problems[:50]:
        print(problem)
    if check.problems:
        print(f"FAIL: {len(check.problems)} of {check.comparisons} comparisons differ")
        return 1
    if check.comparisons < 10000:
        print(f"FAIL: only {check.comparisons} comparisons were made")
        return 1
    print(f"OK: {check.comparisons} comparisons within {TOLERANCE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
