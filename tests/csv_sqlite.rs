//! The CSV export loads into a real SQLite with `schema.sql`, and a join of events to their
//! arguments returns Li Shangfu's visit.

mod common;
use common::*;
use rusqlite::Connection;

/// doc_id, time_begin, time_end, modality, destination, destination country.
type VisitRow = (
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<String>,
);

#[test]
fn csv_export_loads_into_sqlite_and_joins() {
    let dir = tempfile::tempdir().unwrap();
    extract_csv(dir.path(), &["samples/"]);
    for f in [
        "documents.csv",
        "entities.csv",
        "events.csv",
        "event_arguments.csv",
        "schema.sql",
    ] {
        assert!(dir.path().join(f).is_file(), "{f} missing");
    }
    // no temporary files left behind
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 5);
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(&std::fs::read_to_string(dir.path().join("schema.sql")).unwrap())
        .unwrap();
    assert_eq!(load_csv(&conn, dir.path(), "documents"), 2);
    assert!(load_csv(&conn, dir.path(), "entities") > 50);
    assert!(load_csv(&conn, dir.path(), "events") > 10);
    assert!(load_csv(&conn, dir.path(), "event_arguments") > 10);
    let mut stmt = conn
        .prepare(
            "SELECT e.doc_id, e.time_begin, e.time_end, e.modality, d.canonical, d.country
             FROM events e
             JOIN event_arguments a ON a.doc_id = e.doc_id AND a.event_id = e.event_id AND a.mention = 0 AND a.role = 'actor'
             JOIN event_arguments d ON d.doc_id = e.doc_id AND d.event_id = e.event_id AND d.mention = 0 AND d.role = 'destination'
             WHERE e.type = 'VISIT' AND a.canonical = 'Li Shangfu'
             ORDER BY e.doc_id",
        )
        .unwrap();
    let rows: Vec<VisitRow> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0].1.as_deref(), Some("2023-04-16"));
    assert_eq!(rows[0].2.as_deref(), Some("2023-04-19"));
    assert_eq!(rows[0].4, "Moscow");
    assert_eq!(rows[1].4, "Russia");
    assert!(rows
        .iter()
        .all(|r| r.3 == "planned" && r.5.as_deref() == Some("RUS")));
}

#[test]
fn csv_without_out_is_a_clear_error() {
    let out = run(&["extract", "--format", "csv", "samples/"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out DIR"));
}
