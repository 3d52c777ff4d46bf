//! Load: 200,000 generated JSON Lines documents streamed through the release binary's stdin to
//! stdout. Every id comes out exactly once, in order, and peak memory stays flat: the run over
//! 200,000 documents peaks no higher than a run over 20,000 (plus a small margin).

mod common;

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::process::Stdio;
use std::time::{Duration, Instant};

const PEOPLE: [&str; 6] = [
    "Li Shangfu",
    "Sergei Shoigu",
    "Xi Jinping",
    "Vladimir Putin",
    "Emmanuel Macron",
    "Olaf Scholz",
];
const PLACES: [&str; 6] = ["Moscow", "Beijing", "Paris", "Berlin", "Kyiv", "Washington"];
const DAYS: [&str; 4] = ["on Monday", "on April 16", "last week", "yesterday"];

/// One generated article: varied people, places and dates, a few sentences.
fn doc(i: usize) -> String {
    let (a, b) = (PEOPLE[i % 6], PEOPLE[(i / 6 + 1 + i % 6) % 6]);
    let place = PLACES[(i / 7) % 6];
    let day = DAYS[(i / 5) % 4];
    let text = format!(
        "{a} met {b} in {place} {day}, officials said. The two leaders held talks on trade \
         and security. Report number {i} adds that {a} will visit {place} again next month."
    );
    serde_json::json!({"id": format!("doc-{i}"), "text": text, "date": "2023-04-14"}).to_string()
}

/// Streams `n` documents through `newsfacts extract -` and returns (peak RSS in kB, seconds).
fn stream(n: usize) -> (u64, f64) {
    let start = Instant::now();
    let mut child = common::bin()
        .args(["extract", "--quiet", "--input", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsfacts");
    let pid = child.id();
    let stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let mut w = BufWriter::new(stdin);
        for i in 0..n {
            w.write_all(doc(i).as_bytes()).unwrap();
            w.write_all(b"\n").unwrap();
        }
    });
    // Peak memory: the kernel's high-water mark of the process, read until it exits.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut peak = 0u64;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                if let Ok(s) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
                    if let Some(kb) = s
                        .lines()
                        .find_map(|l| l.strip_prefix("VmHWM:"))
                        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
                    {
                        peak = peak.max(kb);
                    }
                }
                std::thread::sleep(Duration::from_millis(25));
            }
            peak
        })
    };
    let mut seen = vec![false; n];
    let mut next = 0;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        let id = v["doc_id"].as_str().unwrap();
        let i: usize = id.strip_prefix("doc-").unwrap().parse().unwrap();
        assert!(!seen[i], "{id} came out twice");
        assert_eq!(i, next, "output out of input order");
        seen[i] = true;
        next += 1;
        if i == 0 {
            assert!(
                v["entities"].as_array().unwrap().len() >= 3,
                "no entities: {line}"
            );
        }
    }
    writer.join().unwrap();
    let status = child.wait().unwrap();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let peak = watcher.join().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(status.success(), "{err}");
    assert_eq!(next, n, "{} of {n} ids came out", next);
    (peak, start.elapsed().as_secs_f64())
}

#[test]
#[ignore = "streams 200,000 documents through the release binary (about a minute); run by .ci/run"]
fn two_hundred_thousand_documents_through_stdin_with_flat_memory() {
    let (small, t_small) = stream(20_000);
    let (large, t_large) = stream(200_000);
    eprintln!(
        "load: 20,000 docs peak {small} kB in {t_small:.1} s; 200,000 docs peak {large} kB in \
         {t_large:.1} s"
    );
    assert!(small > 0 && large > 0, "no memory reading");
    assert!(
        large <= small + small / 2 + 16 * 1024,
        "memory grows with the corpus: {small} kB for 20,000 documents, {large} kB for 200,000"
    );
}
