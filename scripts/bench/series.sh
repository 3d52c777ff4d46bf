#!/bin/sh
# Runs one criterion bench of `benches/stages.rs` RUNS times (default 5), GAP seconds apart
# (default 30), and prints each run's median throughput with the load average before it, then
# the median and range over the runs. On a shared machine one criterion run can read 10-30 %
# low for minutes at a time (every stage at once), so a target is judged on the median of
# runs spread over some minutes, not on one run. Each run waits, as `measure.sh` does, for a
# 1-minute load average below MAX_LOAD (default 1.0), at most MAX_WAIT seconds (default 300).
#
#   scripts/bench/series.sh "dates/bbc-news/1 thread"
#   RUNS=9 GAP=60 scripts/bench/series.sh "tag/bbc-news/1 thread"
set -eu
cd "$(dirname "$0")/../.."
BENCH=${1:?usage: series.sh "GROUP/CORPUS/THREADS" (e.g. "dates/bbc-news/1 thread")}
RUNS=${RUNS:-5}
GAP=${GAP:-30}
MAX_WAIT=${MAX_WAIT:-300}
TIME=${MEASUREMENT_TIME:-8}

. scripts/bench/quiet.sh

cargo bench --bench stages --no-run >/dev/null 2>&1
results=$(mktemp)
trap 'rm -f "$results"' EXIT
k=1
while [ "$k" -le "$RUNS" ]; do
    [ "$k" -gt 1 ] && sleep "$GAP"
    wait_quiet
    before=$(load)
    # criterion prints "thrpt:  [low unit median unit high unit]": keep the median and its unit.
    line=$(cargo bench --bench stages -- "$BENCH" --measurement-time "$TIME" 2>/dev/null |
        grep 'thrpt:' | head -1)
    if [ -z "$line" ]; then
        echo "no criterion result for \"$BENCH\" (see: cargo bench --bench stages -- --list)" >&2
        exit 1
    fi
    value=$(echo "$line" | sed 's/.*\[//; s/\].*//' | awk '{print $3, $4}')
    echo "$(date -u +%H:%M:%S) load $before  $value"
    echo "$value" >>"$results"
    k=$((k + 1))
done
sort -n "$results" | awk '{v[NR] = $1; u = $2}
    END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "median of %d runs: %.1f %s (range %.1f-%.1f)\n", NR, m, u, v[1], v[NR]
    }'
