//! Runs every example of `rules/date_examples.tsv`: each date rule with the span, value and
//! TIMEX3 type it must give, with or without a publication date. A row whose span is `-` says
//! that the text holds no date at all (e.g. an age, "as soon as").

use newsfacts::model::{Document, EntityType};
use newsfacts::Pipeline;

#[test]
fn date_rule_examples() {
    let table = include_str!("../rules/date_examples.tsv");
    let pipeline = Pipeline::new().expect("pipeline");
    let mut failures = Vec::new();
    let mut rows = 0;
    for (n, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.starts_with("rule\t") || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "line {}: six columns expected", n + 1);
        let (rule, text, reference, span, value, kind) = (f[0], f[1], f[2], f[3], f[4], f[5]);
        rows += 1;
        let mut doc = Document::from_text(format!("ex{}", n + 1), text);
        if reference != "-" {
            doc.date = Some(reference.to_string());
        }
        let a = pipeline.analyze(&doc);
        let dates: Vec<(String, String, String)> = a
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::Date)
            .map(|e| {
                let t = e.timex.as_ref().expect("a DATE entity carries its TIMEX3");
                (
                    text[e.span.start..e.span.end].to_string(),
                    t.value.clone(),
                    format!("{:?}", t.timex_type).to_uppercase(),
                )
            })
            .collect();
        let ok = if span == "-" {
            dates.is_empty()
        } else {
            dates
                .iter()
                .any(|(s, v, k)| s == span && v == value && k == kind)
        };
        if !ok {
            failures.push(format!(
                "line {} ({rule}): {text:?} with reference {reference}: want {span:?} {value} {kind}, got {dates:?}",
                n + 1
            ));
        }
    }
    assert!(rows >= 40, "the example table lost rows");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
