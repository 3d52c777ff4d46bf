//! Property tests: any input goes through the whole pipeline without panicking, every span is a
//! valid slice of the text, and the JSON output parses and round-trips.

use newsfacts::export::json::write_document;
use newsfacts::{Document, Pipeline, Stage};
use proptest::prelude::*;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        Pipeline::builder()
            .reference_date(chrono::NaiveDate::from_ymd_opt(2023, 4, 14).unwrap())
            .build()
            .unwrap()
    })
}

/// Text made of news-like pieces, so that the rules fire, mixed with arbitrary characters.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Li Shangfu".to_string()),
        Just(" visited Moscow ".to_string()),
        Just("April 16 to 19".to_string()),
        Just(" on Friday. ".to_string()),
        Just("\n".to_string()),
        Just("the U.S.-led ".to_string()),
        Just("’s ".to_string()),
        Just(" date 2023-04-14 http://x\n".to_string()),
        Just("09:15 GMT 14.04.2023".to_string()),
        Just(" sanctions on Russia".to_string()),
        Just("He said".to_string()),
        "\\PC{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

fn check(text: String) -> Result<(), TestCaseError> {
    let doc = Document::from_text("p", text);
    let a = pipeline().analyze(&doc);
    let t = &doc.text;
    for s in &a.sentences {
        prop_assert!(t.get(s.span.range()).is_some());
    }
    for tok in &a.tokens {
        prop_assert!(t.get(tok.span().range()).is_some() && !tok.span().is_empty());
    }
    let mut last_end = 0;
    for e in &a.entities {
        prop_assert!(t.get(e.span.range()).is_some(), "entity span {:?}", e.span);
        prop_assert!(e.span.start >= last_end, "entities overlap at {:?}", e.span);
        last_end = e.span.end;
    }
    for ev in &a.events {
        prop_assert!(t.get(ev.trigger.range()).is_some());
        for arg in &ev.arguments {
            prop_assert!(t.get(arg.span.range()).is_some());
        }
    }
    let mut out = Vec::new();
    write_document(&a, &mut out);
    prop_assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 1);
    let v: serde_json::Value =
        serde_json::from_slice(&out).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let again = serde_json::to_vec(&v).unwrap();
    let v2: serde_json::Value = serde_json::from_slice(&again).unwrap();
    prop_assert_eq!(&v, &v2);
    for e in v["entities"].as_array().unwrap() {
        let (s, en) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        prop_assert_eq!(&t[s..en], e["text"].as_str().unwrap());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_processed_with_valid_spans(text in newsish()) {
        check(text)?;
    }

    #[test]
    fn any_unicode_is_processed(text in any::<String>()) {
        check(text)?;
    }

    /// The tokeniser's date-word marks and its sentence flags only spare the date stage work:
    /// it finds the same dates when every word is marked and every sentence is read.
    #[test]
    fn date_marks_change_no_date(text in newsish()) {
        let doc = Document::from_text("p", text);
        let hinted = pipeline().analyze(&doc);
        let mut a = newsfacts::Analysis::new(&doc);
        pipeline().run_stage(Stage::Segment, &mut a);
        // every word marked, every sentence read
        newsfacts::tokenize::Tokenizer::default().run(&mut a);
        for s in &mut a.sentences {
            s.maybe_date = true;
        }
        for stage in [Stage::Tag, Stage::Dates] {
            pipeline().run_stage(stage, &mut a);
        }
        let dates = |a: &newsfacts::Analysis<'_>| -> Vec<String> {
            a.entities.iter().map(|e| format!("{:?} {:?} {:?}", e.span, e.kind, e.timex)).collect()
        };
        prop_assert_eq!(dates(&hinted), dates(&a));
    }
}

/// A JSON Lines line: a document, a broken record, arbitrary bytes or a blank line.
fn jsonl_line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        (any::<String>(), any::<u32>()).prop_map(|(text, id)| {
            serde_json::json!({"id": id, "text": text})
                .to_string()
                .into_bytes()
        }),
        Just(b"{\"id\": \"x\"}".to_vec()),
        Just(b"{broken".to_vec()),
        Just(b"   ".to_vec()),
        prop::collection::vec(
            any::<u8>().prop_filter("no newline", |b| *b != b'\n'),
            0..64
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The reader accounts for every line of a JSON Lines file, in order, whatever it holds, and
    /// a document read from it is valid UTF-8 text within --max-doc-bytes.
    #[test]
    fn every_jsonl_line_is_accounted_for(lines in prop::collection::vec(jsonl_line(), 0..20)) {
        use newsfacts::read::{Input, ReadOptions, Reader};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.jsonl");
        let mut bytes = Vec::new();
        for l in &lines {
            bytes.extend_from_slice(l);
            bytes.push(b'\n');
        }
        std::fs::write(&path, &bytes).unwrap();
        let opts = ReadOptions { max_doc_bytes: 64, ..ReadOptions::default() };
        let items: Vec<Input> = Reader::new(&[path.to_string_lossy().into_owned()], opts).collect();
        prop_assert_eq!(items.len(), lines.len());
        for (k, item) in items.iter().enumerate() {
            let source = match item {
                Input::Doc(d) => {
                    prop_assert!(d.text.len() <= 64);
                    check(d.text.clone())?;
                    &d.source
                }
                Input::Skipped { source, .. } | Input::Failed { source, .. } => source,
            };
            let want = format!("#{}", k + 1);
            prop_assert!(source.ends_with(&want), "{} is not line {}", source, k + 1);
        }
    }
}
