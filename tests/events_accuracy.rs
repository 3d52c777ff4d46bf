//! Guards the event accuracy reported in docs/accuracy.md (needs ../shared/data): the project's
//! own `newsfacts eval events` on M2E2 dev and WikiEvents dev, and the referee scorer on M2E2.

mod common;
use common::*;
use serde_json::Value;

fn eval(file: &str) -> Value {
    let path = data_dir().join(file);
    let out = run(&["eval", "events", "--json", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn f1(v: &Value) -> f64 {
    let (tp, pred, gold) = (
        v["tp"].as_f64().unwrap(),
        v["pred"].as_f64().unwrap(),
        v["gold"].as_f64().unwrap(),
    );
    if pred + gold == 0.0 {
        0.0
    } else {
        2.0 * tp / (pred + gold)
    }
}

#[test]
#[ignore = "needs ../shared/data"]
fn m2e2_dev_events() {
    let s = eval("m2e2/dev.jsonl");
    assert_eq!(s["documents"], 105);
    assert!(f1(&s["trigger_classification"]) >= 0.551, "{s}");
    assert!(f1(&s["argument_classification"]) >= 0.302, "{s}");
}

#[test]
#[ignore = "needs ../shared/data"]
fn wikievents_dev_events() {
    let s = eval("wikievents/dev.jsonl");
    assert_eq!(s["documents"], 20);
    assert!(f1(&s["trigger_classification"]) >= 0.410, "{s}");
    assert!(f1(&s["argument_classification"]) >= 0.229, "{s}");
}

#[test]
#[ignore = "needs ../shared/data"]
fn m2e2_dev_events_referee() {
    let bin = env!("CARGO_BIN_EXE_newsfacts");
    let out = std::process::Command::new("python3")
        .arg(tools_dir().join("score_m2e2_events.py"))
        .arg("--data")
        .arg(data_dir().join("m2e2/dev.jsonl"))
        .arg("--cmd")
        .arg(format!("{bin} extract --quiet --format jsonl"))
        .arg("--json")
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let last: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    let m = &last["metrics"];
    assert!(
        m["trigger_classification"]["f1"].as_f64().unwrap() >= 0.551,
        "{m}"
    );
    assert!(
        m["argument_classification"]["f1"].as_f64().unwrap() >= 0.302,
        "{m}"
    );
}
