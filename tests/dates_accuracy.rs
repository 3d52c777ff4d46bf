//! Accuracy guard for the date stage: TempEval-3 TimeBank + AQUAINT, all TIMEX3 types, measured
//! by `newsfacts eval timeml` and by the referee `../shared/tools/score_timeml.py`. Thresholds are
//! just under the numbers committed in the dates section of `docs/accuracy.md`. Needs
//! `../shared/data` (NEWSFACTS_DATA).

mod common;

use common::{bin, data_dir, tools_dir};
use serde_json::Value;
use std::process::Command;

/// (metric, minimum): one point under docs/accuracy.md, or the acceptance floor where that is
/// higher.
const MIN: &[(&str, f64)] = &[
    ("strict_p", 0.870),
    ("strict_r", 0.871),
    ("strict_f1", 0.870),
    ("relaxed_p", 0.930),
    ("relaxed_r", 0.931),
    ("relaxed_f1", 0.930),
    ("type_accuracy", 0.955),
    ("value_accuracy", 0.862),
    ("value_f1", 0.810),
];

fn corpora() -> [String; 2] {
    ["TimeBank", "AQUAINT"].map(|d| {
        data_dir()
            .join("tempeval3")
            .join(d)
            .to_string_lossy()
            .into_owned()
    })
}

fn prf(v: &Value) -> (f64, f64, f64) {
    let n = |k: &str| v[k].as_f64().expect("count");
    let p = n("tp") / n("pred").max(1.0);
    let r = n("tp") / n("gold").max(1.0);
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

fn check(who: &str, got: &[(&str, f64)]) {
    for &(name, min) in MIN {
        let g = got.iter().find(|(n, _)| *n == name).expect("metric").1;
        assert!(
            g >= min,
            "{who}: {name} fell to {g:.4} (threshold {min}, see docs/accuracy.md)"
        );
    }
}

#[test]
#[ignore = "needs ../shared/data"]
fn tempeval3_own_scorer() {
    let [tb, aq] = corpora();
    let out = bin()
        .args(["eval", "timeml", "--json", &tb, &aq])
        .output()
        .expect("run newsfacts eval timeml");
    assert!(
        out.status.success(),
        "eval timeml failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let all = &v["all"];
    assert_eq!(all["relaxed"]["gold"], 1822, "gold TIMEX3 count");
    let (sp, sr, sf) = prf(&all["strict"]);
    let (rp, rr, rf) = prf(&all["relaxed"]);
    let f = |k: &str| all[k].as_f64().expect(k);
    check(
        "newsfacts eval timeml",
        &[
            ("strict_p", sp),
            ("strict_r", sr),
            ("strict_f1", sf),
            ("relaxed_p", rp),
            ("relaxed_r", rr),
            ("relaxed_f1", rf),
            ("type_accuracy", f("type_accuracy")),
            ("value_accuracy", f("value_accuracy")),
            ("value_f1", f("value_f1")),
        ],
    );
}

#[test]
#[ignore = "needs ../shared/data"]
fn tempeval3_referee() {
    let [tb, aq] = corpora();
    let cmd = format!("{} extract --format jsonl", env!("CARGO_BIN_EXE_newsfacts"));
    let out = Command::new("python3")
        .arg(tools_dir().join("score_timeml.py"))
        .args(["--data", &tb, "--data", &aq, "--cmd", &cmd, "--json"])
        .output()
        .expect("run python3 (the referee scorer needs it)");
    assert!(
        out.status.success(),
        "score_timeml.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let v: Value = serde_json::from_str(text.lines().last().expect("output")).expect("JSON");
    let o = &v["overall"];
    let g = |a: &str, b: &str| o[a][b].as_f64().expect("metric");
    let f = |k: &str| o[k].as_f64().expect(k);
    check(
        "score_timeml.py",
        &[
            ("strict_p", g("strict", "p")),
            ("strict_r", g("strict", "r")),
            ("strict_f1", g("strict", "f1")),
            ("relaxed_p", g("relaxed", "p")),
            ("relaxed_r", g("relaxed", "r")),
            ("relaxed_f1", g("relaxed", "f1")),
            ("type_accuracy", f("type_accuracy")),
            ("value_accuracy", f("value_accuracy")),
            ("value_f1", f("value_f1")),
        ],
    );
}
