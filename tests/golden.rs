//! Golden files: the samples' full output, compared line by line with a readable diff.
//! After an intended change, regenerate with `UPDATE_GOLDEN=1 cargo test --test golden` and
//! review the diff in git.

mod common;
use common::*;

fn pretty(bytes: &[u8]) -> String {
    parse_lines(bytes)
        .iter()
        .map(|v| serde_json::to_string_pretty(v).unwrap() + "\n")
        .collect()
}

fn check(name: &str, args: &[&str]) {
    let out = run(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &out.stdout).unwrap();
        return;
    }
    let want = std::fs::read(&path).unwrap_or_default();
    if want != out.stdout {
        let (w, g) = (pretty(&want), pretty(&out.stdout));
        let diff = similar::TextDiff::from_lines(&w, &g);
        let report: String = diff
            .unified_diff()
            .context_radius(4)
            .header("golden", "now")
            .to_string();
        panic!("{name} differs from tests/golden/{name} (UPDATE_GOLDEN=1 to accept):\n{report}");
    }
}

#[test]
fn samples_without_reference_date() {
    check("samples.jsonl", &["extract", "-q", "samples/"]);
}

#[test]
fn samples_with_reference_date() {
    check(
        "samples_reference.jsonl",
        &[
            "extract",
            "-q",
            "--reference-date",
            "2023-04-14",
            "samples/",
        ],
    );
}
