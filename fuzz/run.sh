#!/usr/bin/env bash
# Runs the fuzz targets, each for a fixed time, with corpora seeded from samples/.
#   fuzz/run.sh [SECONDS_PIPELINE] [SECONDS_OTHERS]      (defaults: 1200 and 300, issue 8's minimum)
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Logs go to
# fuzz/<target>.log, crashes to fuzz/artifacts/<target>/; each fixed finding becomes a regression
# test beside the code it fixes (e.g. `read::tests::json_records`: an empty id). Replay a crash
# with `cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-…`.
set -euo pipefail
cd "$(dirname "$0")/.."
pipeline_secs=${1:-1200}
other_secs=${2:-300}
for t in reader tokenize dates pipeline; do
    mkdir -p "fuzz/corpus/$t"
    cp samples/*.txt "fuzz/corpus/$t/"
done
# JSON Lines seeds for the reader: records like users send, and broken ones.
printf '{"id":"a","text":"Li Shangfu visited Moscow.","date":"2023-04-14"}\n{"id":7,"text":"x"}\n{broken\n\n{"id":"no-text"}\n' \
    > fuzz/corpus/reader/seed.jsonl
cargo +nightly fuzz build -O
status=0
for t in reader tokenize dates pipeline; do
    secs=$other_secs
    [ "$t" = pipeline ] && secs=$pipeline_secs
    echo "=== $t: ${secs} s ($(date -u +%H:%M:%S))"
    if cargo +nightly fuzz run -O "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" -max_len=65536 \
        -rss_limit_mb=4096 -timeout=30 > "fuzz/$t.log" 2>&1; then
        tail -n 3 "fuzz/$t.log"
    else
        echo "!!! $t failed; see fuzz/$t.log and fuzz/artifacts/$t/"
        tail -n 30 "fuzz/$t.log"
        status=1
    fi
done
exit $status
