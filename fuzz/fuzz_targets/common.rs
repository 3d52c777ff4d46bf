//! Shared by the fuzz targets: one pipeline per process and the span checks every target makes.

use newsfacts::{Analysis, Pipeline};
use std::sync::OnceLock;

/// The pipeline with the embedded resources and a reference date, built once.
pub fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        Pipeline::builder()
            .reference_date(chrono::NaiveDate::from_ymd_opt(2023, 4, 14).unwrap())
            .build()
            .expect("embedded resources build")
    })
}

/// Every span the stages produced is a valid, char-aligned slice of the text.
pub fn check_spans(a: &Analysis<'_>) {
    let t = a.text();
    for s in &a.sentences {
        assert!(t.get(s.span.range()).is_some(), "sentence {:?}", s.span);
    }
    for tok in &a.tokens {
        assert!(
            t.get(tok.span().range()).is_some(),
            "token {:?}",
            tok.span()
        );
        assert!(!tok.span().is_empty(), "empty token at {:?}", tok.span());
    }
    for e in &a.entities {
        assert!(t.get(e.span.range()).is_some(), "entity {:?}", e.span);
    }
    for ev in &a.events {
        assert!(
            t.get(ev.trigger.range()).is_some(),
            "trigger {:?}",
            ev.trigger
        );
        for arg in &ev.arguments {
            assert!(t.get(arg.span.range()).is_some(), "argument {:?}", arg.span);
        }
    }
}
