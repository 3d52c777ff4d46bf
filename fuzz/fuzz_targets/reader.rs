//! Reader: arbitrary bytes as a JSON Lines record and as an article file never panic, and a
//! document read from them has text that is valid UTF-8 within --max-doc-bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsfacts::read::{decode, looks_binary, parse_json_doc, Input};

fuzz_target!(|data: &[u8]| {
    let _ = looks_binary(data);
    let (text, lossy) = decode(data.to_vec());
    assert_eq!(lossy, std::str::from_utf8(data).is_err());
    for (n, line) in text.split('\n').enumerate() {
        match parse_json_doc(line, format!("fuzz#{}", n + 1), lossy, 4096) {
            Input::Doc(d) => {
                assert!(d.text.len() <= 4096);
                assert!(!d.id.is_empty());
            }
            Input::Failed { source, reason, .. } | Input::Skipped { source, reason } => {
                assert!(source.starts_with("fuzz#") && !reason.is_empty());
            }
        }
    }
});
