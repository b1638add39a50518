#!/usr/bin/env python3
"""Oracle test: `steward profile` against pandas, numpy and SciPy.

Exact mode (`--exact`), on every bundled data set (data/*.csv) and a synthetic 50,000-row file
from bench/peers/gen_csv.py: rows, missing counts, distinct counts (nunique), mean, std,
skewness, kurtosis, min, max, quantiles, zeros, histogram counts (numpy.histogram), IQR and
MAD outlier counts (scipy.stats.median_abs_deviation), most frequent values, duplicate rows
(DataFrame.duplicated), Pearson correlations (DataFrame.corr, pairwise complete) and Cramér's V
(scipy.stats.contingency.association) must agree to 1e-9 relative.

Sketch mode, on a synthetic 300,000-row file: every reported quantile's true rank is within
the stated rank error, and distinct counts are within 2%.

  profile_vs_pandas.py --steward BUILD/bin/steward --source-dir REPO
Run with Debian's /usr/bin/python3 (python3-pandas, python3-scipy).
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
from scipy.stats import median_abs_deviation
from scipy.stats.contingency import association

RELATIVE = 1e-9


def close(a, b, relative=RELATIVE):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return str(a) == str(b)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= relative * max(1.0, abs(a), abs(b))


def number(value):
    if value is None:
        return float("nan")
    if isinstance(value, str):
        return float(value)
    return float(value)


def steward_profile(steward, path, *flags):
    out = subprocess.run([steward, "profile", str(path), "--json", "-q", *flags],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["summary"]


def numeric_problems(name, ours, series):
    problems = []
    values = series.dropna().to_numpy(dtype=np.float64)
    finite = values[np.isfinite(values)]
    numeric = ours["numeric"]
    expected = {
        "mean": series.mean(), "std": series.std(), "skewness": series.skew(),
        "kurtosis": series.kurt(), "min": series.min(), "max": series.max(),
    }
    for stat, value in expected.items():
        if not close(number(numeric[stat]), float(value)):
            problems.append(f"{name}.{stat}: steward {numeric[stat]}, pandas {value}")
    if numeric["zeros"] != int((finite == 0).sum()):
        problems.append(f"{name}.zeros: steward {numeric['zeros']}, pandas {(finite == 0).sum()}")
    if len(finite) == 0:
        return problems
    for entry in numeric["quantiles"]["values"]:
        value = series.quantile(entry["q"])
        if not close(number(entry["value"]), float(value)):
            problems.append(f"{name}.quantile({entry['q']}): steward {entry['value']}, pandas {value}")
    counts, _ = np.histogram(finite, bins=len(numeric["histogram"]["counts"]))
    if list(counts) != numeric["histogram"]["counts"]:
        problems.append(f"{name}.histogram: steward {numeric['histogram']['counts']}, numpy {list(counts)}")
    q1, median, q3 = np.quantile(finite, [0.25, 0.5, 0.75])
    iqr = q3 - q1
    iqr_count = int(((finite < q1 - 1.5 * iqr) | (finite > q3 + 1.5 * iqr)).sum())
    if numeric["outliers"]["iqr"]["count"] != iqr_count:
        problems.append(f"{name}.outliers.iqr: steward {numeric['outliers']['iqr']['count']}, numpy {iqr_count}")
    mad = median_abs_deviation(finite)
    if not close(number(numeric["outliers"]["mad"]["mad"]), float(mad)):
        problems.append(f"{name}.mad: steward {numeric['outliers']['mad']['mad']}, scipy {mad}")
    if mad > 0:
        reach = 3.5 * 1.4826 * mad
        mad_count = int(((finite < median - reach) | (finite > median + reach)).sum())
        if numeric["outliers"]["mad"]["count"] != mad_count:
            problems.append(f"{name}.outliers.mad: steward {numeric['outliers']['mad']['count']}, numpy {mad_count}")
    return problems


def compare(steward, path):
    summary = steward_profile(steward, path, "--exact")
    frame = pd.read_csv(path)
    problems = []
    if summary["rows"] != len(frame):
        return [f"rows: steward {summary['rows']}, pandas {len(frame)}"]
    duplicates = int(frame.duplicated().sum())
    if summary["duplicates"]["rows"] != duplicates:
        problems.append(f"duplicates: steward {summary['duplicates']['rows']}, pandas {duplicates}")
    for ours in summary["column_profiles"]:
        name = ours["name"]
        series = frame[name]
        if ours["missing"] != int(series.isna().sum()):
            problems.append(f"{name}.missing: steward {ours['missing']}, pandas {series.isna().sum()}")
        kind = ours["kind"]
        if kind != "timestamp" and ours["distinct"]["value"] != series.nunique():
            problems.append(f"{name}.distinct: steward {ours['distinct']['value']}, pandas {series.nunique()}")
        if kind == "numeric":
            problems += numeric_problems(name, ours, series)
        elif kind in ("categorical", "boolean"):
            counts = series.astype(str).value_counts() if kind == "boolean" else series.value_counts()
            top = [entry["count"] for entry in ours["top"]]
            if top != list(counts.iloc[: len(top)]):
                problems.append(f"{name}.top: steward {top}, pandas {list(counts.iloc[:len(top)])}")
    numeric = [c["name"] for c in summary["column_profiles"] if c["kind"] == "numeric"]
    if len(numeric) > 1:
        corr = frame[numeric].corr()
        for pair in summary["correlations"]["pearson"]:
            expected = corr.loc[pair["a"], pair["b"]]
            if not close(number(pair["r"]), float(expected), 1e-9):
                problems.append(f"pearson {pair['a']},{pair['b']}: steward {pair['r']}, pandas {expected}")
    for pair in summary["correlations"]["cramers_v"]:
        both = frame[[pair["a"], pair["b"]]].dropna()
        table = pd.crosstab(both[pair["a"]], both[pair["b"]])
        if min(table.shape) < 2:
            continue
        expected = association(table.to_numpy(), method="cramer", correction=False)
        if not close(number(pair["v"]), float(expected)):
            problems.append(f"cramers_v {pair['a']},{pair['b']}: steward {pair['v']}, scipy {expected}")
    return problems


def sketch_problems(steward, path):
    summary = steward_profile(steward, path)
    frame = pd.read_csv(path)
    problems = []
    for ours in summary["column_profiles"]:
        name = ours["name"]
        series = frame[name]
        if ours["kind"] != "timestamp":
            expected = series.nunique()
            if abs(ours["distinct"]["value"] - expected) > 0.02 * expected:
                problems.append(f"{name}.distinct: steward {ours['distinct']['value']}, pandas {expected}")
        if ours["kind"] != "numeric":
            continue
        values = np.sort(series.dropna().to_numpy(dtype=np.float64))
        quantiles = ours["numeric"]["quantiles"]
        if quantiles["exact"]:
            problems.append(f"{name}: expected sketch mode above 65,536 values")
        bound = quantiles["rank_error"]
        for entry in quantiles["values"]:
            value = number(entry["value"])
            low = np.searchsorted(values, value, side="left") / len(values)
            high = np.searchsorted(values, value, side="right") / len(values)
            if not (low - bound <= entry["q"] <= high + bound):
                problems.append(f"{name}.quantile({entry['q']}) = {value} has rank {low:.4f}..{high:.4f}, bound {bound}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steward", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    source = Path(args.source_dir)
    generator = source / "bench/peers/gen_csv.py"
    files = sorted((source / "data").glob("*.csv"))
    failed = 0
    with tempfile.TemporaryDirectory() as scratch:
        synthetic = Path(scratch) / "synthetic_50k.csv"
        subprocess.run([sys.executable, str(generator), str(synthetic), "--rows", "50000",
                        "--seed", "7"], check=True, capture_output=True)
        files.append(synthetic)
        for path in files:
            problems = compare(args.steward, path)
            print(("FAIL " if problems else "ok   ") + path.name)
            for problem in problems:
                print("  - " + problem)
            failed += bool(problems)
        large = Path(scratch) / "synthetic_300k.csv"
        subprocess.run([sys.executable, str(generator), str(large), "--rows", "300000",
                        "--seed", "9"], check=True, capture_output=True)
        problems = sketch_problems(args.steward, large)
        print(("FAIL " if problems else "ok   ") + large.name + " (sketch mode)")
        for problem in problems:
            print("  - " + problem)
        failed += bool(problems)
    total = len(files) + 1
    print(f"{total - failed} of {total} files profiled as pandas/numpy/SciPy compute them")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
