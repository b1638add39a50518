#!/usr/bin/env python3
"""Writes a prediction log as `steward serve` writes it (docs/formats/prediction_log.md) from a
CSV's rows, for monitor tests: one record per row, one second apart from 2026-11-23T06:00:00Z;
rows from --drift-from on have --column multiplied by --factor.

With --predictions (a file `steward predict` wrote from DATA.csv) the outputs are the model's;
otherwise a constant. With --label COL, COL leaves the inputs and every --feedback-every'th
prediction gets a feedback record carrying its value (the opposite class from row
--flip-from on), as the server's POST /v1/feedback writes it.

  write_prediction_log.py DATA.csv LOG_DIR [--rows N] [--drop COL] [--drift-from I]
                          [--column C] [--factor F] [--predictions FILE] [--label COL]
                          [--feedback-every K] [--flip-from I]
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
parser.add_argument("--predictions", default="")
parser.add_argument("--label", default="")
parser.add_argument("--feedback-every", type=int, default=1)
parser.add_argument("--flip-from", type=int, default=-1)
args = parser.parse_args()

frame = pd.read_csv(args.data)
predictions = pd.read_csv(args.predictions) if args.predictions else None
labels = None
if args.label:
    labels = frame[args.label]
    classes = sorted(labels.dropna().unique())
    frame = frame.drop(columns=[args.label])
if args.drop:
    frame = frame.drop(columns=args.drop.split(","))
Path(args.log).mkdir(parents=True, exist_ok=True)

def stamp(i):
    return "2026-11-23T%02d:%02d:%02d.000Z" % (6 + i // 3600, i // 60 % 60, i % 60)


feedback = []
with open(Path(args.log) / "predictions-20261123T060000Z-000001.jsonl", "w") as out:
    for i, row in enumerate(frame.head(args.rows).to_dict("records")):
        row = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
        if 0 <= args.drift_from <= i and row.get(args.column) is not None:
            row[args.column] = row[args.column] * args.factor
        outputs = {"probability": 0.5, "class": "good"}
        if predictions is not None:
            outputs = {"probability": float(predictions["probability"][i]),
                       "class": predictions["class"][i]}
        record = {"kind": "prediction", "id": "%032x" % i, "time": stamp(i),
                  "model": "credit", "version": 1, "inputs": row, "outputs": outputs}
        out.write(json.dumps(record) + "\n")
        if labels is not None and i % args.feedback_every == 0 and isinstance(labels[i], str):
            label = labels[i]
            if 0 <= args.flip_from <= i:
                label = classes[1] if label == classes[0] else classes[0]
            feedback.append({"kind": "feedback", "id": "f%031x" % i, "time": stamp(i + 3600),
                             "model": "credit", "version": 1, "label": label,
                             "prediction_id": "%032x" % i})
if feedback:
    with open(Path(args.log) / "predictions-20261123T080000Z-000002.jsonl", "w") as out:
        for record in feedback:
            out.write(json.dumps(record) + "\n")
