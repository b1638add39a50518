#!/usr/bin/env python3
"""Oracle test: Steward's CSV reader against pandas.read_csv, value by value.

For every bundled data set (data/*.csv) and a synthetic 50,000-row file from
bench/peers/gen_csv.py, it reads the file with Steward (tests/oracle/table_dump.cc) and
with pandas (default options, as a user would), and checks: the same rows and columns;
pandas numeric columns are Steward numeric columns holding the *same doubles*, bit for bit,
with missing values in the same places; pandas bool columns are Steward booleans; pandas
object columns are Steward categorical or text columns with the same strings, or timestamp
columns equal to pd.to_datetime of pandas' strings.

  csv_vs_pandas.py --dump BUILD/tests/steward_table_dump --source-dir REPO
Run with Debian's /usr/bin/python3 (python3-pandas).
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

def steward_read(dump, path):
    out = subprocess.run([dump, str(path)], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def compare(dump, path):
    problems = []
    ours = steward_read(dump, path)
    theirs = pd.read_csv(path)
    if ours["rows"] != len(theirs):
        return [f"rows: steward {ours['rows']}, pandas {len(theirs)}"]
    names = [c["name"] for c in ours["columns"]]
    if names != list(theirs.columns):
        return [f"columns: steward {names}, pandas {list(theirs.columns)}"]
    for column in ours["columns"]:
        name, kind, values = column["name"], column["kind"], column["values"]
        series = theirs[name]
        missing = series.isna().to_numpy()
        ours_missing = np.array([v is None for v in values])
        if not np.array_equal(missing, ours_missing):
            first = int(np.argmax(missing != ours_missing))
            problems.append(f"{name}: missing differs first at row {first + 2}: pandas {series.iloc[first]!r}, steward {values[first]!r}")
            continue
        if pd.api.types.is_bool_dtype(series):
            if kind != "boolean" or [bool(v) for v in series] != values:
                problems.append(f"{name}: pandas bool, steward {kind}")
        elif pd.api.types.is_numeric_dtype(series):
            if kind != "numeric":
                problems.append(f"{name}: pandas {series.dtype}, steward {kind}")
                continue
            expected = series.to_numpy(dtype=np.float64)
            actual = np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)
            same = (expected.view(np.uint64) == actual.view(np.uint64)) | (np.isnan(expected) & np.isnan(actual))
            if not same.all():
                first = int(np.argmin(same))
                problems.append(f"{name}: value at row {first + 2}: pandas {expected[first]!r}, steward {actual[first]!r}")
        else:
            present = [v for v in series if not (isinstance(v, float) and math.isnan(v))]
            ours_present = [v for v in values if v is not None]
            if kind in ("categorical", "text"):
                if present != ours_present:
                    first = next(i for i, (a, b) in enumerate(zip(present, ours_present)) if a != b)
                    problems.append(f"{name}: string {first}: pandas {present[first]!r}, steward {ours_present[first]!r}")
            elif kind == "timestamp":
                expected = pd.to_datetime(pd.Series(present), utc=True)
                micros = (expected.astype("int64") // 1000).tolist()
                if micros != ours_present:
                    problems.append(f"{name}: timestamps differ from pd.to_datetime")
            else:
                problems.append(f"{name}: pandas object, steward {kind}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dump", required=True)
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    source = Path(args.source_dir)
    files = sorted((source / "data").glob("*.csv"))
    with tempfile.TemporaryDirectory() as scratch:
        synthetic = Path(scratch) / "synthetic_50k.csv"
        subprocess.run([sys.executable, str(source / "bench/peers/gen_csv.py"), str(synthetic),
                        "--rows", "50000", "--seed", "7"], check=True, capture_output=True)
        files.append(synthetic)
        failed = 0
        for path in files:
            problems = compare(args.dump, path)
            print(("FAIL " if problems else "ok   ") + path.name)
            for problem in problems:
                print("  - " + problem)
            failed += bool(problems)
    print(f"{len(files) - failed} of {len(files)} files read as pandas reads them")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
