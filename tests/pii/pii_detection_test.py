#!/usr/bin/env python3
"""scan-pii against labelled data: recall on generated PII and no false positives on real data.

  pii_detection_test.py --steward BIN --source-dir DIR [--rows N]

1. Generates PII with tests/pii/generate_pii.py (seeded) and requires, per detector, that at
   least 99% of the values holding it are found: whole-value columns and the free-text column
   `notes` (whose `notes_kind` says which kind each row embeds). No column may be reported
   with a detector it does not hold.
2. Scans every real data set in data/ and requires no finding at all, except the passenger
   names in titanic.csv, which are real names (person_name).
"""
import argparse
import collections
import csv
import glob
import json
import os
import subprocess
import sys
import tempfile

RECALL = 0.99
EXPECTED_WHOLE = {"customer_email": "email", "phone_number": "phone", "card_number": "payment_card",
                  "iban": "iban", "ssn": "us_ssn", "client_ip": "ipv4", "client_ipv6": "ipv6",
                  "date_of_birth": "date_of_birth", "full_name": "person_name",
                  "street_address": "postal_address"}
# Real personal data in the bundled sets (data/MANIFEST.md).
EXPECTED_REAL = {("titanic.csv", "name", "person_name")}


def scan(steward, path):
    run = subprocess.run([steward, "scan-pii", path, "--json", "--fail-on", "never"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"scan-pii {path} exited {run.returncode}: {run.stderr}")
    return json.loads(run.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steward", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--rows", type=int, default=7000)
    a = ap.parse_args()
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "pii.csv")
        subprocess.run([sys.executable, os.path.join(a.source_dir, "tests/pii/generate_pii.py"),
                        data, "--rows", str(a.rows), "--seed", "11"], check=True)
        with open(data, encoding="utf-8") as f:
            embedded = collections.Counter(row["notes_kind"] for row in csv.DictReader(f))
        report = scan(a.steward, data)
    by_column = {c["column"]: c for c in report["columns"]}
    for column, detector in EXPECTED_WHOLE.items():
        entry = by_column[column]
        found = [f for f in entry["findings"] if f["detector"] == detector and f["where"] == "whole_value"]
        recall = found[0]["matches"] / a.rows if found else 0.0
        print(f"{detector:15} whole value  recall {recall:.4f}")
        if recall < RECALL:
            problems.append(f"{column}: {detector} recall {recall:.4f} < {RECALL}")
        others = [f["detector"] for f in entry["findings"] if f["detector"] != detector]
        if others:
            problems.append(f"{column}: also reported as {others} (false positives)")
    notes = {f["detector"]: f for f in by_column["notes"]["findings"]}
    for detector, count in sorted(embedded.items()):
        found = notes.get(detector)
        recall = found["matches"] / count if found else 0.0
        print(f"{detector:15} in free text recall {recall:.4f}")
        if recall < RECALL:
            problems.append(f"notes: embedded {detector} recall {recall:.4f} < {RECALL}")
        if found and found["matches"] > count:
            problems.append(f"notes: {found['matches']} {detector} found, only {count} embedded")
    for column in ("notes_kind",):
        if by_column[column]["findings"]:
            problems.append(f"{column}: unexpected findings {by_column[column]['findings']}")
    for path in sorted(glob.glob(os.path.join(a.source_dir, "data", "*.csv"))):
        name = os.path.basename(path)
        for column in scan(a.steward, path)["columns"]:
            for finding in column["findings"]:
                key = (name, column["column"], finding["detector"])
                if key not in EXPECTED_REAL:
                    problems.append(f"{name}: false positive {finding['detector']} in column "
                                    f"'{column['column']}' ({finding['matches']} values)")
                for example in finding["examples_masked"]:
                    if any(part and part in example for part in ("Abbing", "Anthony")):
                        problems.append(f"{name}: example shows a raw value: {example}")
        print(f"{name:32} scanned")
    for problem in problems:
        print("FAIL:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
