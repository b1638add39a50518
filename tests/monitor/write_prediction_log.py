#!/usr/bin/env python3
"""Writes a prediction log as `steward serve` writes it (docs/formats/prediction_log.md) from a
CSV's rows, for monitor tests: one record per row, one second apart from 2026-11-23T06:00:00Z;
rows from --drift-from on have --column multiplied by --factor.

  write_prediction_log.py DATA.csv LOG_DIR [--rows N] [--drop COL] [--drift-from I]
                          [--column C] [--factor F]
"""
import argparse
import json
import math
from pathlib import Path

import pandas as pd

parser = argparse.ArgumentParser()
parser.add_argument("data")
parser.add_argument("log")
parser.add_argument("--rows", type=int, default=1200)
parser.add_argument("--drop", default="")
parser.add_argument("--drift-from", type=int, default=-1)
parser.add_argument("--column", default="")
parser.add_argument("--factor", type=float, default=2.0)
args = parser.parse_args()

frame = pd.read_csv(args.data)
if args.drop:
    frame = frame.drop(columns=args.drop.split(","))
Path(args.log).mkdir(parents=True, exist_ok=True)
with open(Path(args.log) / "predictions-20261123T060000Z-000001.jsonl", "w") as out:
    for i, row in enumerate(frame.head(args.rows).to_dict("records")):
        row = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
        if 0 <= args.drift_from <= i and row.get(args.column) is not None:
            row[args.column] = row[args.column] * args.factor
        record = {"kind": "prediction", "id": "%032x" % i,
                  "time": "2026-11-23T%02d:%02d:%02d.000Z" % (6 + i // 3600, i // 60 % 60, i % 60),
                  "model": "credit", "version": 1, "inputs": row,
                  "outputs": {"probability": 0.5, "class": "good"}}
        out.write(json.dumps(record) + "\n")
