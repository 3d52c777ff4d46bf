//! Dates: any text, with or without a publication date, gives DATE entities whose spans are
//! valid slices (the date stage after segmentation and tokenisation, without the tagger).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsfacts::{Analysis, Document, Stage};

mod common;

fuzz_target!(|data: &[u8]| {
    let (text, _) = newsfacts::read::decode(data.to_vec());
    let mut doc = Document::from_text("fuzz", text);
    // The first byte chooses whether the document carries a publication date.
    if data.first().is_some_and(|b| b & 1 == 1) {
        doc.date = Some("2023-04-14".into());
    }
    let p = common::pipeline();
    let mut a = Analysis::new(&doc);
    for stage in [Stage::Segment, Stage::Tokenize, Stage::Dates] {
        p.run_stage(stage, &mut a);
    }
    common::check_spans(&a);
});
