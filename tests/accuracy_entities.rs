//! Accuracy guards for entity tagging: the scores committed in the entities section of
//! `docs/accuracy.md` may not drop by more than one point (F1, precision and recall of the
//! acceptance metrics), measured both by `newsfacts eval` and by the referee scorers in
//! `../shared/tools`. Needs `../shared/data`.

mod common;

use common::{bin, data_dir, tools_dir};
use serde_json::Value;
use std::process::Command;

/// (metric, F1, precision, recall) as committed in docs/accuracy.md.
const CONLL_TESTA: &[(&str, f64, f64, f64)] = &[
    ("PER", 0.9027, 0.9278, 0.8789),
    ("country-mention", 0.9735, 0.9597, 0.9876),
];
const CONLL_TESTA_REFEREE: &[(&str, f64, f64, f64)] = &[
    ("PER", 0.9027, 0.9278, 0.8789),
    ("country-mention", 0.9742, 0.9606, 0.9882),
];
const M2E2_DEV: &[(&str, f64, f64, f64)] = &[
    ("PER named", 0.8267, 0.8332, 0.8202),
    ("GPE named", 0.9129, 0.8949, 0.9317),
];

fn own(kind: &str, file: &str) -> Value {
    let path = data_dir().join(file);
    let out = bin()
        .args(["eval", kind, "--json", path.to_str().unwrap()])
        .output()
        .expect("run newsfacts eval");
    assert!(
        out.status.success(),
        "newsfacts eval {kind} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("eval --json prints JSON")
}

fn referee(script: &str, file: &str) -> Value {
    let cmd = format!("{} extract --format jsonl", env!("CARGO_BIN_EXE_newsfacts"));
    let out = Command::new("python3")
        .arg(tools_dir().join(script))
        .args([
            "--data",
            data_dir().join(file).to_str().unwrap(),
            "--cmd",
            &cmd,
            "--json",
        ])
        .output()
        .expect("run python3 (the referee scorers need it)");
    assert!(
        out.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().expect("referee output");
    serde_json::from_str(last).expect("the referee's last line is JSON")
}

fn check(what: &str, got: impl Fn(&str) -> (f64, f64, f64), want: &[(&str, f64, f64, f64)]) {
    for &(name, f1, p, r) in want {
        let (gf, gp, gr) = got(name);
        for (label, g, w) in [("F1", gf, f1), ("P", gp, p), ("R", gr, r)] {
            assert!(
                g >= w - 0.01,
                "{what} {name} {label} fell to {g:.4} (committed {w:.4}, docs/accuracy.md)"
            );
        }
    }
}

fn own_metric(v: &Value, name: &str) -> (f64, f64, f64) {
    let m = v["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .unwrap_or_else(|| panic!("no metric {name}"));
    let f = |k: &str| m[k].as_f64().unwrap();
    (f("f1"), f("precision"), f("recall"))
}

#[test]
#[ignore = "needs ../shared/data"]
fn conll_testa_people_and_countries() {
    let v = own("conll", "conll2003/eng.testa");
    check(
        "newsfacts eval conll eng.testa",
        |n| own_metric(&v, n),
        CONLL_TESTA,
    );
    let r = referee("score_conll.py", "conll2003/eng.testa");
    check(
        "score_conll.py eng.testa",
        |n| {
            let m = &r["metrics"][n];
            (
                m["f1"].as_f64().unwrap(),
                m["p"].as_f64().unwrap(),
                m["r"].as_f64().unwrap(),
            )
        },
        CONLL_TESTA_REFEREE,
    );
}

#[test]
#[ignore = "needs ../shared/data"]
fn m2e2_dev_people_and_places() {
    let v = own("m2e2-entities", "m2e2/dev.jsonl");
    check(
        "newsfacts eval m2e2-entities dev",
        |n| own_metric(&v, n),
        M2E2_DEV,
    );
    let r = referee("score_m2e2_entities.py", "m2e2/dev.jsonl");
    check(
        "score_m2e2_entities.py dev",
        |n| {
            let key = n.replace("named", "named~");
            let m = &r["metrics"][key.as_str()]["strict"];
            (
                m["f1"].as_f64().unwrap(),
                m["p"].as_f64().unwrap(),
                m["r"].as_f64().unwrap(),
            )
        },
        M2E2_DEV,
    );
}
