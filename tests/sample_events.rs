//! The events issue's sample facts: events named only through "His", "he", "The Chinese defense
//! minister" and "the two leaders", modality, reported speech, quotations, and merging across the
//! two articles (`--merge`, JSON Lines and CSV).

mod common;
use common::*;
use serde_json::Value;

fn docs() -> Vec<Value> {
    extract(&["--reference-date", "2023-04-14", "samples/"])
}

#[test]
fn meetings_named_through_pronouns_and_descriptions() {
    let docs = docs();
    let b = doc(&docs, B);
    // "His forthcoming talks with Shoigu"
    let li = events(b, "MEET")
        .into_iter()
        .find(|e| arg(e, "actor") == ["Li Shangfu"] && arg(e, "target") == ["Sergey Shoigu"])
        .expect("MEET Li Shangfu with Sergey Shoigu in 001");
    assert_eq!(field(li, "actor", "text"), ["His"]);
    assert_eq!(li["modality"], "planned");
    // "when he sat down with Russian counterpart Vladimir Putin"
    let xi = events(b, "MEET")
        .into_iter()
        .find(|e| arg(e, "actor") == ["Xi Jinping"] && arg(e, "target") == ["Vladimir Putin"])
        .expect("MEET Xi Jinping with Vladimir Putin in 001");
    assert_eq!(field(xi, "actor", "text"), ["he"]);
    // 000: "Li is expected to hold talks with Russian military officials"
    let a = doc(&docs, A);
    let officials = events(a, "MEET")
        .into_iter()
        .find(|e| {
            arg(e, "actor") == ["Li Shangfu"]
                && field(e, "target", "text") == ["Russian military officials"]
        })
        .expect("MEET Li Shangfu with Russian military officials in 000");
    assert_eq!(arg_country(officials, "target"), ["RUS"]);
    assert_eq!(officials["modality"], "planned");
}

#[test]
fn start_position_in_both_articles() {
    let docs = docs();
    let b = doc(&docs, B);
    let appointed = events(b, "START_POSITION")
        .into_iter()
        .find(|e| arg(e, "person") == ["Li Shangfu"])
        .expect("START_POSITION Li Shangfu in 001");
    assert_eq!(
        field(appointed, "person", "text"),
        ["The Chinese defense minister"]
    );
    assert_eq!(appointed["time"]["value"], "2023-03");
    assert_eq!(appointed["time"]["source"], "expression");
    // 000: "since becoming Defense Minister last month, Li …"
    let a = doc(&docs, A);
    let became = events(a, "START_POSITION")
        .into_iter()
        .find(|e| arg(e, "person") == ["Li Shangfu"])
        .expect("START_POSITION Li Shangfu in 000");
    assert_eq!(arg(became, "position"), ["Defense Minister"]);
    assert_eq!(became["time"]["value"], "2023-03");
}

#[test]
fn sanction_on_the_chinese_defense_minister() {
    let docs = docs();
    let b = doc(&docs, B);
    let s = events(b, "SANCTION")
        .into_iter()
        .find(|e| arg(e, "target") == ["Li Shangfu"])
        .expect("SANCTION → Li Shangfu in 001");
    assert_eq!(arg_country(s, "actor"), ["USA"]);
    assert_eq!(field(s, "target", "text"), ["The Chinese defense minister"]);
    assert_eq!(s["modality"], "asserted");
    // "The US and its allies slapped … sanctions": both are the actor
    let allies = events(b, "SANCTION")
        .into_iter()
        .find(|e| arg_country(e, "target") == ["RUS"] && arg(e, "actor").len() == 2)
        .expect("SANCTION by the US and its allies");
    let texts = field(allies, "actor", "text");
    assert!(
        texts.contains(&"US") && texts.contains(&"its allies"),
        "{texts:?}"
    );
}

#[test]
fn the_two_leaders_vow_and_sign() {
    let docs = docs();
    let a = doc(&docs, A);
    for kind in ["SIGN_AGREEMENT", "EXPRESS_INTENT"] {
        let e = events(a, kind)
            .into_iter()
            .find(|e| arg(e, "actor") == ["Xi Jinping", "Vladimir Putin"])
            .unwrap_or_else(|| panic!("{kind} by Xi and Putin in 000"));
        assert!(field(e, "actor", "text")
            .iter()
            .all(|t| *t == "The two leaders"));
    }
    let meets = events(a, "MEET");
    assert!(meets
        .iter()
        .any(|e| arg(e, "actor") == ["Xi Jinping"] && arg(e, "target") == ["Vladimir Putin"]));
}

#[test]
fn military_cooperation_between_china_and_russia() {
    let docs = docs();
    for (name, triggers) in [
        (A, &["joint exercises"][..]),
        (B, &["military collaboration", "joint exercises"][..]),
    ] {
        let d = doc(&docs, name);
        for trigger in triggers {
            let found: Vec<&Value> = events(d, "MILITARY_COOPERATION")
                .into_iter()
                .filter(|e| e["trigger"]["text"] == *trigger)
                .collect();
            assert!(!found.is_empty(), "{name}: no {trigger}");
            for e in found {
                let mut sides: Vec<&str> = arg_country(e, "actor");
                sides.extend(arg_country(e, "target"));
                sides.sort_unstable();
                assert_eq!(sides, ["CHN", "RUS"], "{name} {trigger}: {e}");
            }
        }
    }
}

#[test]
fn quotations_keep_the_speaker_out() {
    let docs = docs();
    let a = doc(&docs, A);
    // “… joint exercises and training …” the spokesperson noted: the spokesperson is the
    // speaker, not a party to the exercises
    for e in events(a, "MILITARY_COOPERATION") {
        for role in ["actor", "target"] {
            assert!(!arg(e, role).contains(&"spokesperson"), "{e}");
        }
    }
    // the two leaders "vowed to “further deepen mutual military trust” and signed": the quote
    // is not the signer
    for e in events(a, "SIGN_AGREEMENT") {
        assert!(!field(e, "actor", "text")
            .iter()
            .any(|t| t.contains("trust") || t.contains("military")));
    }
}

#[test]
fn western_officials_threaten_china_and_nothing_hypothetical_is_asserted() {
    let docs = docs();
    let a = doc(&docs, A);
    let t = events(a, "THREATEN")
        .into_iter()
        .find(|e| arg(e, "target") == ["China"])
        .expect("THREATEN → China");
    assert_eq!(arg(t, "actor"), ["Western officials"]);
    // the warned-against military aid, the refused sanctions and weapons
    let aid = events(a, "PROVIDE_AID");
    assert!(aid.len() >= 2);
    for e in aid {
        assert_ne!(e["modality"], "asserted", "{e}");
    }
    let refused = events(a, "SANCTION")
        .into_iter()
        .find(|e| arg(e, "actor") == ["China"])
        .unwrap();
    assert_eq!(refused["modality"], "negated");
}

#[test]
fn statements_link_what_they_report() {
    let docs = docs();
    let a = doc(&docs, A);
    let evs = a["events"].as_array().unwrap();
    // "…, a spokesperson for the Chinese military announced on Friday."
    let announced = events(a, "STATEMENT")
        .into_iter()
        .find(|e| e["trigger"]["text"] == "announced")
        .unwrap();
    assert_eq!(field(announced, "actor", "text"), ["a spokesperson"]);
    let reported: Vec<&str> = announced["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|id| {
            let e = evs.iter().find(|e| e["id"] == *id).expect("reported id");
            e["type"].as_str().unwrap()
        })
        .collect();
    assert!(
        reported.contains(&"VISIT") && reported.contains(&"MEET"),
        "{reported:?}"
    );
}

#[test]
fn every_event_has_a_rule_and_a_confidence() {
    for d in &docs() {
        for e in d["events"].as_array().unwrap() {
            assert!(e["rule"]
                .as_str()
                .is_some_and(|r| r.starts_with("triggers.tsv:")));
            let c = e["confidence"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&c), "{e}");
            if let Some(t) = e["time"].as_object() {
                let src = t["source"].as_str().unwrap();
                assert!(["expression", "duration", "published"].contains(&src));
            }
        }
    }
}

#[test]
fn merged_visit_across_the_two_articles() {
    let lines = extract(&["--merge", "--reference-date", "2023-04-14", "samples/"]);
    assert_eq!(lines[0]["doc_id"], format!("samples/{A}"));
    assert_eq!(lines[1]["doc_id"], format!("samples/{B}"));
    let merged: Vec<&Value> = lines[2..].iter().collect();
    assert!(merged.iter().all(|m| m["kind"] == "merged_event"));
    let visits: Vec<&&Value> = merged
        .iter()
        .filter(|m| m["type"] == "VISIT" && arg(m, "actor") == ["Li Shangfu"])
        .collect();
    assert_eq!(
        visits.len(),
        1,
        "one merged visit of Li Shangfu: {visits:#?}"
    );
    let v = visits[0];
    assert_eq!(v["schema"], "newsfacts/1");
    assert!(arg_country(v, "destination").iter().all(|c| *c == "RUS"));
    assert_eq!(v["time"]["begin"], "2023-04-16");
    assert_eq!(v["time"]["end"], "2023-04-19");
    let conflict = v["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "time.end")
        .expect("end-date conflict");
    assert_eq!(
        conflict["values"],
        serde_json::json!(["2023-04-19", "2023-04-18"])
    );
    let docs: Vec<&str> = v["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["doc_id"].as_str().unwrap())
        .collect();
    assert!(docs.contains(&format!("samples/{A}").as_str()));
    assert!(docs.contains(&format!("samples/{B}").as_str()));
    // every mention names an event of its document
    for m in v["mentions"].as_array().unwrap() {
        let d = lines.iter().find(|d| d["doc_id"] == m["doc_id"]).unwrap();
        let e = d["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == m["event_id"])
            .expect("mentioned event");
        assert_eq!(e["type"], "VISIT");
    }
    // speech acts are never merged
    assert!(merged.iter().all(|m| m["type"] != "STATEMENT"));
    // without --merge there are no merged lines
    assert_eq!(extract(&["samples/"]).len(), 2);
}

#[test]
fn merged_events_export_to_csv_and_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    extract_csv(dir.path(), &["--merge", "samples/"]);
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch(&std::fs::read_to_string(dir.path().join("schema.sql")).unwrap())
        .unwrap();
    for table in ["documents", "events"] {
        load_csv(&conn, dir.path(), table);
    }
    let n = load_csv(&conn, dir.path(), "merged_events");
    assert!(n >= 2);
    let (docs, end): (i64, String) = conn
        .query_row(
            "SELECT COUNT(DISTINCT doc_id), MAX(time_end) FROM merged_events \
             WHERE type = 'VISIT' AND arguments LIKE '%Li Shangfu%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((docs, end.as_str()), (2, "2023-04-19"));
}
