#!/usr/bin/env python3
"""Synthetic 20-column table with personal data, for the scan-pii benchmark (bench/pii.sh).

  gen_pii_csv.py OUT.csv [--rows N] [--seed S]

Columns: 9 numeric features, an integer ID of 16 digits (looks like a card number, is not one),
3 categorical, e-mail, phone, card number (Luhn-valid), IBAN (mod-97-valid), IPv4, and two
free-text columns (`note`, `comment`) in which every tenth row embeds an e-mail, phone, card or
IBAN. Deterministic for (rows, seed). Written for this repository (standard library only).
"""
import argparse
import csv
import random

WORDS = ("customer asked about the delivery date and the invoice total was checked again "
         "refund issued after a call with the branch manager next week follow up").split()


def luhn_complete(rng, prefix, length):
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


def iban(rng):
    bban = "".join(str(rng.randrange(10)) for _ in range(18))
    check = 98 - int(bban + "131400") % 97  # "DE00" rearranged: D=13, E=14
    return f"DE{check:02d}{bban}"


def email(rng, i):
    return f"user{i}.{rng.choice(WORDS)}@example{rng.randrange(50)}.com"


def phone(rng):
    return f"+44 20 {rng.randrange(7000, 8000)} {rng.randrange(10000):04d}"


def text(rng, i):
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(6, 16)))
    if i % 10 == 0:
        pii = rng.choice([email(rng, i), phone(rng), luhn_complete(rng, "4", 16), iban(rng)])
        return f"{words} contact {pii} today"
    return words


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    header = [f"f{j}" for j in range(9)] + ["account_id", "segment", "region", "channel",
                                            "email", "phone", "card_number", "iban", "ip",
                                            "note", "comment"]
    with open(a.out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for i in range(a.rows):
            w.writerow([f"{rng.gauss(0, 1):.5f}" for _ in range(9)] + [
                str(4000000000000000 + rng.randrange(10**15)), rng.choice("ABCDE"),
                rng.choice(["north", "south", "east", "west"]), rng.choice(["web", "shop", "phone"]),
                email(rng, i), phone(rng), luhn_complete(rng, "51", 16), iban(rng),
                ".".join(str(rng.randrange(256)) for _ in range(4)), text(rng, i), text(rng, i + 5)])


if __name__ == "__main__":
    main()
