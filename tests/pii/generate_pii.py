#!/usr/bin/env python3
"""Seeded generator of labelled synthetic PII, for the scan-pii recall test and the benchmark.

  generate_pii.py OUT.csv [--rows N] [--seed S]

One column per detector, named as a data set would name it, every value a valid instance in a
realistic mix of print formats (card numbers Luhn-valid with real issuer prefixes, IBANs with
correct mod-97 check digits, SSNs by the SSA's rules), plus `notes`: free text in which every
row embeds one kind of PII, recorded in `notes_kind`. Standard library only.
"""
import argparse
import csv
import random

FIRST = ["Anna", "Bob", "Chloé", "David", "Émile", "Fatima", "Georg", "Hana", "Ivan", "Jürgen",
         "Kofi", "Lena", "Mateo", "Nora", "Olu", "Priya", "Quinn", "Rosa", "Sven", "Tariq"]
LAST = ["Smith", "Müller", "García", "O'Brien", "Nguyen", "Kowalski", "Rossi", "Dubois",
        "Johansson", "Okafor", "Tanaka", "Silva", "van Dijk", "Jean-Baptiste", "Novak"]
STREETS = ["Baker Street", "Hauptstraße", "Rue de Rivoli", "Main St", "Elm Avenue", "Via Roma"]
CITIES = ["London", "Berlin", "Paris", "Springfield", "Madrid", "Milano"]
DOMAINS = ["example.com", "mail.example.org", "corp.example.co.uk", "example.net"]
IBAN_COUNTRIES = {"DE": 22, "GB": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "BE": 16, "CH": 21}
CARD_PREFIXES = [("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("34", 15), ("37", 15),
                 ("6011", 16), ("3530", 16), ("4", 13)]
TEXT = ["customer called about the late delivery", "please update my records", "refund issued",
        "asked to be contacted again next week", "complaint about the service"]


def luhn_complete(rng, prefix, length):
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return body + str((10 - total % 10) % 10)


def card(rng):
    prefix, length = rng.choice(CARD_PREFIXES)
    digits = luhn_complete(rng, prefix, length)
    style = rng.randrange(3)
    if style == 0 or length != 16:
        return digits
    sep = " " if style == 1 else "-"
    return sep.join(digits[i:i + 4] for i in range(0, 16, 4))


def iban(rng):
    country, length = rng.choice(sorted(IBAN_COUNTRIES.items()))
    bban = "".join(rng.choice("0123456789" if rng.random() < 0.85 else "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                   for _ in range(length - 4))
    numeric = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    check = 98 - int(numeric) % 97
    compact = f"{country}{check:02d}{bban}"
    if rng.random() < 0.5:
        return compact
    return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))


def ssn(rng):
    while True:
        area = rng.randrange(1, 900)
        if area != 666:
            break
    return f"{area:03d}-{rng.randrange(1, 100):02d}-{rng.randrange(1, 10000):04d}"


def phone(rng):
    style = rng.randrange(5)
    if style == 0:
        return f"+44 20 {rng.randrange(7000, 8000)} {rng.randrange(10000):04d}"
    if style == 1:
        return f"+1{rng.randrange(2, 10)}{rng.randrange(10, 100)}{rng.randrange(2, 10)}{rng.randrange(100, 1000)}{rng.randrange(10000):04d}"
    if style == 2:
        return f"({rng.randrange(2, 10)}{rng.randrange(10, 100)}) {rng.randrange(2, 10)}{rng.randrange(10, 100)}-{rng.randrange(10000):04d}"
    if style == 3:
        return f"0{rng.randrange(1, 10)} " + " ".join(f"{rng.randrange(100):02d}" for _ in range(4))
    return f"+49 30 {rng.randrange(1000000, 10000000)}"


def ipv4(rng):
    return ".".join(str(rng.randrange(256)) for _ in range(4))


def ipv6(rng):
    groups = [f"{rng.randrange(65536):x}" for _ in range(8)]
    if rng.random() < 0.5:
        return ":".join(groups)
    return ":".join(groups[:3]) + "::" + ":".join(groups[6:])


def email(rng):
    local = f"{rng.choice(FIRST).lower()}.{rng.choice(LAST).lower()}".replace("'", "").replace(" ", "")
    local = local.encode("ascii", "ignore").decode() + str(rng.randrange(100))
    return f"{local}@{rng.choice(DOMAINS)}"


def birth_date(rng):
    y, m, d = rng.randrange(1930, 2006), rng.randrange(1, 13), rng.randrange(1, 29)
    return rng.choice([f"{y}-{m:02d}-{d:02d}", f"{d:02d}.{m:02d}.{y}", f"{m:02d}/{d:02d}/{y}"])


def address(rng):
    return f"{rng.randrange(1, 300)} {rng.choice(STREETS)}, {rng.choice(CITIES)}"


EMBEDDABLE = {"email": email, "phone": phone, "payment_card": card, "iban": iban,
              "us_ssn": ssn, "ipv4": ipv4, "ipv6": ipv6}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    header = ["customer_email", "phone_number", "card_number", "iban", "ssn", "client_ip",
              "client_ipv6", "date_of_birth", "full_name", "street_address", "notes", "notes_kind"]
    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        kinds = sorted(EMBEDDABLE)
        for i in range(a.rows):
            kind = kinds[i % len(kinds)]
            note = f"{rng.choice(TEXT)}, reach me at {EMBEDDABLE[kind](rng)} before Friday"
            w.writerow([email(rng), phone(rng), card(rng), iban(rng), ssn(rng), ipv4(rng),
                        ipv6(rng), birth_date(rng), f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        address(rng), note, kind])


if __name__ == "__main__":
    main()
