//! What a person sees on stderr: a progress bar only when stderr is a terminal (a pseudo-terminal
//! from `script`), and the one-paragraph summary at the end unless `--quiet`.

mod common;
use common::*;
use std::process::{Command, Stdio};

/// Runs `newsfacts ARGS > /dev/null` under a pseudo-terminal (util-linux `script`) and returns
/// what the terminal showed.
fn on_a_terminal(args: &[&str]) -> String {
    let mut cmd = shell_quote(env!("CARGO_BIN_EXE_newsfacts"));
    for a in args {
        cmd.push(' ');
        cmd.push_str(&shell_quote(a));
    }
    cmd.push_str(" > /dev/null");
    let out = Command::new("script")
        .args(["-q", "-f", "-e", "-c", &cmd, "/dev/null"])
        .current_dir(root())
        .env("COLUMNS", "100")
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null())
        .output()
        .expect("`script` (util-linux) runs a command under a pseudo-terminal; install util-linux");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The progress states drawn: the `done/total` of each frame.
fn frames(screen: &str) -> Vec<(u64, u64)> {
    let re = regex::Regex::new(r"([\d,]+)/([\d,]+) docs").unwrap();
    re.captures_iter(screen)
        .map(|c| {
            let n = |i: usize| c[i].replace(',', "").parse::<u64>().unwrap();
            (n(1), n(2))
        })
        .collect()
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let out = run(&["extract", "samples/"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
    assert!(!err.contains(" docs "), "a progress bar on a pipe: {err:?}");
    // the summary: one paragraph, one line in a log
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("newsfacts: 2 documents (4.0 kB) in "),
        "{err}"
    );
    assert!(err.contains(" entities: COUNTRY "), "{err}");
    assert!(err.contains(" events: "), "{err}");
    assert!(err.trim_end().ends_with("No problems."), "{err}");

    let out = run(&["extract", "--quiet", "samples/"]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_summary_names_the_problems() {
    let (dir, _) = temp_file(
        "in.jsonl",
        "{\"id\": \"a\", \"text\": \"Putin visited Beijing.\"}\nnot json\n",
    );
    std::fs::write(dir.path().join("notes.csv"), "x").unwrap();
    let out = run(&["extract", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("in.jsonl#2: malformed JSON"), "{err}");
    assert!(err.contains("Problems: 1 failed ("), "{err}");
    assert!(err.contains("1 skipped as not articles ("), "{err}");
    assert!(err.contains("--report FILE lists every one."), "{err}");
}

#[test]
fn on_a_terminal_the_summary_is_wrapped_and_quiet_is_silent() {
    let screen = on_a_terminal(&["extract", "samples/"]);
    assert!(screen.contains("newsfacts: 2 documents"), "{screen:?}");
    assert!(screen.contains("No problems."), "{screen:?}");
    let screen = on_a_terminal(&["extract", "--quiet", "samples/"]);
    assert!(screen.trim().is_empty(), "{screen:?}");
}

#[test]
#[ignore = "needs ../shared/data"]
fn on_a_terminal_a_bbc_run_shows_a_progress_bar_that_updates() {
    // The corpus eight times over, so that a run on a quiet machine lasts long enough (about
    // a second and a half at 28 MB/s; three times over gave only two redraws) for several.
    let bbc = data_dir().join("bbc-news");
    let bbc = bbc.to_str().unwrap();
    let mut args = vec!["extract", "--threads", "2"];
    args.extend([bbc; 8]);
    let screen = on_a_terminal(&args);
    let seen = frames(&screen);
    let total = seen.last().map(|f| f.1).unwrap_or(0);
    assert!(total >= 2225, "no total in the bar: {seen:?}");
    let done: Vec<u64> = seen.iter().filter(|f| f.1 == total).map(|f| f.0).collect();
    let mut distinct = done.clone();
    distinct.dedup();
    assert!(
        distinct.len() >= 3,
        "the bar did not update: {seen:?}\n{screen:?}"
    );
    assert!(
        done.windows(2).all(|w| w[0] <= w[1]),
        "progress went backwards: {done:?}"
    );
    assert!(
        screen.contains("MB/s") && screen.contains("ETA"),
        "{screen:?}"
    );
    // The bar is cleared, then the summary.
    let summary = &screen[screen.rfind("newsfacts: ").expect("no summary")..];
    let n: u64 = regex::Regex::new(r"^newsfacts: ([\d,]+) documents")
        .unwrap()
        .captures(summary)
        .map(|c| c[1].replace(',', "").parse().unwrap())
        .expect("no document count in the summary");
    assert_eq!(n, total, "{summary:?}");
    // (wrapped to the terminal's width: a line break may stand for a space)
    let flat = summary.replace("\r\n", " ");
    assert!(
        flat.contains("entities: ") && flat.contains("events: "),
        "{summary:?}"
    );
    // and without a terminal, no bar
    let out = bin()
        .args(["extract", "--threads", "2"])
        .arg(bbc)
        .stdout(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(frames(&err).is_empty() && !err.contains('\r'), "{err:?}");
    assert!(err.starts_with("newsfacts: "), "{err:?}");
}
