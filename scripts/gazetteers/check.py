#!/usr/bin/env python3
"""Validate the gazetteer files in gazetteers/ (standard library only).

    python3 scripts/gazetteers/check.py [--dir gazetteers] [--nfeval ../shared/tools/nfeval.py]

Checks every entity file (header, 8 columns, allowed type/case/flags, key formats, alpha-3
country codes known, no duplicate (text, type, key), a source on every row, sorted order),
the name-part files (4 columns, allowed kinds), that countries.tsv covers all 249 ISO 3166-1
codes, and that every country name and demonym in the referee table (nfeval.py) is a
countries.tsv surface form with the same alpha-3 key. Prints 'N passed, N failed'.
"""
import argparse
import importlib.util
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
HEADER = ["text", "type", "canonical", "key", "country", "case", "flags", "source"]
NP_HEADER = ["text", "kind", "culture", "source"]
TYPES = {"PERSON", "COUNTRY", "CITY", "REGION", "ORGANIZATION", "TITLE"}
CASES = {"exact", "title", "fold"}
FLAGS = {"ambiguous", "metonym", "former", "demonym", "plural", "alias", "abbrev", "capital",
         "surname", "honorific", "generic", "geographic"}
KINDS = {"given", "surname", "particle", "common"}
HISTORICAL = {"SUN", "YUG", "CSK", "DDR", "ZAR"}
USER_ASSIGNED = {"XKX"}
ENTITY_FILES = {  # file -> types allowed in it
    "countries.tsv": {"COUNTRY"},
    "cities.tsv": {"CITY"},
    "regions.tsv": {"REGION"},
    "people.tsv": {"PERSON"},
    "titles.tsv": {"TITLE"},
    "organizations.tsv": {"ORGANIZATION"},
}
NAME_FILES = ["given_names.tsv", "surnames.tsv", "removed_name_words.tsv", "common_words.tsv"]
SLUG = re.compile(r"^[a-z0-9][a-z0-9_.:-]*$")
KEY_RE = {
    "COUNTRY": re.compile(r"^[A-Z]{3}$"),
    "CITY": re.compile(r"^geonames:[0-9]+$"),
    "REGION": re.compile(r"^(?:[A-Z]{2}-[A-Z0-9]{1,3}|region:[a-z0-9_]+)$"),
    "PERSON": re.compile(r"^(?:Q[0-9]+|[a-z0-9][a-z0-9_.-]*)$"),
    "TITLE": SLUG,
    "ORGANIZATION": re.compile(r"^(?:Q[0-9]+|[a-z0-9][a-z0-9_.-]*)$"),
}


class Report:
    def __init__(self):
        self.errors = []
        self.checks = 0

    def check(self, ok, msg):
        self.checks += 1
        if not ok:
            self.errors.append(msg)
        return ok


def read_rows(path, header):
    rows = []
    with open(path, encoding="utf-8") as f:
        data = f.read()
    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    seen_header = None
    for ln, line in enumerate(lines, 1):
        if line.startswith("#"):
            continue
        cells = line.split("\t")
        if seen_header is None:
            seen_header = cells
            if cells != header:
                return None, f"{path}:{ln}: header {cells} != {header}"
            continue
        rows.append((ln, cells))
    return rows, None


def iso_tables():
    """ISO 3166-1 alpha-2 -> alpha-3 and ISO 3166-2 codes from Debian's iso-codes, if installed."""
    base = "/usr/share/iso-codes/json"
    try:
        with open(os.path.join(base, "iso_3166-1.json"), encoding="utf-8") as f:
            one = json.load(f)["3166-1"]
        with open(os.path.join(base, "iso_3166-2.json"), encoding="utf-8") as f:
            two = json.load(f)["3166-2"]
    except OSError:
        return None, None
    return {c["alpha_2"]: c["alpha_3"] for c in one}, {c["code"] for c in two}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=os.path.join(REPO, "gazetteers"))
    ap.add_argument("--nfeval", default=os.path.join(os.path.dirname(REPO), "shared", "tools", "nfeval.py"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    rep = Report()
    a2to3, iso2 = iso_tables()

    # ---- countries first: they define the alpha-3 universe
    tables = {}
    for fn, types in ENTITY_FILES.items():
        path = os.path.join(args.dir, fn)
        if not rep.check(os.path.exists(path), f"{fn}: missing"):
            continue
        rows, err = read_rows(path, HEADER)
        if not rep.check(err is None, err):
            continue
        tables[fn] = rows
    country_keys = {c[3] for _, c in tables.get("countries.tsv", []) if len(c) == 8}
    iso_keys = country_keys - HISTORICAL - USER_ASSIGNED
    rep.check(len(iso_keys) == 249, f"countries.tsv: {len(iso_keys)} ISO 3166-1 keys, want 249")
    if a2to3:
        missing = set(a2to3.values()) - country_keys
        rep.check(not missing, f"countries.tsv: ISO 3166-1 codes without rows: {sorted(missing)}")
        extra = iso_keys - set(a2to3.values())
        rep.check(not extra, f"countries.tsv: keys not in ISO 3166-1: {sorted(extra)}")
    alpha3 = set(a2to3.values()) if a2to3 else iso_keys
    alpha3 |= HISTORICAL | USER_ASSIGNED

    for fn, rows in tables.items():
        types = ENTITY_FILES[fn]
        seen = {}
        prev = None
        nerr0 = len(rep.errors)
        for ln, c in rows:
            where = f"{fn}:{ln}"
            if not rep.check(len(c) == 8, f"{where}: {len(c)} columns"):
                continue
            text, typ, canon, key, country, case, flags, source = c
            rep.check(text and text == text.strip() and "  " not in text, f"{where}: bad text {text!r}")
            rep.check(unicodedata.normalize("NFC", text) == text, f"{where}: text not NFC")
            rep.check(typ in types, f"{where}: type {typ!r} not allowed in {fn}")
            rep.check(bool(canon), f"{where}: empty canonical")
            rep.check(typ in KEY_RE and bool(KEY_RE[typ].match(key)), f"{where}: bad key {key!r} for {typ}")
            if typ == "COUNTRY":
                rep.check(key in alpha3, f"{where}: key {key} not ISO 3166-1 / historical")
                rep.check(country == key, f"{where}: COUNTRY country {country} != key {key}")
            if typ == "REGION" and iso2 is not None and not key.startswith("region:"):
                rep.check(key in iso2, f"{where}: {key} not an ISO 3166-2 code")
                if a2to3:
                    rep.check(a2to3.get(key[:2]) == country, f"{where}: region {key} country {country}")
            if typ in ("CITY", "REGION") and not key.startswith("region:"):
                rep.check(bool(country), f"{where}: {typ} without country")
            rep.check(country == "" or country in alpha3, f"{where}: country {country!r} unknown")
            rep.check(case in CASES, f"{where}: case {case!r}")
            fl = [f for f in flags.split(",")] if flags else []
            rep.check(all(f in FLAGS for f in fl), f"{where}: flags {flags!r}")
            rep.check(len(fl) == len(set(fl)), f"{where}: repeated flag")
            rep.check(bool(source.strip()), f"{where}: no source")
            k = (text, typ, key)
            rep.check(k not in seen, f"{where}: duplicate of line {seen.get(k)} {k}")
            seen[k] = ln
            sk = (text.casefold(), "\t".join(c))
            if prev is not None:
                rep.check(prev <= sk, f"{where}: not sorted")
            prev = sk
        if args.verbose:
            print(f"{fn}: {len(rows)} rows, {len(rep.errors) - nerr0} errors")

    # ---- a surface form maps to one country
    by_text = defaultdict(set)
    for _, c in tables.get("countries.tsv", []):
        if len(c) == 8:
            by_text[norm(c[0])].add(c[3])
    for t, ks in by_text.items():
        rep.check(len(ks) == 1, f"countries.tsv: {t!r} maps to {sorted(ks)}")
    # PERSON/ORG/TITLE/CITY/REGION rows must not reuse an unflagged country surface form
    # ---- referee table
    if os.path.exists(args.nfeval):
        spec = importlib.util.spec_from_file_location("nfeval_ref", args.nfeval)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for table, what in ((mod.COUNTRY_NAMES, "name"), (mod.DEMONYMS, "demonym")):
            for t, iso in sorted(table.items()):
                got = by_text.get(t, set())
                rep.check(got == {iso}, f"nfeval {what} {t!r} -> {iso}: countries.tsv has {sorted(got) or 'nothing'}")
        # neutral words must not be COUNTRY rows of a wrong key (they may be absent)
    else:
        print(f"note: {args.nfeval} not found; referee-table check skipped")

    # ---- name parts
    for fn in NAME_FILES:
        path = os.path.join(args.dir, fn)
        if not rep.check(os.path.exists(path), f"{fn}: missing"):
            continue
        rows, err = read_rows(path, NP_HEADER)
        if not rep.check(err is None, err):
            continue
        seen = set()
        for ln, c in rows:
            where = f"{fn}:{ln}"
            if not rep.check(len(c) == 4, f"{where}: {len(c)} columns"):
                continue
            rep.check(bool(c[0]) and c[0] == c[0].strip(), f"{where}: bad text")
            rep.check(c[1] in KINDS, f"{where}: kind {c[1]!r}")
            rep.check((c[1] == "common") == (fn == "common_words.tsv"),
                      f"{where}: kind {c[1]!r} in {fn}")
            rep.check(bool(c[2]), f"{where}: no culture")
            rep.check(bool(c[3]), f"{where}: no source")
            rep.check((c[0], c[1]) not in seen, f"{where}: duplicate {c[0]!r} {c[1]}")
            seen.add((c[0], c[1]))
    size = sum(os.path.getsize(os.path.join(args.dir, f)) for f in ("given_names.tsv", "surnames.tsv")
               if os.path.exists(os.path.join(args.dir, f)))
    rep.check(size <= 2_200_000, f"given_names.tsv + surnames.tsv = {size} bytes (> ~2 MB)")
    p = os.path.join(args.dir, "common_words.tsv")
    if os.path.exists(p):
        rep.check(os.path.getsize(p) <= 3_000_000, f"common_words.tsv is {os.path.getsize(p)} bytes (> ~3 MB)")
    p = os.path.join(args.dir, "cities.tsv")
    if os.path.exists(p):
        rep.check(os.path.getsize(p) <= 3_200_000, f"cities.tsv is {os.path.getsize(p)} bytes (> ~3 MB)")

    for e in rep.errors[:200]:
        print("FAIL", e)
    if len(rep.errors) > 200:
        print(f"... and {len(rep.errors) - 200} more")
    print(f"{rep.checks - len(rep.errors)} passed, {len(rep.errors)} failed")
    sys.exit(1 if rep.errors else 0)


def norm(text):
    """Same normalisation as the referee: NFC, straight apostrophes, single spaces, case-folded,
    a leading 'the ' dropped."""
    t = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u2018", "'")
    t = " ".join(t.split()).casefold()
    if t.startswith("the "):
        t = t[4:]
    return t


if __name__ == "__main__":
    main()
