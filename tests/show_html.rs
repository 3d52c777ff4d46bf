//! `newsfacts show` (an article in the terminal) and `--format html` (the report page) on the
//! real binary; `--help` of every subcommand has examples.

mod common;
use common::*;

const SAMPLE: &str = "samples/001_2e33281f82945b95.txt";

#[test]
fn show_is_plain_when_stdout_is_not_a_terminal() {
    let out = run(&["show", SAMPLE]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(!s.contains('\u{1b}'), "escape codes on a pipe");
    // the article, entities marked with their type, triggers marked
    assert!(s.contains("[Chinese]COUNTRY [Defense Minister]TITLE [Li Shangfu]PERSON is due to <<arrive>> in [Russia]COUNTRY on [April 16]DATE"), "{s}");
    // the events below it, with trigger, arguments, time and modality
    let visit = &s[s.find(" VISIT  planned").expect("no planned VISIT")..];
    let visit = &visit[..visit.find("\n\n").unwrap_or(visit.len())];
    for want in [
        "trigger     <<arrive>>",
        "actor       Li Shangfu PERSON CHN",
        "destination Russia COUNTRY RUS",
        "time        2023-04-16 to 2023-04-19",
        "modality    planned",
        "conflict    time.end: 2023-04-19 vs 2023-04-18",
        "evidence    “Chinese Defense Minister Li Shangfu is due to arrive in Russia",
    ] {
        assert!(visit.contains(want), "{want:?} not in\n{visit}");
    }
}

#[test]
fn show_colours_entities_by_type_when_asked() {
    let out = run(&["show", "--color", "always", SAMPLE]);
    let s = String::from_utf8(out.stdout).unwrap();
    // PERSON on displaCy's purple (256-colour 183), triggers bold underlined
    assert!(s.contains("\u{1b}[48;5;183m"), "{s:?}");
    assert!(s.contains("Li Shangfu"));
    assert!(!s.contains("[Li Shangfu]PERSON"));
    let out = run(&["show", "--color", "always", "--events-only", SAMPLE]);
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        !s.contains(" date 2023-04-14 https://"),
        "--events-only printed the text"
    );
    assert!(s.contains("VISIT"));
}

#[test]
fn show_picks_documents_by_id_and_says_what_to_do_when_none_match() {
    let (_dir, p) = temp_file(
        "d.jsonl",
        "{\"id\": \"a\", \"text\": \"Putin visited Beijing.\"}\n{\"id\": \"b\", \"text\": \"Xi Jinping met Putin.\"}\n",
    );
    let out = run(&["show", "--id", "b", p.to_str().unwrap()]);
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("MEET") && !s.contains("VISIT"), "{s}");
    let out = run(&["show", "--id", "zzz", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no document has the doc_id zzz"), "{err}");
    assert!(err.contains("jq -r .doc_id"), "{err}");
}

#[test]
fn html_report_of_the_samples() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let out = run(&[
        "extract",
        "-q",
        "--reference-date",
        "2023-04-14",
        "--format",
        "html",
        "--out",
        path.to_str().unwrap(),
        "samples/",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&path).unwrap();
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    assert!(html.starts_with("<!DOCTYPE html>"));
    // the title counts what extract finds
    let events: usize = extract(&["--reference-date", "2023-04-14", "samples/"])
        .iter()
        .map(|d| d["events"].as_array().unwrap().len())
        .sum();
    assert!(html.contains(&format!(
        "<title>newsfacts report: 2 documents, {events} events</title>"
    )));
    // the visit's row: type, dates, actor, destination, and a link to its article
    let row = html
        .lines()
        .find(|l| {
            l.starts_with("<tr ")
                && l.contains("data-type=\"VISIT\"")
                && l.contains("data-begin=\"2023-04-16\" data-end=\"2023-04-19\"")
                && l.contains("Li Shangfu")
        })
        .expect("no row for Li Shangfu's visit");
    assert!(row.contains("data-countries=\"CHN RUS\""), "{row}");
    assert!(
        row.contains("<span class=\"role\">destination</span> Moscow"),
        "{row}"
    );
    // filters offer the types and countries found
    assert!(html.contains("<option value=\"VISIT\">VISIT (4)</option>"));
    assert!(html.contains("<option value=\"RUS\">Russia (RUS) · "));
    // nothing from the network: inline style and script only
    for bad in ["<script src", "<link ", "@import", "url("] {
        assert!(!html.contains(bad), "{bad}");
    }
    // every article, highlighted
    assert_eq!(html.matches("<article id=\"doc-").count(), 2);
    assert!(html.contains(
        "<mark class=\"ent e-PERSON\" title=\"Li Shangfu · PERSON · CHN\">Li Shangfu</mark>"
    ));
}

#[test]
fn html_needs_a_file_name() {
    let out = run(&["extract", "--format", "html", "samples/"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--out FILE (for example --out report.html)")
    );
}

#[test]
fn every_subcommand_has_help_with_examples() {
    for cmd in [&["--help"][..], &["extract", "--help"], &["show", "--help"]] {
        let out = run(cmd);
        assert!(out.status.success());
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(
            s.contains("Examples:"),
            "{cmd:?} --help has no examples:\n{s}"
        );
        assert!(s.contains("newsfacts "), "{s}");
    }
}
