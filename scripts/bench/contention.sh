#!/bin/sh
# Do the two cores slow each other down? Runs `newsfacts bench --threads 1` on one corpus alone,
# then two such processes at once (independent: no shared queue, no shared memory), and prints
# each run's MB/s and MB per CPU second. If two independent processes each get less done per CPU
# second than one alone, the cores share something (caches, memory bandwidth, a physical core
# under the virtual ones) and no threading change in newsfacts can give 2x on two threads; that
# is the ceiling the `--threads 2` figure is compared with. Waits for a 1-minute load below
# MAX_LOAD (default 1.0) first, like measure.sh.
#
#   cargo build --release && scripts/bench/contention.sh [CORPUS]
set -eu
cd "$(dirname "$0")/../.."
DATA=${NEWSFACTS_DATA:-../shared/data}
CORPUS=${1:-$DATA/bbc-news}
REPEAT=${REPEAT:-3}
BIN=${NEWSFACTS_BIN:-target/release/newsfacts}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

. scripts/bench/quiet.sh
wait_quiet

report() { # label file
    python3 - "$1" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))
print(f"{sys.argv[1]:<12} {r['mb_per_second']:7.2f} MB/s  {r['mb_per_cpu_second']:6.2f} MB per CPU second")
PY
}

echo "load $(cut -d' ' -f1-3 /proc/loadavg), corpus $CORPUS, --repeat $REPEAT"
"$BIN" bench --threads 1 --repeat "$REPEAT" --json "$CORPUS" >"$TMP/alone.json"
report "alone" "$TMP/alone.json"
"$BIN" bench --threads 1 --repeat "$REPEAT" --json "$CORPUS" >"$TMP/a.json" &
"$BIN" bench --threads 1 --repeat "$REPEAT" --json "$CORPUS" >"$TMP/b.json"
wait
report "pair, first" "$TMP/a.json"
report "pair, other" "$TMP/b.json"
"$BIN" bench --threads 2 --repeat "$REPEAT" --json "$CORPUS" >"$TMP/two.json"
report "--threads 2" "$TMP/two.json"
