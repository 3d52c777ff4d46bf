#!/usr/bin/env bash
# Loads a newsfacts CSV export into PostgreSQL, with upserts: safe to run again over the same or an
# overlapping export, and an article whose text changed replaces its old rows.
#
#   newsfacts extract --format csv --out facts/ articles/
#   scripts/db/load_postgres.sh facts/ "postgresql://user@localhost/news"
#   scripts/db/load_postgres.sh facts/ -h localhost -U user -d news     # any psql arguments
#
# What it does, in one transaction (nothing is loaded if any step fails):
#  1. creates the tables of schema.sql that are missing (the export's own copy, else the repo's);
#  2. \copy each CSV table into a temporary staging table (format csv, header; an empty unquoted
#     field is NULL, "" an empty string; quoted fields may hold commas, quotes and newlines);
#  3. upserts documents by doc_id (INSERT … ON CONFLICT (doc_id) DO UPDATE);
#  4. deletes the stored entities, events and arguments of every staged document (every table
#     with a doc_id column), then inserts the staged ones — upserted by primary key;
#  5. upserts any other table of the export (such as merged events) by its primary key.
# Within one export, a key that appears twice keeps its last row.
set -euo pipefail

usage() {
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
[ $# -ge 1 ] || usage
case "$1" in -h|--help) usage ;; esac
dir=$1
shift
if [ ! -f "$dir/documents.csv" ]; then
    echo "load_postgres.sh: $dir/documents.csv not found: give the folder written by" \
        "'newsfacts extract --format csv --out DIR'" >&2
    exit 2
fi
command -v psql >/dev/null || {
    echo "load_postgres.sh: psql not found: install the PostgreSQL client (Debian: apt-get install postgresql-client)" >&2
    exit 2
}
here=$(cd "$(dirname "$0")" && pwd)
schema="$dir/schema.sql"
[ -f "$schema" ] || schema="$here/../../src/export/schema.sql"
schema=$(cd "$(dirname "$schema")" && pwd)/$(basename "$schema")

# Tables in load order: documents first, then its children, then anything else the export has.
tables=()
for t in documents entities events event_arguments; do
    [ -f "$dir/$t.csv" ] && tables+=("$t")
done
for f in "$dir"/*.csv; do
    t=$(basename "$f" .csv)
    case " ${tables[*]} " in *" $t "*) ;; *) tables+=("$t") ;; esac
done

sql=$(mktemp "${TMPDIR:-/tmp}/newsfacts-load.XXXXXX")
trap 'rm -f "$sql"' EXIT
{
    echo '\set ON_ERROR_STOP on'
    echo 'SET client_min_messages = notice;'
    echo 'BEGIN;'
    # \i takes a quoted file name; double any single quote in the path.
    echo "\\i '${schema//\'/\'\'}'"
    for t in "${tables[@]}"; do
        # The CSV header names the columns (quoted: "end" is a keyword).
        header=$(head -n 1 "$dir/$t.csv" | tr -d '\r')
        cols=$(printf '%s' "$header" | awk -F, '{for (i = 1; i <= NF; i++) printf "%s\"%s\"", (i > 1 ? ", " : ""), $i}')
        echo "CREATE TEMP TABLE \"stage_$t\" (LIKE \"$t\") ON COMMIT DROP;"
        echo "ALTER TABLE \"stage_$t\" ADD COLUMN stage_line bigserial;"
        echo "\\copy \"stage_$t\" ($cols) FROM '$t.csv' WITH (FORMAT csv, HEADER true)"
    done
    # The upserts, generic over the tables: primary keys and columns come from the catalog.
    printf 'DO $load$\nDECLARE\n    tables text[] := ARRAY['
    sep=''
    for t in "${tables[@]}"; do printf "%s'%s'" "$sep" "$t"; sep=', '; done
    cat <<'SQL'
];
    t text;
    cols text;
    keys text;
    sets text;
    n bigint;
    staged bigint;
BEGIN
    FOREACH t IN ARRAY tables LOOP
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
          INTO cols
          FROM pg_attribute a
         WHERE a.attrelid = format('stage_%s', t)::regclass AND a.attnum > 0
           AND NOT a.attisdropped AND a.attname <> 'stage_line';
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY array_position(i.indkey, a.attnum))
          INTO keys
          FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
         WHERE i.indrelid = t::regclass AND i.indisprimary;
        IF keys IS NULL THEN
            RAISE EXCEPTION 'table % has no primary key: is it in schema.sql?', t;
        END IF;
        SELECT string_agg(format('%1$s = EXCLUDED.%1$s', quote_ident(a.attname)), ', ' ORDER BY a.attnum)
          INTO sets
          FROM pg_attribute a
         WHERE a.attrelid = t::regclass AND a.attnum > 0 AND NOT a.attisdropped
           AND NOT quote_ident(a.attname) = ANY (string_to_array(keys, ', '));
        IF t <> 'documents' AND EXISTS (
            SELECT 1 FROM pg_attribute WHERE attrelid = t::regclass AND attname = 'doc_id')
           AND to_regclass('pg_temp.stage_documents') IS NOT NULL THEN
            -- A document's facts are replaced as a whole: a changed article keeps no old rows.
            EXECUTE format('DELETE FROM %I WHERE doc_id IN (SELECT doc_id FROM stage_documents)', t);
        END IF;
        EXECUTE format('SELECT count(*) FROM %I', 'stage_' || t) INTO staged;
        EXECUTE format(
            'INSERT INTO %I (%s) SELECT DISTINCT ON (%s) %s FROM %I ORDER BY %s, stage_line DESC '
            'ON CONFLICT (%s) DO %s',
            t, cols, keys, cols, 'stage_' || t, keys, keys,
            CASE WHEN sets IS NULL THEN 'NOTHING' ELSE 'UPDATE SET ' || sets END);
        GET DIAGNOSTICS n = ROW_COUNT;
        RAISE NOTICE '%: % rows read, % written', t, staged, n;
    END LOOP;
END
$load$;
COMMIT;
SQL
} > "$sql"
# \copy reads its files relative to psql's working folder: run psql in the export's folder.
(cd "$dir" && psql -X -q -v ON_ERROR_STOP=1 "$@" -f "$sql")
