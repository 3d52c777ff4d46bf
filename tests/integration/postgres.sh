#!/usr/bin/env bash
# The CSV export in a real PostgreSQL: a throwaway server from Debian's packages (installed when
# missing) on 127.0.0.1 in a temp folder, the samples' CSV loaded twice with
# scripts/db/load_postgres.sh, then row counts, a join query (Li Shangfu's visit to Russia),
# values round-tripped exactly (NULL vs "", quotes, embedded newlines), and a changed article
# replacing its rows. Run from .ci/run (needs root for apt-get and to run the server as postgres).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
t0=$(date +%s.%N)
say() { echo "postgres.sh: $*"; }
fail() { echo "postgres.sh: FAIL: $*" >&2; exit 1; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(pg_bin)" ] || ! command -v psql >/dev/null; then
    [ "$(id -u)" = 0 ] || fail "PostgreSQL is not installed and this is not root: apt-get install postgresql"
    say "installing Debian's postgresql"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PGBIN=$(pg_bin)
id postgres >/dev/null 2>&1 || fail "no postgres user (the postgresql package creates it)"
say "server $("$PGBIN/postgres" --version)"

tmp=$(mktemp -d)
chown postgres "$tmp"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
    if [ -f "$tmp/data/postmaster.pid" ]; then
        as_pg "$PGBIN/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

as_pg "$PGBIN/initdb" -D "$tmp/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir "$tmp/sock" && chown postgres "$tmp/sock"
as_pg "$PGBIN/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp/sock -c fsync=off" start >/dev/null ||
    { cat "$tmp/server.log" >&2; fail "server did not start"; }
conn=(-h 127.0.0.1 -p "$port" -U postgres -d postgres)
q() { psql -X -q -At -v ON_ERROR_STOP=1 "${conn[@]}" -c "$1"; }
say "server up on 127.0.0.1:$port"

cargo build --release --quiet --bin newsfacts
nf="$root/target/release/newsfacts"

# The samples plus one document with the awkward values: an empty title (""), no url (NULL),
# quotes, commas, a line holding only \. (the end-of-data marker of COPY's text format).
mkdir "$tmp/in"
cp samples/*.txt "$tmp/in/"
python3 - "$tmp/in/edge.jsonl" <<'PY'
import json, sys
doc = {"id": "edge-1", "title": "", "date": "2023-04-14",
       "text": 'Vladimir Putin met Xi Jinping in Moscow on Tuesday, "as planned", officials said.\n\\.\nPutin visited Beijing.\n'}
open(sys.argv[1], "w").write(json.dumps(doc) + "\n")
PY
"$nf" extract -q --reference-date 2023-04-14 --format csv --out "$tmp/csv" "$tmp/in"
"$nf" extract -q --reference-date 2023-04-14 "$tmp/in" > "$tmp/facts.jsonl"

expected=$(python3 - "$tmp/csv" <<'PY'
import csv, sys
for t in ["documents", "entities", "events", "event_arguments"]:
    with open(f"{sys.argv[1]}/{t}.csv", newline="") as f:
        print(f"{t}={sum(1 for _ in csv.reader(f)) - 1}")
PY
)
counts() {
    for t in documents entities events event_arguments; do echo "$t=$(q "SELECT count(*) FROM $t")"; done
}
for run in 1 2; do
    scripts/db/load_postgres.sh "$tmp/csv" "${conn[@]}" 2>"$tmp/load.log" ||
        { cat "$tmp/load.log" >&2; fail "load $run failed"; }
    got=$(counts)
    [ "$got" = "$expected" ] || fail "after load $run: $(echo $got) but the CSV has $(echo $expected)"
    say "load $run: $(echo $got)"
done

# The join: Li Shangfu's visit to Russia with its dates.
visit=$(q "SELECT e.doc_id, e.time_begin, e.time_end, d.canonical
             FROM events e
             JOIN event_arguments a ON a.doc_id = e.doc_id AND a.event_id = e.event_id AND a.mention = 0 AND a.role = 'actor'
             JOIN event_arguments d ON d.doc_id = e.doc_id AND d.event_id = e.event_id AND d.mention = 0 AND d.role = 'destination'
            WHERE e.type = 'VISIT' AND a.canonical = 'Li Shangfu' AND d.country = 'RUS'
            ORDER BY e.doc_id")
echo "$visit" | sed 's/^/    /'
[ "$(echo "$visit" | grep -c '|2023-04-16|2023-04-19|')" = 2 ] || fail "Li Shangfu's visit not found with its dates"

# Every value round-trips: the database's rows as JSON against the JSON Lines output.
q "SELECT json_build_object(
      'documents', (SELECT json_agg(json_build_object('doc_id', doc_id, 'title', title, 'url', url,
                     'sha256', sha256, 'published', published) ORDER BY doc_id) FROM documents),
      'entities', (SELECT json_agg(json_build_object('doc_id', doc_id, 'id', entity_id, 'text', text,
                     'start', start, 'key', key, 'country', country, 'value', value) ORDER BY doc_id, entity_id) FROM entities),
      'events', (SELECT json_agg(json_build_object('doc_id', doc_id, 'id', event_id, 'type', type,
                     'evidence', evidence, 'trigger', trigger_text, 'begin', time_begin, 'end', time_end,
                     'confidence', confidence) ORDER BY doc_id, event_id) FROM events))" > "$tmp/db.json"
python3 - "$tmp/facts.jsonl" "$tmp/db.json" <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
db = json.load(open(sys.argv[2]))
want = {"documents": [], "entities": [], "events": []}
for d in docs:
    want["documents"].append({"doc_id": d["doc_id"], "title": d["title"], "url": d["url"],
                              "sha256": d["sha256"], "published": d["published"]})
    for e in d["entities"]:
        want["entities"].append({"doc_id": d["doc_id"], "id": e["id"], "text": e["text"], "start": e["start"],
                                 "key": e["key"], "country": e["country"], "value": e.get("value")})
    for e in d["events"]:
        t = e["time"] or {}
        want["events"].append({"doc_id": d["doc_id"], "id": e["id"], "type": e["type"], "evidence": e["evidence"],
                               "trigger": e["trigger"]["text"], "begin": t.get("begin"), "end": t.get("end"),
                               "confidence": round(e["confidence"], 6)})
for ev in db["events"]:
    ev["confidence"] = round(ev["confidence"], 6)
for table, rows in want.items():
    key = lambda r: (r["doc_id"], r["id"]) if "id" in r else r["doc_id"]
    got = sorted(db[table], key=key)
    rows = sorted(rows, key=key)
    if got != rows:
        bad = next(((g, w) for g, w in zip(got, rows) if g != w), (len(got), len(rows)))
        sys.exit(f"{table} differ between PostgreSQL and the JSON output: {bad}")
edge = next(d for d in db["documents"] if d["doc_id"] == "edge-1")
assert edge["title"] == "" and edge["url"] is None, edge
assert any("\n" in e["evidence"] for e in db["events"]), "no evidence with a line break was tested"
print(f"postgres.sh: values round-trip ({len(want['entities'])} entities, {len(want['events'])} events; "
      "\"\" vs NULL, quotes, line breaks)")
PY

# A changed article replaces its rows; the other documents keep theirs.
before_other=$(q "SELECT count(*) FROM entities WHERE doc_id <> 'edge-1'")
python3 - "$tmp/in/edge.jsonl" <<'PY'
import json, sys
open(sys.argv[1], "w").write(json.dumps({"id": "edge-1", "text": "Nothing happened here."}) + "\n")
PY
"$nf" extract -q --format csv --out "$tmp/csv2" "$tmp/in/edge.jsonl"
scripts/db/load_postgres.sh "$tmp/csv2" "${conn[@]}" 2>"$tmp/load.log" ||
    { cat "$tmp/load.log" >&2; fail "load of the changed article failed"; }
[ "$(q "SELECT count(*) FROM events WHERE doc_id = 'edge-1'")" = 0 ] || fail "the changed article kept its old events"
[ "$(q "SELECT count(*) FROM entities WHERE doc_id = 'edge-1'")" = "$(q "SELECT entity_count FROM documents WHERE doc_id = 'edge-1'")" ] ||
    fail "the changed article's entities do not match its document row"
[ "$(q "SELECT count(*) FROM entities WHERE doc_id <> 'edge-1'")" = "$before_other" ] || fail "other documents changed"
say "a changed article replaces its rows"

say "passed in $(python3 -c "import time; print(f'{time.time() - $t0:.1f}')") s"
