#!/usr/bin/env python3
"""Builds rules/event_nouns.tsv: common nouns that head the mentions an event argument can be
(ACE 2005 entity types PER, ORG, LOC/GPE, FAC, VEH, WEA), from WordNet 3.0.

A lowercase one-word lemma is listed when its most frequent noun sense (the first in index.noun)
falls in one of these classes, it is not more often a verb than a noun (SemCor tag counts of index.noun and index.verb; a lemma
never seen in SemCor only when it has no verb sense), and likewise not more often an adjective:
  person    lexicographer file noun.person            (soldier, police officer, man, protester)
  group     noun.group                                 (police, army, government, people)
  place     noun.location                              (city, village, border, region)
  facility  noun.artifact under structure.n.01         (mosque, prison, bridge, camp)
  vehicle   noun.artifact under conveyance.n.03        (bus, ship, plane, vessel)
  weapon    noun.artifact under weapon.n.01 or explosive_device.n.01 (missile, bomb, rifle)
Plurals: regular English rules plus WordNet's noun.exc.

A lemma none of these classes takes, whose first sense is no person or group but another sense is
(a lowercase word form in noun.person or noun.group: "press", "panel", "star") and is not more often
an adjective ("domestic" is a servant first, but mostly an adjective), is listed with the
class `animate_sense`: it heads no argument, but an object it heads may name a participant, so
`obj!` in rules/triggers.tsv does not take it for a thing ("met the press", "greeted the star").

Usage: python3 scripts/events/build_event_nouns.py /usr/share/wordnet > rules/event_nouns.tsv
(Debian package wordnet-base). WordNet 3.0 license: free use with the copyright notice (Princeton
University), see /usr/share/doc/wordnet-base/copyright.
"""
import os
import sys

wn = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"

synsets = {}  # offset -> (lexfile, hypernym offsets)
words = {}  # offset -> word forms as written ("Mills" is a person, "mills" is not)
with open(os.path.join(wn, "data.noun"), encoding="latin-1") as fh:
    for line in fh:
        if line.startswith("  "):
            continue
        f = line.split(" | ")[0].split()
        off, lex = f[0], int(f[1])
        wcnt = int(f[3], 16)
        words[off] = [f[4 + 2 * i] for i in range(wcnt)]
        k = 4 + 2 * wcnt
        pcnt = int(f[k])
        hyps = []
        for p in range(pcnt):
            sym, tgt = f[k + 1 + 4 * p], f[k + 2 + 4 * p]
            if sym in ("@", "@i"):
                hyps.append(tgt)
        synsets[off] = (lex, hyps)


def index(path):
    out = {}
    with open(path, encoding="latin-1") as fh:
        for line in fh:
            if line.startswith("  "):
                continue
            f = line.split()
            lemma, cnt, pcnt = f[0], int(f[2]), int(f[3])
            tag = int(f[5 + pcnt])
            offs = f[6 + pcnt:6 + pcnt + cnt]
            out[lemma] = (tag, offs)
    return out


nouns = index(os.path.join(wn, "index.noun"))
verbs = index(os.path.join(wn, "index.verb"))
adjs = index(os.path.join(wn, "index.adj"))
ROOTS = {}
for lemma, cls in (("structure", "facility"), ("conveyance", "vehicle"), ("weapon", "weapon"),
                   ("explosive_device", "weapon")):
    ROOTS[nouns[lemma][1][0]] = cls
# conveyance.n.03 (a vehicle) is the sense of "conveyance" in noun.artifact
ROOTS[[o for o in nouns["conveyance"][1] if synsets[o][0] == 6][0]] = "vehicle"


def artifact_class(off, seen=None):
    seen = seen or set()
    if off in ROOTS:
        return ROOTS[off]
    if off in seen:
        return None
    seen.add(off)
    for h in synsets[off][1]:
        c = artifact_class(h, seen)
        if c:
            return c
    return None


LEX = {18: "person", 14: "group", 15: "place"}
# person.n.01 itself (person, individual, someone, somebody, mortal, soul) is in noun.Tops, not
# noun.person
TOPS = {nouns["person"][1][0]: "person"}
rows = {}
for lemma, (tag, offs) in nouns.items():
    if not lemma.isalpha() or not lemma.islower() or len(lemma) < 2:
        continue
    vtag, voffs = verbs.get(lemma, (0, []))
    # unseen in SemCor: only when it is no verb at all; else not more often a verb than a noun
    if (tag == 0 and voffs) or vtag > tag:
        continue
    # more often an adjective than a noun ("neutral", "official", "military")
    atag, aoffs = adjs.get(lemma, (0, []))
    if (tag == 0 and aoffs) or atag > tag:
        continue
    lex = synsets[offs[0]][0]
    cls = LEX.get(lex) or TOPS.get(offs[0]) or (artifact_class(offs[0]) if lex == 6 else None)
    if cls:
        rows[lemma] = (cls, f"WordNet 3.0 {lemma}.n.01 ({cls})")

# The news sense where WordNet's first is another (its number in index.noun): a bomber in news
# since the 1990s is "a person who plants bombs" (bomber.n.02), the suicide bomber of M2E2 dev
# and WikiEvents dev, where every bomber is one (6 and 9 tokens "bomber(s)"); Reuters-21578
# (1987) writes of bomber aircraft (bomber.n.01) a few times.
NEWS_SENSE = {"bomber": 2}
for lemma, k in NEWS_SENSE.items():
    off = nouns[lemma][1][k - 1]
    cls = LEX[synsets[off][0]]
    rows[lemma] = (cls, f"WordNet 3.0 {lemma}.n.{k:02} ({cls}), the news sense")

# other senses that are people or groups, in a lowercase word form (not "Mills", a person)
animate = {}
for lemma, (tag, offs) in nouns.items():
    if not lemma.isalpha() or not lemma.islower() or len(lemma) < 2 or lemma in rows:
        continue
    # a word more often an adjective modifies the head ("domestic demand", "local costs")
    atag, aoffs = adjs.get(lemma, (0, []))
    if (tag == 0 and aoffs) or atag > tag:
        continue
    for k, off in enumerate(offs):
        cls = LEX.get(synsets[off][0])
        if cls in ("person", "group") and lemma in words[off]:
            animate[lemma] = ("animate_sense", f"WordNet 3.0 {lemma}.n.{k + 1:02} ({cls}), not its first sense")
            break

plural_exc = {}
with open(os.path.join(wn, "noun.exc"), encoding="latin-1") as fh:
    for line in fh:
        f = line.split()
        if len(f) >= 2:
            plural_exc.setdefault(f[1], f[0])


def plural(w):
    if w in plural_exc:
        return plural_exc[w]
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    if w.endswith("y") and w[-2:-1] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


out = dict(rows)
for w, (cls, src) in rows.items():
    p = plural(w)
    if p not in out and p.isalpha():
        out[p] = (cls, src + ", plural")
for w, entry in animate.items():
    out.setdefault(w, entry)
for w, (cls, src) in animate.items():
    p = plural(w)
    if p not in out and p.isalpha():
        out[p] = (cls, src + ", plural")
print("# Common nouns that head event arguments (ACE 2005 entity types), from WordNet 3.0; built by")
print("# scripts/events/build_event_nouns.py. WordNet 3.0 Copyright 2006 by Princeton University; license:")
print("# free use, copying and distribution with this notice (see the WordNet license).")
print("# Class animate_sense: no argument head; a person or group in another sense (obj! in triggers.tsv).")
print("text\tclass\tsource")
for w in sorted(out):
    cls, src = out[w]
    print(f"{w}\t{cls}\t{src}")
