//! Helpers shared by the integration tests: the real binary, the samples, the corpora.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary folder holding one file, `name` with `content`; the folder is removed when the
/// returned guard drops.
pub fn temp_file(name: &str, content: impl AsRef<[u8]>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    (dir, path)
}

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A command running the built `newsfacts` binary from the crate root.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsfacts"));
    c.current_dir(root());
    c
}

/// Runs the binary and returns its output, panicking with stderr on a spawn failure.
pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run newsfacts")
}

/// Runs the binary with `input` on its stdin (written from a thread, so that a large input
/// cannot block on a full stdout pipe) and returns its output.
pub fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsfacts");
    let mut stdin = child.stdin.take().expect("stdin piped");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("wait for newsfacts");
    writer.join().expect("stdin writer").expect("write stdin");
    out
}

/// Runs `newsfacts PREFIX ARGS`, which must exit 0, and returns its stdout.
pub fn run_ok(prefix: &[&str], args: &[&str]) -> Vec<u8> {
    let all: Vec<&str> = prefix.iter().chain(args).copied().collect();
    let out = run(&all);
    assert!(
        out.status.success(),
        "newsfacts {all:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs `newsfacts extract ARGS` and parses the JSON Lines on stdout (must exit 0).
pub fn extract(args: &[&str]) -> Vec<Value> {
    parse_lines(&run_ok(&["extract", "--quiet"], args))
}

/// Parses JSON Lines.
pub fn parse_lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// The folder of evaluation corpora: `$NEWSFACTS_DATA`, else `../shared/data` beside the repo.
/// Tests that need it are `#[ignore]`d (the plain `cargo test` runs without the data); `.ci/run`
/// runs them with `--ignored`, where a missing folder is a failure.
pub fn data_dir() -> PathBuf {
    let p = std::env::var_os("NEWSFACTS_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/data"));
    assert!(
        p.is_dir(),
        "corpus folder {} not found: set NEWSFACTS_DATA to ../shared/data (see README, Accuracy)",
        p.display()
    );
    p
}

/// The referee tools folder (`../shared/tools`).
pub fn tools_dir() -> PathBuf {
    let p = std::env::var_os("NEWSFACTS_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/tools"));
    assert!(p.is_dir(), "referee tools {} not found", p.display());
    p
}

/// The document of `docs` whose `doc_id` ends with `suffix`.
pub fn doc<'v>(docs: &'v [Value], suffix: &str) -> &'v Value {
    docs.iter()
        .find(|d| d["doc_id"].as_str().is_some_and(|id| id.ends_with(suffix)))
        .unwrap_or_else(|| panic!("no document {suffix}"))
}

/// Checks that every entity's, trigger's and argument's text is the document's bytes at its offsets.
pub fn assert_offsets(d: &Value, text: &str) {
    let bytes = text.as_bytes();
    let check = |v: &Value, what: &str| {
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        let got = std::str::from_utf8(&bytes[s..e])
            .unwrap_or_else(|_| panic!("{what} {v} cuts a character"));
        assert_eq!(
            got,
            v["text"].as_str().unwrap(),
            "{what} text differs from its offsets: {v}"
        );
    };
    for e in d["entities"].as_array().unwrap() {
        check(e, "entity");
    }
    for ev in d["events"].as_array().unwrap() {
        check(&ev["trigger"], "trigger");
        for a in ev["arguments"].as_array().unwrap() {
            check(a, "argument");
        }
        for m in ev["mentions"].as_array().unwrap() {
            check(&m["trigger"], "mention trigger");
            for a in m["arguments"].as_array().unwrap() {
                check(a, "mention argument");
            }
        }
    }
}

/// Reads a file under the crate root.
pub fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(root().join(path)).expect("read file")
}

/// The two sample articles' file names.
pub const A: &str = "000_0f39d2d8498105a9.txt";
pub const B: &str = "001_2e33281f82945b95.txt";

/// The events of document `d` of type `kind`.
pub fn events<'v>(d: &'v Value, kind: &str) -> Vec<&'v Value> {
    d["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == kind)
        .collect()
}

/// Field `f` of each argument of event `e` in role `role`.
pub fn field<'v>(e: &'v Value, role: &str, f: &str) -> Vec<&'v str> {
    e["arguments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["role"] == role)
        .filter_map(|a| a[f].as_str())
        .collect()
}

/// The canonical names of event `e`'s arguments in role `role`.
pub fn arg<'v>(e: &'v Value, role: &str) -> Vec<&'v str> {
    field(e, role, "canonical")
}

/// The countries of event `e`'s arguments in role `role`.
pub fn arg_country<'v>(e: &'v Value, role: &str) -> Vec<&'v str> {
    field(e, role, "country")
}

/// Inserts the rows of `DIR/TABLE.csv` into TABLE of a database made with `schema.sql` (an
/// empty field is NULL: the csv crate cannot tell `""` from empty) and returns their number.
pub fn load_csv(conn: &rusqlite::Connection, dir: &Path, table: &str) -> usize {
    let mut rdr = csv::Reader::from_path(dir.join(format!("{table}.csv"))).unwrap();
    let cols: Vec<String> = rdr
        .headers()
        .unwrap()
        .iter()
        .map(|h| format!("\"{h}\""))
        .collect();
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        cols.join(","),
        marks.join(",")
    );
    let mut stmt = conn.prepare(&sql).unwrap();
    let mut n = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let vals: Vec<Option<String>> = rec
            .iter()
            .map(|f| (!f.is_empty()).then(|| f.to_string()))
            .collect();
        stmt.execute(rusqlite::params_from_iter(vals))
            .unwrap_or_else(|e| panic!("{table}: {e}"));
        n += 1;
    }
    n
}

/// Runs `newsfacts extract -q --format csv --out DIR --reference-date 2023-04-14 ARGS`, which
/// must exit 0.
pub fn extract_csv(dir: &Path, args: &[&str]) {
    let out = dir.to_str().expect("a UTF-8 temporary path");
    run_ok(
        &[
            "extract",
            "-q",
            "--format",
            "csv",
            "--out",
            out,
            "--reference-date",
            "2023-04-14",
        ],
        args,
    );
}

/// The default pipeline (embedded gazetteers and rules), built once per test binary.
pub fn pipeline() -> &'static newsfacts::Pipeline {
    static P: std::sync::OnceLock<newsfacts::Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(|| newsfacts::Pipeline::new().expect("pipeline"))
}

/// The events of `kind` in `text` (one document), in order: each trigger's text and its
/// arguments as (role, text in the sentence).
pub fn event_roles(
    text: &str,
    kind: newsfacts::model::EventType,
) -> Vec<(String, Vec<(String, String)>)> {
    let doc = newsfacts::Document::from_text("t", text);
    let a = pipeline().analyze(&doc);
    a.events
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| {
            let args = e
                .arguments
                .iter()
                .map(|x| (x.role.to_string(), doc.text[x.span].to_string()))
                .collect();
            (doc.text[e.trigger].to_string(), args)
        })
        .collect()
}

/// The one event of `kind` whose trigger is `trigger` in `text` (one document): its modality and
/// its arguments as (role, text in the sentence). Panics unless there is exactly one.
pub fn the_event(
    text: &str,
    kind: newsfacts::model::EventType,
    trigger: &str,
) -> (newsfacts::model::Modality, Vec<(String, String)>) {
    let doc = newsfacts::Document::from_text("t", text);
    let a = pipeline().analyze(&doc);
    let found: Vec<_> = a
        .events
        .iter()
        .filter(|e| e.kind == kind && &doc.text[e.trigger] == trigger)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{text}: {kind:?} '{trigger}' in {:?}",
        a.events
    );
    let args = found[0]
        .arguments
        .iter()
        .map(|x| (x.role.to_string(), doc.text[x.span].to_string()))
        .collect();
    (found[0].modality, args)
}
