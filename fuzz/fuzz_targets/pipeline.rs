//! The whole pipeline: any text gives valid spans and one JSON line that parses, whose entity
//! texts are the slices their offsets name.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsfacts::Document;

mod common;

fuzz_target!(|data: &[u8]| {
    let (text, _) = newsfacts::read::decode(data.to_vec());
    let doc = Document::from_text("fuzz", text);
    let a = common::pipeline().analyze(&doc);
    common::check_spans(&a);
    let mut line = Vec::new();
    newsfacts::export::json::write_document(&a, &mut line);
    assert_eq!(line.iter().filter(|&&b| b == b'\n').count(), 1);
    let v: serde_json::Value = serde_json::from_slice(&line).expect("output parses");
    for e in v["entities"].as_array().expect("entities") {
        let (s, en) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&doc.text[s..en], e["text"].as_str().unwrap());
    }
});
