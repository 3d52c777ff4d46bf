//! Streaming `extract`: byte-identical output for any thread count, one output line per input
//! line in order, and output that flows before the input ends.

mod common;

use common::{bin, data_dir, parse_lines, run_ok, run_stdin};
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::time::Duration;

/// `extract -q --threads N ARGS` on stdout; must succeed.
fn extract_with_threads(threads: &str, args: &[&str]) -> Vec<u8> {
    run_ok(&["extract", "-q", "--threads", threads], args)
}

fn assert_same_for_one_two_and_three_threads(args: &[&str], min_docs: usize) {
    let one = extract_with_threads("1", args);
    let docs = parse_lines(&one);
    assert!(docs.len() >= min_docs, "{} documents", docs.len());
    for threads in ["2", "3"] {
        let other = extract_with_threads(threads, args);
        if one != other {
            let a = String::from_utf8_lossy(&one);
            let b = String::from_utf8_lossy(&other);
            let first = a
                .lines()
                .zip(b.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(a.lines().count().min(b.lines().count()));
            panic!(
                "output differs between 1 and {threads} threads, first at line {}",
                first + 1
            );
        }
    }
}

#[test]
fn samples_give_the_same_bytes_on_one_two_and_three_threads() {
    assert_same_for_one_two_and_three_threads(&["samples/"], 2);
    // Many small documents, so that results arrive out of order on several threads.
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for i in 0..400 {
        let text = match i % 4 {
            0 => "Russian President Vladimir Putin met Xi Jinping in Moscow on Tuesday.",
            1 => "Chinese Defense Minister Li Shangfu will visit Russia on April 16-18.",
            2 => "The U.S. imposed sanctions on Iran last month, officials said.",
            _ => "Protesters marched in Paris on Friday against the pension reform.",
        };
        lines.push_str(&format!(
            "{{\"id\": \"d{i}\", \"date\": \"2023-04-{:02}\", \"text\": \"{text}\"}}\n",
            1 + i % 28
        ));
    }
    let p = dir.path().join("docs.jsonl");
    std::fs::write(&p, lines).unwrap();
    assert_same_for_one_two_and_three_threads(&[p.to_str().unwrap()], 400);
}

#[test]
fn a_filter_on_two_threads_keeps_one_line_per_input_line_in_order() {
    let mut input = String::new();
    for i in 0..300 {
        match i % 50 {
            7 => input.push_str("not json\n"),
            8 => input.push('\n'),
            _ => input.push_str(&format!(
                "{{\"id\": \"{i}\", \"text\": \"Xi Jinping visited Moscow on day {i}.\"}}\n"
            )),
        }
    }
    let out = run_stdin(
        &[
            "extract",
            "-q",
            "--threads",
            "2",
            "--on-error",
            "record",
            "-",
        ],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    let lines = parse_lines(&out.stdout);
    assert_eq!(lines.len(), 300);
    for (i, l) in lines.iter().enumerate() {
        match i % 50 {
            7 | 8 => {
                assert_eq!(l["kind"], "error", "line {i}: {l}");
                assert_eq!(l["source"], format!("-#{}", i + 1));
            }
            _ => assert_eq!(l["doc_id"], i.to_string(), "line {i}"),
        }
    }
}

/// The output of the first document arrives while stdin is still open (no waiting for a batch).
#[test]
fn a_filter_answers_each_line_before_the_input_ends() {
    for threads in ["1", "2"] {
        let mut child = bin()
            .args([
                "extract",
                "-q",
                "--threads",
                threads,
                "--input",
                "jsonl",
                "-",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            while let Some(Ok(l)) = lines.next() {
                if tx.send(l).is_err() {
                    break;
                }
            }
        });
        for id in ["a", "b"] {
            stdin
                .write_all(
                    format!("{{\"id\": \"{id}\", \"text\": \"Xi Jinping visited Moscow.\"}}\n")
                        .as_bytes(),
                )
                .unwrap();
            stdin.flush().unwrap();
            let line = rx.recv_timeout(Duration::from_secs(60));
            let Ok(line) = line else {
                let _ = child.kill();
                panic!("no output for document {id} while stdin is open ({threads} threads)");
            };
            let v: serde_json::Value = serde_json::from_str(&line).unwrap();
            assert_eq!(v["doc_id"], id);
        }
        drop(stdin);
        assert!(child.wait().unwrap().success());
        reader.join().unwrap();
    }
}

#[test]
#[ignore = "needs ../shared/data"]
fn a_bbc_slice_gives_the_same_bytes_on_one_two_and_three_threads() {
    let dir = data_dir().join("bbc-news/politics");
    assert_same_for_one_two_and_three_threads(&[dir.to_str().unwrap()], 400);
}

#[test]
#[ignore = "needs ../shared/data"]
fn a_reuters_slice_gives_the_same_bytes_on_one_two_and_three_threads() {
    let all = std::fs::read_to_string(data_dir().join("reuters21578/reuters21578.jsonl")).unwrap();
    let slice: String = all.lines().take(3000).map(|l| format!("{l}\n")).collect();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("reuters-slice.jsonl");
    std::fs::write(&p, slice).unwrap();
    assert_same_for_one_two_and_three_threads(&[p.to_str().unwrap()], 2900);
}
