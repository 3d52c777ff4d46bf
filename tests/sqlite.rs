//! `extract --format sqlite`: the samples into a database, a second run leaves the same rows,
//! an overlapping run adds none, a changed article replaces its rows, and SQL finds Li Shangfu's
//! visit to Russia with its dates. The same rows as the CSV export.

mod common;
use common::*;
use rusqlite::Connection;
use std::path::Path;

const TABLES: [&str; 4] = ["documents", "entities", "events", "event_arguments"];

fn to_sqlite(db: &Path, paths: &[&str]) {
    let mut args = vec![
        "extract",
        "-q",
        "--format",
        "sqlite",
        "--out",
        db.to_str().unwrap(),
        "--reference-date",
        "2023-04-14",
    ];
    args.extend_from_slice(paths);
    let out = run(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn counts(db: &Path) -> Vec<i64> {
    let conn = Connection::open(db).unwrap();
    TABLES
        .iter()
        .map(|t| {
            conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .unwrap()
        })
        .collect()
}

/// doc_id, time_begin, time_end, modality, destination, destination country.
type Visit = (String, String, String, String, String, String);

fn li_shangfu_visits(conn: &Connection) -> Vec<Visit> {
    let mut stmt = conn
        .prepare(
            "SELECT e.doc_id, e.time_begin, e.time_end, e.modality, d.canonical, d.country
             FROM events e
             JOIN event_arguments a ON a.doc_id = e.doc_id AND a.event_id = e.event_id
                                   AND a.mention = 0 AND a.role = 'actor'
             JOIN event_arguments d ON d.doc_id = e.doc_id AND d.event_id = e.event_id
                                   AND d.mention = 0 AND d.role = 'destination'
             WHERE e.type = 'VISIT' AND a.canonical = 'Li Shangfu' AND d.country = 'RUS'
             ORDER BY e.doc_id",
        )
        .unwrap();
    stmt.query_map([], |r| {
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
    .collect()
}

/// The documents whose entity or event count differs from their rows.
fn half_written(conn: &Connection) -> i64 {
    conn.query_row(
        "SELECT count(*) FROM documents d
         WHERE d.entity_count <> (SELECT count(*) FROM entities x WHERE x.doc_id = d.doc_id)
            OR d.event_count <> (SELECT count(*) FROM events x WHERE x.doc_id = d.doc_id)",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn samples_into_sqlite_twice_gives_the_same_rows_and_the_visit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("facts.db");
    to_sqlite(&db, &["samples/"]);
    let first = counts(&db);
    assert_eq!(first[0], 2);
    assert!(first[1] > 50 && first[2] > 10 && first[3] > 10, "{first:?}");

    to_sqlite(&db, &["samples/"]);
    assert_eq!(counts(&db), first, "a second run changed the row counts");
    // Overlapping inputs: the folder and one of its files again, in one run.
    to_sqlite(&db, &["samples/001_2e33281f82945b95.txt", "samples/"]);
    assert_eq!(
        counts(&db),
        first,
        "an overlapping run changed the row counts"
    );
    // Only the database is left in the folder (no temporary or journal files).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    let conn = Connection::open(&db).unwrap();
    let visits = li_shangfu_visits(&conn);
    assert_eq!(visits.len(), 2, "{visits:?}");
    for v in &visits {
        assert_eq!((v.1.as_str(), v.2.as_str()), ("2023-04-16", "2023-04-19"));
        assert_eq!(v.3, "planned");
        assert_eq!(v.5, "RUS");
    }
    assert_eq!(visits[0].4, "Moscow");
    assert_eq!(visits[1].4, "Russia");
    // Every document's counts match its rows (nothing half-written).
    assert_eq!(half_written(&conn), 0);
    // The usual questions use the indexes.
    for (sql, index) in [
        (
            "SELECT * FROM events WHERE type = 'VISIT' AND time_begin >= '2023-04-01'",
            "events_type_begin",
        ),
        (
            "SELECT * FROM event_arguments WHERE role = 'actor' AND country = 'CHN'",
            "arguments_role_country",
        ),
        (
            "SELECT * FROM entities WHERE type = 'PERSON' AND canonical = 'Li Shangfu'",
            "entities_type_canonical",
        ),
    ] {
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(
            plan.iter().any(|p| p.contains(index)),
            "{sql}: plan {plan:?} does not use {index}"
        );
    }
}

#[test]
fn a_changed_article_replaces_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let art = dir.path().join("a.txt");
    let db = dir.path().join("facts.db");
    std::fs::write(
        &art,
        "Russian President Vladimir Putin met Xi Jinping in Moscow on Tuesday. Putin visited Beijing.",
    )
    .unwrap();
    to_sqlite(&db, &[art.to_str().unwrap()]);
    let before = counts(&db);
    assert!(before[2] >= 2, "{before:?}");
    std::fs::write(&art, "Sergey Shoigu said nothing.").unwrap();
    to_sqlite(&db, &[art.to_str().unwrap()]);
    let conn = Connection::open(&db).unwrap();
    let types: Vec<String> = conn
        .prepare("SELECT type FROM events ORDER BY event_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        !types.iter().any(|t| t == "MEET" || t == "VISIT"),
        "old events kept: {types:?}"
    );
    let names: Vec<String> = conn
        .prepare("SELECT canonical FROM entities")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        !names.iter().any(|n| n == "Xi Jinping"),
        "old entities kept: {names:?}"
    );
    let (n, sha): (i64, String) = conn
        .query_row("SELECT count(*), max(sha256) FROM documents", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(n, 1);
    assert_eq!(
        sha,
        newsfacts::export::json::sha256_hex("Sergey Shoigu said nothing.")
    );
}

#[test]
fn a_repeated_doc_id_is_a_warning_where_tables_keep_one_document_per_id() {
    let (dir, input) = temp_file(
        "dup.jsonl",
        "{\"id\":\"a\",\"text\":\"Li Shangfu visited Moscow.\"}\n\
         {\"id\":\"b\",\"text\":\"Sergey Shoigu met him.\"}\n\
         {\"id\":\"a\",\"text\":\"Xi Jinping met Vladimir Putin.\"}\n",
    );
    let report = dir.path().join("run.json");
    let warned = |format: &str, out: &Path| -> Vec<(String, String)> {
        let (input, report) = (input.to_str().unwrap(), report.to_str().unwrap());
        let mut args = vec!["extract", "-q", "--report", report, "--format", format];
        args.extend(["--out", out.to_str().unwrap(), input]);
        let run = run(&args);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let r: serde_json::Value =
            serde_json::from_str(&read(dir.path().join("run.json"))).unwrap();
        assert_eq!(r["processed"], 3);
        r["warned_inputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| {
                (
                    w["source"].as_str().unwrap().to_string(),
                    w["reason"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let db = dir.path().join("facts.db");
    let w = warned("sqlite", &db);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].0.ends_with("dup.jsonl#3"), "{w:?}");
    assert!(w[0].1.contains("doc_id \"a\""), "{w:?}");
    // the database holds the later "a" and "b"
    assert_eq!(counts(&db)[0], 2);
    assert_eq!(warned("csv", &dir.path().join("csv")).len(), 1);
    // JSON Lines keeps every document's line: nothing to warn of
    assert!(warned("jsonl", &dir.path().join("facts.jsonl")).is_empty());
}

#[test]
fn sqlite_holds_the_same_rows_as_the_csv_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("facts.db");
    let csv_dir = dir.path().join("csv");
    to_sqlite(&db, &["samples/"]);
    extract_csv(&csv_dir, &["samples/"]);
    let conn = Connection::open(&db).unwrap();
    for t in TABLES {
        let mut rdr = csv::Reader::from_path(csv_dir.join(format!("{t}.csv"))).unwrap();
        let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
        let cols: Vec<String> = headers
            .iter()
            .map(|h| format!("coalesce(CAST(\"{h}\" AS TEXT), '')"))
            .collect();
        let mut stmt = conn
            .prepare(&format!("SELECT {} FROM {t}", cols.join(", ")))
            .unwrap();
        let mut from_db: Vec<Vec<String>> = stmt
            .query_map([], |r| (0..cols.len()).map(|i| r.get(i)).collect())
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut from_csv: Vec<Vec<String>> = rdr
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        from_db.sort();
        from_csv.sort();
        assert_eq!(from_db.len(), from_csv.len(), "{t}");
        assert_eq!(from_db, from_csv, "{t} differs between SQLite and CSV");
    }
}

#[test]
fn sqlite_needs_a_file_name() {
    let out = run(&["extract", "--format", "sqlite", "samples/"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out FILE"));
    let dir = tempfile::tempdir().unwrap();
    let out = run(&[
        "extract",
        "--format",
        "sqlite",
        "--out",
        dir.path().to_str().unwrap(),
        "samples/",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a folder"));
}

#[test]
#[ignore = "needs ../shared/data"]
fn an_interrupted_run_leaves_a_consistent_database() {
    // Four copies of the BBC articles under distinct names: the run lasts seconds, not a
    // fraction of one, so it is still running when the first batch is seen (on a fast machine
    // one copy could finish between two polls).
    let dir = tempfile::tempdir().unwrap();
    let bbc = dir.path().join("corpus");
    for k in 0..4 {
        copy_articles(&data_dir().join("bbc-news"), &bbc.join(format!("copy{k}")));
    }
    let db = dir.path().join("facts.db");
    let mut child = bin()
        .args(["extract", "-q", "-j", "1", "--format", "sqlite", "--out"])
        .arg(&db)
        .arg(&bbc)
        .spawn()
        .unwrap();
    // Kill it (SIGKILL: no cleanup at all) once the first batch is committed.
    let started = std::time::Instant::now();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let committed = Connection::open(&db)
            .and_then(|c| c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)))
            .unwrap_or(0i64);
        if committed > 0 {
            break;
        }
        assert!(child.try_wait().unwrap().is_none(), "finished too early");
        assert!(started.elapsed().as_secs() < 300, "no batch committed");
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run finished before it could be interrupted"
    );
    child.kill().unwrap();
    child.wait().unwrap();

    let check = |db: &Path| -> i64 {
        let conn = Connection::open(db).unwrap();
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        assert_eq!(half_written(&conn), 0, "half-written documents");
        let orphans: i64 = conn
            .query_row(
                "SELECT (SELECT count(*) FROM entities WHERE doc_id NOT IN (SELECT doc_id FROM documents))
                      + (SELECT count(*) FROM event_arguments a WHERE NOT EXISTS
                          (SELECT 1 FROM events e WHERE e.doc_id = a.doc_id AND e.event_id = a.event_id))",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0);
        conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
            .unwrap()
    };
    let partial = check(&db);
    assert!(partial > 0 && partial % 512 == 0, "{partial} documents");

    // Running again completes the database.
    let out = bin()
        .args(["extract", "-q", "--format", "sqlite", "--out"])
        .arg(&db)
        .arg(&bbc)
        .output()
        .unwrap();
    assert!(out.status.success());
    let all = check(&db);
    let files = walk_count(&bbc);
    assert_eq!(all as usize, files);
}

/// Copies the article files (`*.txt`) under `from` to the same paths under `to`.
fn copy_articles(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_articles(&p, &dest);
        } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")) {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

/// Article files under a folder.
fn walk_count(dir: &Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            n += walk_count(&p);
        } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")) {
            n += 1;
        }
    }
    n
}
