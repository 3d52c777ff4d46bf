//! Segmentation and tokenisation: any text gives sentences and tokens that are valid,
//! non-overlapping slices in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsfacts::{Analysis, Document, Stage};

mod common;

fuzz_target!(|data: &[u8]| {
    let (text, _) = newsfacts::read::decode(data.to_vec());
    let doc = Document::from_text("fuzz", text);
    let p = common::pipeline();
    let mut a = Analysis::new(&doc);
    p.run_stage(Stage::Segment, &mut a);
    p.run_stage(Stage::Tokenize, &mut a);
    common::check_spans(&a);
    let mut end = 0;
    for tok in &a.tokens {
        assert!(
            tok.span().start >= end,
            "tokens overlap at {:?}",
            tok.span()
        );
        end = tok.span().end;
    }
});
