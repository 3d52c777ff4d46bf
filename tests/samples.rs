//! The mission's own examples: every fact of the two sample articles named in the pipeline
//! issue, checked on the real binary.

mod common;
use common::*;
use serde_json::Value;

fn entities<'v>(d: &'v Value, text: &str) -> Vec<&'v Value> {
    d["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["text"] == text)
        .collect()
}

fn time(e: &Value) -> (Option<&str>, Option<&str>) {
    (e["time"]["begin"].as_str(), e["time"]["end"].as_str())
}

#[test]
fn one_contract_line_per_article_with_valid_offsets() {
    let docs = extract(&["samples/"]);
    assert_eq!(docs.len(), 2);
    for (d, name) in docs.iter().zip([A, B]) {
        assert_eq!(d["schema"], "newsfacts/1");
        assert_eq!(d["doc_id"], format!("samples/{name}"));
        assert_offsets(d, &read(format!("samples/{name}")));
        // entities are flat and ordered
        let ents = d["entities"].as_array().unwrap();
        for w in ents.windows(2) {
            assert!(
                w[0]["end"].as_u64() <= w[1]["start"].as_u64(),
                "overlapping entities {} {}",
                w[0],
                w[1]
            );
        }
    }
}

#[test]
fn people_are_found_with_canonical_names_including_short_names() {
    let docs = extract(&["samples/"]);
    let people = [
        ("Li Shangfu", "Li Shangfu"),
        ("Sergey Shoigu", "Sergey Shoigu"),
        ("Xi Jinping", "Xi Jinping"),
        ("Vladimir Putin", "Vladimir Putin"),
        ("William Burns", "William Burns"),
        ("Tan Kefei", "Tan Kefei"),
        ("Li", "Li Shangfu"),
        ("Tan", "Tan Kefei"),
        ("Shoigu", "Sergey Shoigu"),
        ("Putin", "Vladimir Putin"),
    ];
    for d in &docs {
        let text = read(d["source"].as_str().unwrap());
        let ents = d["entities"].as_array().unwrap();
        for (mention, canonical) in people {
            // every occurrence at word boundaries lies inside a PERSON with that canonical name
            for (i, _) in text.match_indices(mention) {
                let after = text[i + mention.len()..].chars().next().unwrap_or(' ');
                let before = text[..i].chars().last().unwrap_or(' ');
                if after.is_alphanumeric() || before.is_alphanumeric() {
                    continue;
                }
                let (s, e) = (i as u64, (i + mention.len()) as u64);
                let cover = ents
                    .iter()
                    .find(|x| x["start"].as_u64().unwrap() <= s && e <= x["end"].as_u64().unwrap());
                let ok =
                    cover.is_some_and(|x| x["type"] == "PERSON" && x["canonical"] == canonical);
                assert!(
                    ok,
                    "{}: `{mention}` at {i} is not PERSON {canonical}: {cover:?}",
                    d["doc_id"]
                );
            }
        }
    }
    let a = doc(&docs, A);
    assert_eq!(entities(a, "Li").len(), 2);
    let b = doc(&docs, B);
    assert_eq!(entities(b, "Tan").len(), 1);
}

#[test]
fn countries_cities_and_demonyms_carry_their_country() {
    let docs = extract(&["samples/"]);
    for d in &docs {
        for (name, key) in [
            ("China", "CHN"),
            ("Russia", "RUS"),
            ("Ukraine", "UKR"),
            ("US", "USA"),
        ] {
            for e in entities(d, name) {
                assert_eq!(
                    (e["type"].as_str(), e["key"].as_str()),
                    (Some("COUNTRY"), Some(key)),
                    "{e}"
                );
            }
        }
        for (name, country) in [("Moscow", "RUS"), ("Beijing", "CHN")] {
            let found = entities(d, name);
            assert!(!found.is_empty());
            for e in found {
                assert_eq!(
                    (e["type"].as_str(), e["country"].as_str()),
                    (Some("CITY"), Some(country)),
                    "{e}"
                );
            }
        }
        for e in entities(d, "Russian") {
            assert_eq!(e["country"], "RUS", "{e}");
        }
    }
    // "anti-Russian sanctions" and "his Russian counterpart"
    let b = doc(&docs, B);
    let text = read("samples/".to_string() + B);
    let anti = text.find("anti-Russian").unwrap() + 5;
    assert!(entities(b, "Russian")
        .iter()
        .any(|e| e["start"].as_u64() == Some(anti as u64)));
    // the tag lines `russia` and `china` give no entities
    for tag in ["russia", "china"] {
        assert!(entities(b, tag).is_empty());
    }
}

fn date<'v>(d: &'v Value, text: &str) -> Vec<&'v str> {
    entities(d, text)
        .iter()
        .filter(|e| e["type"] == "DATE")
        .filter_map(|e| e["value"].as_str())
        .collect()
}

#[test]
fn dates_without_a_publication_date_stay_underspecified() {
    let docs = extract(&["samples/"]);
    let a = doc(&docs, A);
    assert_eq!(a["published"], Value::Null);
    assert_eq!(date(a, "April 16"), ["XXXX-04-16"]);
    assert_eq!(date(a, "19"), ["XXXX-04-19"]);
    assert_eq!(date(a, "Friday"), ["XXXX-WXX-5"]);
    assert_eq!(date(a, "Tuesday"), ["XXXX-WXX-2"]);
    assert_eq!(date(a, "last month"), ["XXXX-XX"]);
}

#[test]
fn dates_resolve_against_the_reference_date() {
    let docs = extract(&["--reference-date", "2023-04-14", "samples/"]);
    let a = doc(&docs, A);
    assert_eq!(a["published"], "2023-04-14");
    assert_eq!(a["published_source"], "reference");
    assert_eq!(date(a, "April 16"), ["2023-04-16"]);
    assert_eq!(date(a, "19"), ["2023-04-19"]);
    assert_eq!(date(a, "Friday"), ["2023-04-14"]);
    assert_eq!(date(a, "Tuesday"), ["2023-04-11"]);
    assert_eq!(date(a, "last month"), ["2023-03"]);
    let lm = entities(a, "last month")[0];
    assert_eq!(lm["interval"]["begin"], "2023-03-01");
    assert_eq!(lm["interval"]["end"], "2023-03-31");
    // 001 keeps its header date
    let b = doc(&docs, B);
    assert_eq!(b["published_source"], "header");
}

#[test]
fn header_title_url_and_dates_of_the_scraped_article() {
    let docs = extract(&["samples/"]);
    let b = doc(&docs, B);
    assert_eq!(b["published"], "2023-04-14");
    assert_eq!(b["published_source"], "header");
    assert_eq!(
        b["title"],
        "Chinese Defense Minister to Visit Russia on April 16-18"
    );
    assert!(b["url"]
        .as_str()
        .unwrap()
        .starts_with("https://sputnikglobe.com/20230414/"));
    assert!(date(b, "April 16").iter().all(|v| *v == "2023-04-16"));
    assert!(date(b, "18").iter().all(|v| *v == "2023-04-18"));
    assert_eq!(date(b, "early March"), ["2023-03"]);
    assert_eq!(date(b, "last month"), ["2023-03"]);
}

#[test]
fn events_of_article_000() {
    let docs = extract(&["--reference-date", "2023-04-14", "samples/"]);
    let a = doc(&docs, A);
    let visits = events(a, "VISIT");
    let li = visits
        .iter()
        .find(|e| arg(e, "actor") == ["Li Shangfu"])
        .expect("VISIT by Li Shangfu");
    assert_eq!(arg(li, "destination"), ["Moscow"]);
    assert_eq!(arg_country(li, "destination"), ["RUS"]);
    assert_eq!(arg(li, "target"), ["Sergey Shoigu"]);
    assert_eq!(time(li), (Some("2023-04-16"), Some("2023-04-19")));
    assert_eq!(li["modality"], "planned");
    let xi = visits
        .iter()
        .find(|e| arg(e, "actor") == ["Xi Jinping"])
        .expect("VISIT by Xi Jinping");
    assert_eq!(arg(xi, "destination"), ["Moscow"]);
    assert_eq!(arg(xi, "target"), ["Vladimir Putin"]);
    let meets = events(a, "MEET");
    assert!(meets
        .iter()
        .any(|e| arg(e, "actor") == ["Li Shangfu"] && arg(e, "target") == ["Sergey Shoigu"]));
    assert!(meets
        .iter()
        .any(|e| arg(e, "actor") == ["Xi Jinping"] && arg(e, "target") == ["Vladimir Putin"]));
    assert!(events(a, "STATEMENT")
        .iter()
        .any(|e| arg(e, "actor") == ["William Burns"]));
    let sanctions = events(a, "SANCTION");
    assert!(sanctions.iter().any(|e| arg_country(e, "actor") == ["USA"]
        && arg(e, "target") == ["Li Shangfu"]
        && e["modality"] == "asserted"));
    let refused = sanctions
        .iter()
        .find(|e| arg(e, "actor") == ["China"])
        .expect("China's refused sanctions");
    assert_eq!(refused["modality"], "negated");
    // nothing asserted from the hypothetical or negated clauses
    for e in events(a, "PROVIDE_AID") {
        assert_ne!(e["modality"], "asserted", "{e}");
    }
}

#[test]
fn events_of_article_001() {
    let docs = extract(&["samples/"]);
    let b = doc(&docs, B);
    let visits = events(b, "VISIT");
    let li: Vec<_> = visits
        .iter()
        .filter(|e| arg(e, "actor") == ["Li Shangfu"])
        .collect();
    assert_eq!(
        li.len(),
        1,
        "the repeated headline and lede give one visit: {visits:#?}"
    );
    let li = li[0];
    assert_eq!(arg(li, "destination"), ["Russia"]);
    assert_eq!(arg(li, "target"), ["Sergey Shoigu"]);
    assert_eq!(time(li).0, Some("2023-04-16"));
    assert_eq!(li["modality"], "planned");
    assert!(
        li["mentions"].as_array().unwrap().len() >= 3,
        "headline, lede and body are mentions"
    );
    for m in li["mentions"].as_array().unwrap() {
        assert!(
            m["trigger"]["text"]
                .as_str()
                .unwrap()
                .eq_ignore_ascii_case("visit")
                || m["trigger"]["text"] == "arrive"
        );
    }
    let xi = visits
        .iter()
        .find(|e| arg(e, "actor") == ["Xi Jinping"])
        .expect("VISIT by Xi");
    assert_eq!(arg(xi, "destination"), ["Russia"]);
    assert_eq!(xi["time"]["value"], "2023-03");
    let s = events(b, "SANCTION");
    assert!(
        s.iter().any(
            |e| arg_country(e, "actor").contains(&"USA") && arg_country(e, "target") == ["RUS"]
        ),
        "{s:#?}"
    );
    assert!(events(b, "STATEMENT")
        .iter()
        .any(|e| arg(e, "actor") == ["Tan Kefei"]));
}

#[test]
fn output_is_identical_for_one_and_two_threads() {
    let one = run(&[
        "extract",
        "-q",
        "--threads",
        "1",
        "--reference-date",
        "2023-04-14",
        "samples/",
    ]);
    let two = run(&[
        "extract",
        "-q",
        "--threads",
        "2",
        "--reference-date",
        "2023-04-14",
        "samples/",
    ]);
    assert!(one.status.success() && two.status.success());
    assert_eq!(one.stdout, two.stdout);
}
