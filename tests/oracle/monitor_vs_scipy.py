#!/usr/bin/env python3
"""Oracle test: `steward monitor` against SciPy (bench/peers/drift_reference.py).

Every bundled data set is split in ways that reach each branch of the KS p-value computation:
halves (exact lattice-path p-values below 10,000 rows), a small sample against the rest (the
Durbin-matrix and Pomeranz distributions when m n / (m + n) <= 140), the large sensor data set
(asymptotic: Pelz-Good and Smirnov), and shifted twins of each (numeric columns moved by a
quarter of a standard deviation and stretched, one category relabelled, extra missing values).
KS statistic and p-value, Wasserstein (raw and normalised), PSI, Jensen-Shannon, chi-square,
its p-value and the unseen-category share must equal the reference to 1e-9 (relative, or
absolute below 1e-300).

  monitor_vs_scipy.py --steward BUILD/bin/steward --source-dir REPO
Run with Debian's /usr/bin/python3 (python3-scipy, python3-pandas).
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

TOLERANCE = 1e-9
# Columns pandas and Steward read differently are outside the comparison: free text that
# Steward keeps as text (not tested for drift) and dates.
SKIP = {"reported_heights.csv": {"time_stamp", "height"}, "seattle_weather.csv": {"date"},
        "titanic.csv": {"name"}, "air_passengers.csv": {"month"}}
failures = []


def shifted(frame, rng):
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype.kind in "fi":
            std = values.std() if values.notna().sum() > 1 else 1.0
            std = std if std and np.isfinite(std) else 1.0
            moved = values * 1.1 + 0.25 * std
            out[column] = moved.round(6) if values.dtype.kind == "f" else moved.round().astype("Int64")
        elif values.dtype == object:
            labels = values.dropna().unique()
            if len(labels):
                out[column] = values.replace(labels[0], "relabelled")
        holes = rng.random(len(out)) < 0.05
        out.loc[holes, column] = None
    return out


def compare(name, reference, current, steward, source_dir, work):
    ref_path, cur_path = work / "ref.csv", work / "cur.csv"
    reference.to_csv(ref_path, index=False)
    current.to_csv(cur_path, index=False)
    expected = work / "scipy.json"
    subprocess.run(["/usr/bin/python3", str(source_dir / "bench/peers/drift_reference.py"),
                    str(ref_path), str(cur_path), "--out", str(expected)], check=True,
                   capture_output=True)
    run = subprocess.run([steward, "monitor", "--reference", str(ref_path), "--current",
                          str(cur_path), "--json"], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        failures.append(f"{name}: steward exited {run.returncode}: {run.stderr.strip()}")
        return 0
    ours = {c["name"]: c for c in json.loads(run.stdout)["columns"]}
    theirs = json.load(open(expected))["columns"]
    checked = 0
    for column, stats in theirs.items():
        if column in SKIP.get(name.split(":")[0], set()):
            continue
        if column not in ours:
            failures.append(f"{name}: column {column} not compared by steward")
            continue
        for key, value in stats.items():
            if key == "kind":
                if ours[column]["kind"] != value:
                    failures.append(f"{name}: {column} kind {ours[column]['kind']} != {value}")
                continue
            mine = ours[column].get(key)
            if mine is None:
                failures.append(f"{name}: {column}.{key} missing (reference {value})")
                continue
            scale = max(abs(value), abs(mine))
            error = 0.0 if scale < 1e-300 else abs(mine - value) / scale
            if error > TOLERANCE:
                failures.append(f"{name}: {column}.{key} steward {mine!r} reference {value!r}")
            checked += 1
    return checked


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steward", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    source_dir = Path(args.source_dir)
    rng = np.random.default_rng(7)
    checked = 0
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        for path in sorted((source_dir / "data").glob("*.csv")):
            frame = pd.read_csv(path)
            half = frame.sample(frac=0.5, random_state=1)
            rest = frame.drop(half.index)
            checked += compare(f"{path.name}:halves", half, rest, args.steward, source_dir, work)
            checked += compare(f"{path.name}:shifted", half, shifted(rest, rng), args.steward,
                               source_dir, work)
            if len(frame) > 10_000:
                small = frame.sample(n=120, random_state=2)
                checked += compare(f"{path.name}:small-vs-rest", frame.drop(small.index),
                                   shifted(small, rng), args.steward, source_dir, work)
                checked += compare(f"{path.name}:whole-vs-shifted", frame, shifted(frame, rng),
                                   args.steward, source_dir, work)
    for failure in failures:
        print("FAIL", failure)
    print(f"{checked} statistics compared, {len(failures)} differ")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
