#!/usr/bin/python3
"""Helpers for the `steward forget` end-to-end tests (tests/cli/forget_*.test).

  write DIR [--truncate]        a small prediction log of three segments; the subject is
                                email ann@example.org (predictions p1, p3; feedback f1, f3)
  log BEFORE AFTER ID...        AFTER holds BEFORE's lines minus the records ID..., the others
                                byte for byte and in order; prints one verdict line
  audit KEY VALUE AUDIT_JSON    the last audit entry is a forget naming VALUE by its keyed
                                pseudonym; prints one verdict line
"""
import hashlib
import hmac
import json
import os
import sys

SEGMENTS = [
    "predictions-20261123T062812Z-000001.jsonl",
    "predictions-20261123T072812Z-000002.jsonl",
    "predictions-20261123T082812Z-000003.jsonl",
]


def prediction(pid, email, age, minute):
    return json.dumps({"kind": "prediction", "id": pid,
                       "time": f"2026-11-23T06:{minute:02d}:00.000Z", "model": "credit",
                       "version": 1, "inputs": {"email": email, "age": age},
                       "outputs": {"probability": 0.5}}, separators=(",", ":")) + "\n"


def feedback(fid, pid, minute):
    return json.dumps({"kind": "feedback", "id": fid,
                       "time": f"2026-11-23T06:{minute:02d}:30.000Z", "model": "credit",
                       "version": 1, "label": 1, "prediction_id": pid},
                      separators=(",", ":")) + "\n"


def write(directory, truncate):
    os.makedirs(directory, exist_ok=True)
    segments = [
        prediction("p1", "ann@example.org", 41, 1) + prediction("p2", "bob@example.org", 35, 2)
        + feedback("f2", "p2", 3),
        feedback("f1", "p1", 4) + prediction("p3", "ann@example.org", 41, 5)
        + prediction("p4", "cy@example.org", 29, 6) + feedback("f4", "p4", 7),
        prediction("p5", "bob@example.org", 35, 8) + feedback("f3", "p3", 9),
    ]
    if truncate:  # line 2 of the second segment cut inside the subject's value
        lines = segments[1].splitlines(keepends=True)
        lines[1] = lines[1][:lines[1].index("ann@") + 6] + "\n"
        segments[1] = "".join(lines)
    for name, text in zip(SEGMENTS, segments):
        with open(os.path.join(directory, name), "w", encoding="utf-8") as out:
            out.write(text)


def lines_of(directory):
    result = []
    for name in sorted(os.listdir(directory)):
        if name.startswith("predictions-"):
            with open(os.path.join(directory, name), "rb") as f:
                result += [(name, line) for line in f.read().splitlines(keepends=True)]
    return result


def check_log(before, after, ids):
    old, new = lines_of(before), lines_of(after)
    expected = [(name, line) for name, line in old if json.loads(line)["id"] not in ids]
    removed = len(old) - len(new)
    verdict = "ok" if new == expected else "WRONG"
    print(f"log {verdict}: {len(old)} lines before, {len(new)} after, {removed} removed")


def check_audit(key_file, value, audit_file):
    key = bytes.fromhex(open(key_file).read().strip())
    pseudonym = hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]
    entries = json.load(open(audit_file))
    entries = entries["entries"] if isinstance(entries, dict) else entries
    last = entries[-1]
    details = last["details"]
    details = json.loads(details) if isinstance(details, str) else details
    ok = last["action"] == "forget" and details["value_pseudonym"] == pseudonym
    print(f"audit {'ok' if ok else 'WRONG'}: {last['action']} {details['column']} "
          f"records_removed={details['records_removed']}")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "write":
        write(sys.argv[2], "--truncate" in sys.argv[3:])
    elif command == "log":
        check_log(sys.argv[2], sys.argv[3], set(sys.argv[4:]))
    elif command == "audit":
        check_audit(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(f"unknown command {command}")
