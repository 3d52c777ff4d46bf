#!/usr/bin/env bash
# newsfacts on Apache Spark: examples/spark/newsfacts_job.py in local[2] mode on 127.0.0.1 over
# the Reuters-21578 JSON Lines corpus, checked against a single-machine run (same records per
# doc_id, as many records as input lines, per-partition counts in = out, the SQL TRANSFORM recipe
# giving the same facts). Installs a Java runtime when `java` is missing (Debian's
# openjdk-17-jre-headless) and pyspark into a virtualenv under target/. Run from .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
t0=$(date +%s.%N)
say() { echo "spark.sh: $*"; }
fail() { echo "spark.sh: FAIL: $*" >&2; exit 1; }

data="${NEWSFACTS_DATA:-$root/../shared/data}"
input="$data/reuters21578/reuters21578.jsonl"
[ -f "$input" ] || fail "$input is missing: the Spark test needs ../shared/data (or NEWSFACTS_DATA)"

if ! command -v java >/dev/null; then
    [ "$(id -u)" = 0 ] || fail "java is missing and this is not root: apt-get install openjdk-17-jre-headless"
    say "installing Debian's openjdk-17-jre-headless"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
say "$(java -version 2>&1 | head -n 1)"

venv="$root/target/spark/venv"
if ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
    say "installing pyspark into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "pyspark>=4.0,<4.1"
fi
say "pyspark $("$venv/bin/python" -c 'import pyspark; print(pyspark.__version__)')"

cargo build --release --quiet --bin newsfacts
nf="$root/target/release/newsfacts"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Spark's own logs: warnings and errors only, on stderr.
cat > "$tmp/log4j2.properties" <<'PROPS'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex{3}
logger.hadoop.name = org.apache.hadoop.util.NativeCodeLoader
logger.hadoop.level = error
logger.strings.name = org.apache.spark.sql.catalyst.util.SparkStringUtils
logger.strings.level = error
PROPS

t1=$(date +%s.%N)
"$nf" extract --quiet --on-error record --input jsonl - < "$input" > "$tmp/single.jsonl"
say "single machine: $(wc -l < "$tmp/single.jsonl") records in $(python3 -c "import time; print(f'{time.time() - $t1:.1f}')") s"

# Loopback only, no UI, quiet logs; the executors run the job's Python from the venv.
export SPARK_LOCAL_IP=127.0.0.1
export PYSPARK_PYTHON="$venv/bin/python"
export PYSPARK_DRIVER_PYTHON="$venv/bin/python"
export PYSPARK_SUBMIT_ARGS="--master local[2] --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 --driver-java-options -Dlog4j2.configurationFile=$tmp/log4j2.properties pyspark-shell"
t1=$(date +%s.%N)
"$venv/bin/python" examples/spark/newsfacts_job.py \
    --binary "$nf" --input "$input" --output "$tmp/facts.parquet" --partitions 4 --sql
say "Spark job: $(python3 -c "import time; print(f'{time.time() - $t1:.1f}')") s"
"$venv/bin/python" tests/integration/spark_check.py "$tmp/facts.parquet" "$tmp/single.jsonl" "$input"

# A failure of the run itself fails the job (checkCode): a gazetteer folder that does not exist.
if "$venv/bin/python" - "$nf" "$input" <<'PY' 2>"$tmp/fail.log"; then
import os, shlex, sys
sys.path.insert(0, "examples/spark")
from pyspark.sql import SparkSession
import newsfacts_job as job
spark = SparkSession.builder.getOrCreate()
lines = spark.read.schema(job.INPUT_SCHEMA).json(sys.argv[2]).limit(10).toJSON()
cmd = shlex.join(job.newsfacts_command(sys.argv[1], ["--gazetteers", "/nonexistent"]))
lines.pipe(cmd, env=job.child_env(), checkCode=True).count()
PY
    fail "a failing newsfacts run did not fail the Spark job"
fi
grep -q "exited with status\|error code\|non-zero\|exit status\|exit code" "$tmp/fail.log" ||
    { tail -n 20 "$tmp/fail.log" >&2; fail "the Spark job failed, but not because newsfacts exited non-zero"; }
say "a failing newsfacts run fails the Spark job (checkCode)"

say "passed in $(python3 -c "import time; print(f'{time.time() - $t0:.1f}')") s"
