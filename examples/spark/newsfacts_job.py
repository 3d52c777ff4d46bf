"""Run newsfacts on Apache Spark: the binary as a JSON Lines filter over each partition.

    spark-submit examples/spark/newsfacts_job.py \
        --binary /opt/newsfacts/bin/newsfacts \
        --input 'hdfs:///news/*.jsonl' --output hdfs:///facts/ --partitions 200

Every executor needs the `newsfacts` binary at the same path (install it there, or ship it with
`spark-submit --files newsfacts` and pass `--binary ./newsfacts`). It needs nothing else: the
gazetteers and rules are compiled into it.

What it does:
1. reads the documents with an explicit schema ({"id", "text", "date", "url", "title"}; an
   inferred schema would read the input twice) and turns each row back into one JSON line;
2. pipes each partition through `newsfacts extract --on-error record --input jsonl -`
   (`RDD.pipe(..., env=..., checkCode=True)`): one output line per input line, in order, an error
   record for an input that cannot be processed, and a failed task when the run itself fails
   (bad arguments, unreadable gazetteers, a failed write: exit status not 0);
3. checks, partition by partition, that as many records came out as went in;
4. writes Parquet: one row per input line with `kind` ("document" or "error"), `doc_id`, the
   parsed facts (entities, events as nested columns) and the record itself as `json`.

Give every document an `id`: without one, its doc_id is `-#<line>`, the line number inside its
partition, which changes with the partitioning.

`--sql` runs the same thing with Spark SQL's TRANSFORM instead of RDD.pipe (see README.md in this
folder) and checks that both give the same records.
"""

import argparse
import json
import os
import shlex
import sys
import time

from pyspark import StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

# The input documents (DESIGN.md, Input): only `text` is required.
INPUT_SCHEMA = T.StructType(
    [
        T.StructField("id", T.StringType()),
        T.StructField("text", T.StringType()),
        T.StructField("date", T.StringType()),
        T.StructField("url", T.StringType()),
        T.StructField("title", T.StringType()),
    ]
)


def _span():
    return [
        T.StructField("text", T.StringType()),
        T.StructField("start", T.LongType()),
        T.StructField("end", T.LongType()),
    ]


_ARGUMENT = T.StructType(
    [T.StructField("role", T.StringType())]
    + _span()
    + [
        T.StructField("entity", T.StringType()),
        T.StructField("canonical", T.StringType()),
        T.StructField("key", T.StringType()),
        T.StructField("country", T.StringType()),
    ]
)
_TIME = T.StructType(
    [
        T.StructField("entity", T.StringType()),
        T.StructField("value", T.StringType()),
        T.StructField("begin", T.StringType()),
        T.StructField("end", T.StringType()),
        T.StructField("source", T.StringType()),
    ]
)
_ENTITY = T.StructType(
    [T.StructField("id", T.StringType()), T.StructField("type", T.StringType())]
    + _span()
    + [
        T.StructField("sentence", T.LongType()),
        T.StructField("canonical", T.StringType()),
        T.StructField("key", T.StringType()),
        T.StructField("country", T.StringType()),
        T.StructField("how", T.StringType()),
        T.StructField("value", T.StringType()),
        T.StructField("timex_type", T.StringType()),
        T.StructField(
            "interval",
            T.StructType(
                [T.StructField("begin", T.StringType()), T.StructField("end", T.StringType())]
            ),
        ),
        T.StructField("granularity", T.StringType()),
    ]
)
_EVENT = T.StructType(
    [
        T.StructField("id", T.StringType()),
        T.StructField("type", T.StringType()),
        T.StructField("cameo", T.StringType()),
        T.StructField("trigger", T.StructType(_span())),
        T.StructField("sentence", T.LongType()),
        T.StructField("evidence", T.StringType()),
        T.StructField(
            "mentions",
            T.ArrayType(
                T.StructType(
                    [
                        T.StructField("trigger", T.StructType(_span())),
                        T.StructField("sentence", T.LongType()),
                        T.StructField("arguments", T.ArrayType(_ARGUMENT)),
                        T.StructField("time", _TIME),
                    ]
                )
            ),
        ),
        T.StructField("arguments", T.ArrayType(_ARGUMENT)),
        T.StructField("time", _TIME),
        T.StructField("modality", T.StringType()),
        T.StructField(
            "conflicts",
            T.ArrayType(
                T.StructType(
                    [
                        T.StructField("field", T.StringType()),
                        T.StructField("values", T.ArrayType(T.StringType())),
                    ]
                )
            ),
        ),
        T.StructField("confidence", T.DoubleType()),
        T.StructField("rule", T.StringType()),
    ]
)
# One output line of `newsfacts extract` (schema newsfacts/1): a document or an error record.
RECORD_SCHEMA = T.StructType(
    [
        T.StructField("schema", T.StringType()),
        T.StructField("kind", T.StringType()),
        T.StructField("doc_id", T.StringType()),
        T.StructField("source", T.StringType()),
        T.StructField("sha256", T.StringType()),
        T.StructField("title", T.StringType()),
        T.StructField("url", T.StringType()),
        T.StructField("published", T.StringType()),
        T.StructField("published_source", T.StringType()),
        T.StructField("warnings", T.ArrayType(T.StringType())),
        T.StructField("entities", T.ArrayType(_ENTITY)),
        T.StructField("events", T.ArrayType(_EVENT)),
        T.StructField("error", T.StringType()),
    ]
)


def newsfacts_command(binary, extra=()):
    """The filter: JSON Lines in on stdin, one record per input line out on stdout."""
    return [binary, "extract", "--quiet", "--on-error", "record", "--input", "jsonl", *extra, "-"]


def child_env():
    """The environment of the piped process. RDD.pipe gives the child an empty environment
    unless told otherwise: pass what a program expects (PATH, locale, temp folder)."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "RUST_BACKTRACE", "RAYON_NUM_THREADS")
    return {k: os.environ[k] for k in keep if k in os.environ}


def per_partition_counts(rdd):
    return dict(rdd.mapPartitionsWithIndex(lambda i, it: [(i, sum(1 for _ in it))]).collect())


def lines_to_df(spark, lines):
    return spark.createDataFrame(lines.map(lambda l: (l,)), T.StructType([T.StructField("json", T.StringType())]))


def to_records(df):
    """A DataFrame of output lines (column `json`) → records: parsed columns plus the line."""
    parsed = df.select(F.from_json("json", RECORD_SCHEMA).alias("r"), "json")
    return parsed.select(
        F.coalesce(F.col("r.kind"), F.lit("document")).alias("kind"),
        F.coalesce(F.col("r.doc_id"), F.col("r.source")).alias("doc_id"),
        *[F.col(f"r.{f.name}").alias(f.name) for f in RECORD_SCHEMA.fields if f.name not in ("kind", "doc_id")],
        "json",
    )


def transform_sql(binary, extra=()):
    """The Spark SQL recipe: TRANSFORM pipes each partition through the same command.
    The input rows go in as JSON (to_json has no raw tab or newline, TRANSFORM's separators)."""
    cmd = shlex.join(newsfacts_command(binary, extra))
    return f"""
        SELECT TRANSFORM (to_json(named_struct('id', id, 'text', text, 'date', date, 'url', url, 'title', title)))
          USING '{cmd.replace("'", "''")}'
          AS (json STRING)
        FROM newsfacts_docs
    """


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", required=True, nargs="+", help="JSON Lines files or folders (any Hadoop path)")
    ap.add_argument("--output", required=True, help="Parquet folder to write (overwritten)")
    ap.add_argument("--binary", default="newsfacts", help="path of the newsfacts binary on every executor")
    ap.add_argument("--partitions", type=int, default=0, help="repartition the documents into N partitions")
    ap.add_argument("--master", help="Spark master (default: spark-submit's)")
    ap.add_argument("--threads", type=int, default=1,
                    help="newsfacts worker threads per task (default 1: Spark runs one task per core)")
    ap.add_argument("--sql", action="store_true",
                    help="also run the Spark SQL TRANSFORM recipe and check it gives the same records")
    args = ap.parse_args(argv)

    builder = SparkSession.builder.appName("newsfacts")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    t0 = time.time()

    docs = spark.read.schema(INPUT_SCHEMA).json(args.input)
    if args.partitions:
        docs = docs.repartition(args.partitions)
    lines = docs.toJSON()
    extra = ["--threads", str(args.threads)]
    cmd = shlex.join(newsfacts_command(args.binary, extra))
    facts = lines.pipe(cmd, env=child_env(), checkCode=True)
    facts.persist(StorageLevel.MEMORY_AND_DISK)

    counts_in = per_partition_counts(lines)
    counts_out = per_partition_counts(facts)
    if counts_in != counts_out:
        bad = {p: (counts_in.get(p), counts_out.get(p)) for p in set(counts_in) | set(counts_out)
               if counts_in.get(p) != counts_out.get(p)}
        sys.exit(f"newsfacts_job: records in != out in partitions (in, out): {bad}")
    n = sum(counts_out.values())
    print(f"newsfacts_job: {n} records from {len(counts_in)} partitions, counts in = out in each", file=sys.stderr)

    records = to_records(lines_to_df(spark, facts))
    records.write.mode("overwrite").parquet(args.output)
    written = spark.read.parquet(args.output)
    summary = {r["kind"]: r["count"] for r in written.groupBy("kind").count().collect()}
    if sum(summary.values()) != n:
        sys.exit(f"newsfacts_job: {sum(summary.values())} rows in Parquet, {n} records")
    print(f"newsfacts_job: wrote {args.output}: {summary} in {time.time() - t0:.1f} s", file=sys.stderr)

    if args.sql:
        spark.read.schema(INPUT_SCHEMA).json(args.input).createOrReplaceTempView("newsfacts_docs")
        # The facts, not the lines: `source` is `-#<line>`, a position inside the partition.
        facts_cols = ["kind", "doc_id", "entities", "events", "error"]
        via_sql = to_records(spark.sql(transform_sql(args.binary, extra))).select(*facts_cols)
        via_sql.persist(StorageLevel.MEMORY_AND_DISK)
        via_pipe = written.select(*facts_cols)
        only_sql = via_sql.exceptAll(via_pipe).count()
        only_pipe = via_pipe.exceptAll(via_sql).count()
        if only_sql or only_pipe:
            sys.exit(f"newsfacts_job: TRANSFORM and pipe differ: {only_sql} records only from SQL, {only_pipe} only from the pipe")
        via_sql.unpersist()
        print(f"newsfacts_job: Spark SQL TRANSFORM gives the same {n} records ({time.time() - t0:.1f} s)",
              file=sys.stderr)

    facts.unpersist()
    spark.stop()


if __name__ == "__main__":
    main()
