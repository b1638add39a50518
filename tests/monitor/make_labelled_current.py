#!/usr/bin/env python3
"""Splits a labelled CSV for late-label monitor tests: training rows, and current rows whose
labels arrive later in a separate file.

  make_labelled_current.py DATA.csv OUT_DIR --target COL [--train-rows N] [--days D]
                           [--flip-from-day K]

Writes OUT_DIR/train.csv (the first N rows, after a seeded shuffle, with an `id` column), OUT_DIR/current.csv (the other
rows with `id` and `scored_at`, spread evenly over D UTC days from 2026-11-20, without the target) and
OUT_DIR/labels.csv (id,label: the true target, its opposite class from day K on).
"""
import argparse
from pathlib import Path

import pandas as pd

parser = argparse.ArgumentParser()
parser.add_argument("data")
parser.add_argument("out")
parser.add_argument("--target", required=True)
parser.add_argument("--train-rows", type=int, default=3000)
parser.add_argument("--days", type=int, default=3)
parser.add_argument("--flip-from-day", type=int, default=-1)
args = parser.parse_args()

# Shuffled (seeded), so that training and current rows come from the same distribution.
frame = pd.read_csv(args.data).sample(frac=1, random_state=7).reset_index(drop=True)
frame.insert(0, "id", ["r%05d" % i for i in range(len(frame))])
out = Path(args.out)
out.mkdir(parents=True, exist_ok=True)
frame.head(args.train_rows).to_csv(out / "train.csv", index=False)

current = frame.iloc[args.train_rows:].reset_index(drop=True)
per_day = -(-len(current) // args.days)
day = current.index // per_day
seconds = (current.index % per_day) * (86400 // per_day)
current.insert(1, "scored_at", [
    (pd.Timestamp("2026-11-20T00:00:00Z") + pd.Timedelta(days=int(d), seconds=int(s)))
    .strftime("%Y-%m-%dT%H:%M:%SZ") for d, s in zip(day, seconds)])
classes = sorted(frame[args.target].dropna().unique())
labels = current[args.target].copy()
if args.flip_from_day >= 0:
    flip = day >= args.flip_from_day
    labels[flip] = labels[flip].map({classes[0]: classes[1], classes[1]: classes[0]})
pd.DataFrame({"id": current["id"], "label": labels}).to_csv(out / "labels.csv", index=False)
current.drop(columns=[args.target]).to_csv(out / "current.csv", index=False)
