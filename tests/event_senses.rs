//! Verbs of meeting and welcoming in their other sense: "meet demand", "welcomed the decision"
//! (an object that names a thing: `obj!` in rules/triggers.tsv) make no event; the same verbs
//! with people, groups, pronouns or no object at all still do. One sentence per document, so
//! that no event merges with another.

use newsfacts::model::EventType;
use newsfacts::{Document, Pipeline};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new().expect("pipeline"))
}

/// The trigger texts of the events of `kind` in `text`.
fn triggers(text: &str, kind: EventType) -> Vec<String> {
    let doc = Document::from_text("t", text);
    let a = pipeline().analyze(&doc);
    a.events
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| doc.text[e.trigger].to_string())
        .collect()
}

#[test]
fn a_thing_after_meet_or_welcome_is_another_sense() {
    for (text, kind) in [
        ("The company could not meet its debts.", EventType::Meet),
        (
            "Output was raised to meet commercial demand.",
            EventType::Meet,
        ),
        (
            "He asked for more investments to meet the growing demand for water.",
            EventType::Meet,
        ),
        (
            "The bank said it met its main strategic objectives for return on equity.",
            EventType::Meet,
        ),
        ("Traders welcomed the decision.", EventType::HostVisit),
        (
            "The minister welcomed the move on food prices.",
            EventType::HostVisit,
        ),
    ] {
        assert_eq!(triggers(text, kind), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn people_groups_and_no_object_still_meet() {
    for (text, kind, trigger) in [
        ("Xi met Putin in Moscow.", EventType::Meet, "met"),
        (
            "He will meet private bankers in Tokyo.",
            EventType::Meet,
            "meet",
        ),
        ("Reagan met the press on Monday.", EventType::Meet, "met"),
        (
            "Hundreds of fans greeted the star.",
            EventType::Meet,
            "greeted",
        ),
        (
            "I have met a large number of local authorities.",
            EventType::Meet,
            "met",
        ),
        (
            "The IAAF has met anti-doping officials.",
            EventType::Meet,
            "met",
        ),
        ("She said she had met everyone.", EventType::Meet, "met"),
        (
            "The two leaders met again in March.",
            EventType::Meet,
            "met",
        ),
        (
            "The ministers meet next on May 21.",
            EventType::Meet,
            "meet",
        ),
        (
            "Council members met behind closed doors.",
            EventType::Meet,
            "met",
        ),
        (
            "The president welcomed refugees at the border.",
            EventType::HostVisit,
            "welcomed",
        ),
        (
            "Putin welcomed Xi to the Kremlin.",
            EventType::HostVisit,
            "welcomed",
        ),
        (
            "Moscow hosted a second round of peace talks.",
            EventType::HostVisit,
            "hosted",
        ),
    ] {
        assert_eq!(triggers(text, kind), [trigger], "{text}");
    }
}
