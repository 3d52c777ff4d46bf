"""Checks the Spark job's Parquet output against a single-machine run of the same input:
as many records as input lines, and per doc_id the same entities and events."""

import json
import sys

from pyspark.sql import SparkSession


def facts(record):
    return {"entities": record.get("entities"), "events": record.get("events"), "error": record.get("error")}


def main(parquet, single_jsonl, input_jsonl):
    with open(input_jsonl, "rb") as f:
        lines_in = sum(1 for _ in f)
    single = {}
    with open(single_jsonl, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            single[r.get("doc_id") or r["source"]] = facts(r)
    spark = SparkSession.builder.master("local[2]").appName("newsfacts-check").getOrCreate()
    rows = spark.read.parquet(parquet).select("doc_id", "kind", "json")
    seen = 0
    differ = []
    for row in rows.toLocalIterator():
        seen += 1
        r = json.loads(row["json"])
        assert row["kind"] == r.get("kind", "document"), row
        want = single.pop(row["doc_id"], None)
        if want is None:
            differ.append((row["doc_id"], "not in the single-machine run (or twice in Spark's)"))
        elif facts(r) != want:
            differ.append((row["doc_id"], "entities or events differ"))
    spark.stop()
    problems = []
    if seen != lines_in:
        problems.append(f"{seen} records for {lines_in} input lines")
    if single:
        problems.append(f"{len(single)} doc_ids missing from Spark's output, e.g. {sorted(single)[:3]}")
    if differ:
        problems.append(f"{len(differ)} documents differ, e.g. {differ[:3]}")
    if problems:
        sys.exit("spark_check: " + "; ".join(problems))
    print(f"spark_check: {seen} records = {lines_in} input lines; entities and events per doc_id "
          "equal the single-machine run")


if __name__ == "__main__":
    main(*sys.argv[1:])
