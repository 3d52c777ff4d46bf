#!/usr/bin/env python3
"""Prints a seeded random sample of the events in newsfacts JSON Lines output, each with its
trigger in context, for reading by hand: precision on news no gold annotation covers.

Usage: python3 scripts/events/sample_events.py FACTS.jsonl [N] [SEED]
    (defaults: 40 events, seed 2026; asserted events only, STATEMENT left out)

The same output file, N and seed give the same sample; docs/accuracy.md ("Precision on
financial and general news") reports a reading of one.
"""
import json
import random
import re
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 2026
    events = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            for e in doc.get("events", []):
                if e["type"] != "STATEMENT" and e["modality"] == "asserted":
                    events.append(e)
    random.seed(seed)
    picked = random.sample(events, min(n, len(events)))
    print(f"{len(events)} asserted events (not STATEMENT); {len(picked)} drawn, seed {seed}")
    for i, e in enumerate(picked):
        text = e["evidence"].replace("\n", " ")
        m = re.search(re.escape(e["trigger"]["text"]), text)
        at = m.start() if m else 0
        print(f"{i:3} {e['type']:15} [{e['trigger']['text']}] | {text[max(0, at - 90):at + 60]}")


if __name__ == "__main__":
    main()
