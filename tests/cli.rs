//! The command line on the real binary: inputs, stdin, JSON Lines, errors and exit codes.

mod common;
use common::*;

#[test]
fn jsonl_input_keeps_ids_dates_and_order() {
    let (_dir, p) = temp_file(
        "in.jsonl",
        "{\"id\": \"a\", \"text\": \"Putin met Xi Jinping in Moscow on Tuesday.\", \"date\": \"2023-03-22\"}\n{\"text\": \"Nothing here.\"}\n",
    );
    let docs = extract(&[p.to_str().unwrap()]);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["doc_id"], "a");
    assert_eq!(docs[0]["published"], "2023-03-22");
    assert_eq!(docs[0]["published_source"], "input");
    assert_eq!(docs[1]["doc_id"], format!("{}#2", p.display()));
    let tue = docs[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"] == "Tuesday")
        .unwrap();
    assert_eq!(tue["value"], "2023-03-21");
}

#[test]
fn stdin_text_and_jsonl() {
    let out = run_stdin(&["extract", "-q", "-"], b"Vladimir Putin visited Beijing.");
    let docs = parse_lines(&out.stdout);
    assert_eq!(docs[0]["doc_id"], "-");
    assert!(docs[0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["type"] == "VISIT"));

    let out = run_stdin(
        &["extract", "-q", "-"],
        b"  {\"id\": \"x\", \"text\": \"Russia\"}\n{\"id\": \"y\", \"text\": \"China\"}\n",
    );
    let docs = parse_lines(&out.stdout);
    assert_eq!(
        docs.iter()
            .map(|d| d["doc_id"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["x", "y"]
    );
}

#[test]
fn bad_inputs_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), "Xi Jinping visited Moscow.").unwrap();
    std::fs::write(dir.path().join("notes.csv"), "a,b").unwrap();
    std::fs::write(
        dir.path().join("docs.jsonl"),
        "{\"id\": \"ok\", \"text\": \"Russia\"}\n{broken\n{\"id\": \"no-text\"}\n",
    )
    .unwrap();
    let out = run(&["extract", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "some inputs failed");
    let docs = parse_lines(&out.stdout);
    let ids: Vec<_> = docs
        .iter()
        .map(|d| d["doc_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("docs.jsonl#2") && err.contains("malformed JSON"),
        "{err}"
    );
    assert!(
        err.contains("docs.jsonl#3") && err.contains("missing `text`"),
        "{err}"
    );
    assert!(
        err.contains("1 skipped") && err.contains("2 failed"),
        "{err}"
    );
}

#[test]
fn on_error_record_gives_one_line_per_input_line() {
    let out = run_stdin(
        &["extract", "-q", "--on-error", "record", "-"],
        b"{\"id\": \"1\", \"text\": \"Russia\"}\nnot json\n\n{\"id\": \"4\", \"text\": \"China\"}\n",
    );
    assert_eq!(out.status.code(), Some(0));
    let lines = parse_lines(&out.stdout);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[1]["kind"], "error");
    assert_eq!(lines[1]["source"], "-#2");
    assert_eq!(lines[3]["doc_id"], "4");
}

#[test]
fn jsonl_out_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("facts.jsonl");
    let out = run(&[
        "extract",
        "-q",
        "--out",
        out_path.to_str().unwrap(),
        "samples/",
    ]);
    assert!(out.status.success());
    assert_eq!(parse_lines(&std::fs::read(&out_path).unwrap()).len(), 2);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn help_teaches() {
    let out = run(&["extract", "--help"]);
    let h = String::from_utf8_lossy(&out.stdout);
    for want in [
        "--reference-date",
        "--format",
        "Examples:",
        "Exit status:",
        "newsfacts/1",
    ] {
        assert!(h.contains(want), "help lacks {want}");
    }
}

#[test]
fn a_bad_gazetteer_row_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.tsv"), "text\ttype\tcanonical\tkey\tcountry\tcase\tflags\tsource\nAcme\tCOMPANY\tAcme\t\t\ttitle\t\tme\n").unwrap();
    let out = run(&[
        "extract",
        "--gazetteers",
        dir.path().to_str().unwrap(),
        "samples/",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mine.tsv:2: unknown type `COMPANY`"), "{err}");
}

#[test]
fn user_gazetteers_and_spacy_patterns_add_entities() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.tsv"), "text\ttype\tcanonical\tkey\tcountry\tcase\tflags\tsource\nAcme Dynamics\tORGANIZATION\tAcme Dynamics Inc.\tacme\tUSA\ttitle\t\tme\n").unwrap();
    std::fs::write(
        dir.path().join("patterns.jsonl"),
        "{\"label\": \"PERSON\", \"pattern\": \"Jane Roe\", \"id\": \"jane\"}\n",
    )
    .unwrap();
    let gazetteers = dir.path().to_str().unwrap();
    let out = run_stdin(
        &["extract", "-q", "--gazetteers", gazetteers, "-"],
        b"Jane Roe joined Acme Dynamics.",
    );
    let docs = parse_lines(&out.stdout);
    let ents = docs[0]["entities"].as_array().unwrap();
    assert!(ents
        .iter()
        .any(|e| e["text"] == "Jane Roe" && e["type"] == "PERSON" && e["key"] == "jane"));
    assert!(ents.iter().any(|e| e["text"] == "Acme Dynamics"
        && e["type"] == "ORGANIZATION"
        && e["country"] == "USA"));
}

/// `path` is still a symbolic link.
#[cfg(unix)]
fn assert_link(path: &std::path::Path) {
    let m = std::fs::symlink_metadata(path).unwrap();
    assert!(
        m.file_type().is_symlink(),
        "{} is no link any more",
        path.display()
    );
}

/// `--out` names a link or a named pipe (as `/dev/null` is a device): the output goes through it,
/// and the name stays what it was. A rename onto it would have replaced the link, the pipe or
/// the device with a plain file (`-o /dev/null` once left the machine without a /dev/null).
#[cfg(unix)]
#[test]
fn out_through_a_link_or_a_named_pipe_is_written_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("facts.jsonl");
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = run(&["extract", "-q", "samples/", "-o", link.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_link(&link);
    assert_eq!(std::fs::read_to_string(&target).unwrap().lines().count(), 2);
    // the report goes through a link too
    let report = dir.path().join("report-link.json");
    let report_target = dir.path().join("report.json");
    std::os::unix::fs::symlink(&report_target, &report).unwrap();
    let out = run(&[
        "extract",
        "-q",
        "samples/",
        "-o",
        link.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_link(&report);
    assert!(std::fs::read_to_string(&report_target)
        .unwrap()
        .contains("\"processed\""));

    let fifo = dir.path().join("pipe.jsonl");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo on this machine
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = run(&["extract", "-q", "samples/", "-o", fifo.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(reader.join().unwrap().lines().count(), 2);
    assert!(!std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_file());
}

#[test]
fn eval_events_scores_by_type_lists_errors_and_reads_user_gazetteers() {
    let line = r#"{"sentence_id": "VOA_EN_NW_2016.04.19.1_0", "sentence": "Police arrested two men in Cairo. Rebels attacked the town.", "words": ["Police", "arrested", "two", "men", "in", "Cairo", ".", "Rebels", "attacked", "the", "town", "."], "golden-event-mentions": [{"event_type": "Justice:Arrest-Jail", "trigger": {"start": 1, "end": 2}, "arguments": [{"role": "Person", "start": 2, "end": 4}]}]}"#;
    let (_data, p) = temp_file("dev.jsonl", format!("{line}\n"));
    let file = p.to_str().unwrap();
    let out = run(&["eval", "events", "--show-errors", "5", file]);
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("Justice:Arrest-Jail (ARREST)"), "{table}");
    assert!(table.contains("spurious triggers (1):"), "{table}");
    assert!(
        table.contains(r#"1 FIGHT "attacked"  e.g. VOA_EN_NW_2016.04.19.1: "#),
        "{table}"
    );
    let json = run_ok(&["eval", "events", "--json"], &[file]);
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["by_type"][0]["type"], "Contact:Meet");
    assert!(v.get("errors").is_none());
    // --gazetteers is read as for extract: a bad row stops the run, naming file and line
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.tsv"),
        "text\ttype\tcanonical\tkey\tcountry\tcase\tflags\tsource\nAcme\tCOMPANY\tAcme\t\t\ttitle\t\tme\n",
    )
    .unwrap();
    let out = run(&[
        "eval",
        "events",
        "--gazetteers",
        dir.path().to_str().unwrap(),
        file,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mine.tsv:2: unknown type `COMPANY`"), "{err}");
}
