#!/usr/bin/env python3
"""Prints the README's performance table (Markdown) from the tries scripts/bench/measure.sh kept.

For each configuration the fastest try (highest MB/s, the least disturbed by other work) is shown,
with the load average around it and, in brackets, the range over all tries.

    scripts/bench/table.py target/bench-results
"""
import glob
import json
import os
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "target/bench-results"
runs = {}
for path in sorted(glob.glob(os.path.join(out, "*.try*.json"))):
    b = json.load(open(path))
    runs.setdefault(b["run"]["name"], []).append(b)

order = ["bbc-t1", "bbc-t2", "reuters-t1", "reuters-t2", "reuters-x20-t2"]
names = {"bbc": "BBC (bbc-news/)", "reuters": "Reuters-21578 (reuters21578.jsonl)"}
print("| corpus | threads | MB/s (range over tries) | MB per CPU second | docs/s | entities/s | events/s "
      "| startup | peak memory | read / segment / tokenize / tag / dates / events / output | load before→after | run (UTC) |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for name in order + sorted(set(runs) - set(order)):
    if name not in runs:
        continue
    tries = runs[name]
    best = max(tries, key=lambda b: b["mb_per_second"])
    lo = min(b["mb_per_second"] for b in tries)
    hi = max(b["mb_per_second"] for b in tries)
    corpus = names.get(name.split("-")[0], name)
    if best["repeat"] > 1:
        corpus += f" × {best['repeat']}"
    corpus += f", {best['documents']:,} docs, {best['text_bytes'] / 1e6:.1f} MB"
    rng = f" ({lo:.2f}–{hi:.2f}, {len(tries)} tries)" if len(tries) > 1 else ""
    shares = " / ".join(f"{s['share'] * 100:.0f}" for s in best["stages"]) + " %"
    cpu = best.get("mb_per_cpu_second")
    r = best["run"]
    print(f"| {corpus} | {best['threads']} | **{best['mb_per_second']:.2f}**{rng} | "
          f"{cpu:.2f} | {best['documents_per_second']:,.0f} | {best['entities_per_second']:,.0f} | "
          f"{best['events_per_second']:,.0f} | {best['startup_seconds'] * 1e3:.0f} ms | "
          f"{best['peak_memory_mb']:.1f} MB | {shares} | {r['load_before']:.2f}→{r['load_after']:.2f} | "
          f"{r['started'][:16].replace('T', ' ')} |")
